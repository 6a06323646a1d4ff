package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.javaparser.ast.Node;

/**
 * What one method body does with locks: acquisitions, releases, critical sections, and every
 * call, field access and wait/notify with the locks held at that point. A lambda or an
 * initializer is its own {@code MethodFacts} (its code does not run under the enclosing
 * method's locks), linked to the enclosing one.
 */
public final class MethodFacts {

    public enum Kind {
        METHOD, CONSTRUCTOR, INITIALIZER, LAMBDA
    }

    private final ClassFacts owner;
    private final Node declaration;
    private final String name;
    private final Kind kind;
    private final boolean isStatic;
    private final String returnType;
    private final MethodFacts enclosing;
    final List<Acquisition> acquisitions = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();
    final List<CriticalSection> sections = new ArrayList<>();
    final List<CallSite> calls = new ArrayList<>();
    final List<FieldAccess> fieldAccesses = new ArrayList<>();
    final List<MonitorCall> monitorCalls = new ArrayList<>();

    MethodFacts(ClassFacts owner, Node declaration, String name, Kind kind, boolean isStatic, String returnType,
            MethodFacts enclosing) {
        this.owner = owner;
        this.declaration = declaration;
        this.name = name;
        this.kind = kind;
        this.isStatic = isStatic;
        this.returnType = returnType;
        this.enclosing = enclosing;
    }

    public ClassFacts owner() {
        return owner;
    }

    /** The method/constructor/initializer declaration, or the lambda expression. */
    public Node declaration() {
        return declaration;
    }

    /** The method name; {@code <init>}, {@code <clinit>}; for a lambda, the enclosing method's name. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isStatic() {
        return isStatic;
    }

    /** The qualified declared return type when resolvable, {@code void}, or {@code null}. */
    public String returnType() {
        return returnType;
    }

    /** For lambdas: the method they are written in; else {@code null}. */
    public MethodFacts enclosing() {
        return enclosing;
    }

    public List<Acquisition> acquisitions() {
        return Collections.unmodifiableList(acquisitions);
    }

    public List<Release> releases() {
        return Collections.unmodifiableList(releases);
    }

    public List<CriticalSection> sections() {
        return Collections.unmodifiableList(sections);
    }

    public List<CallSite> calls() {
        return Collections.unmodifiableList(calls);
    }

    public List<FieldAccess> fieldAccesses() {
        return Collections.unmodifiableList(fieldAccesses);
    }

    public List<MonitorCall> monitorCalls() {
        return Collections.unmodifiableList(monitorCalls);
    }

    /** {@code io.acme.Book.add}: for call graphs and messages. */
    public String qualifiedName() {
        return owner.name() + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
