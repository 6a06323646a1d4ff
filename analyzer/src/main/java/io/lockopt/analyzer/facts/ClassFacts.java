package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * A class, interface, enum, record, local or anonymous class declared in this file.
 *
 * @see LockFacts
 */
public final class ClassFacts {
    private final String name;
    private final NodeRef<Node> declaration;
    private final ClassFacts enclosing;
    private final boolean cannotBeSubclassed;
    private final boolean isPrivate;
    private final String superclass;
    private List<String> interfaces = List.of();
    private boolean documentedNotThreadSafe;
    private final List<String> annotations;
    private final Map<String, FieldFacts> fields = new LinkedHashMap<>();
    private final List<MethodFacts> methods = new ArrayList<>();

    ClassFacts(String name, NodeRef<Node> declaration, ClassFacts enclosing, boolean cannotBeSubclassed,
            boolean isPrivate, String superclass) {
        this.name = name;
        this.declaration = declaration;
        this.enclosing = enclosing;
        this.cannotBeSubclassed = cannotBeSubclassed;
        this.isPrivate = isPrivate;
        this.superclass = superclass;
        this.annotations = MethodFacts.annotationNames(declaration.get());
    }

    /** Qualified name, nested classes joined with dots ({@code io.acme.Book.Level}). */
    public String name() {
        return name;
    }

    public String simpleName() {
        return KnownTypes.simpleName(name);
    }

    /** The type declaration, or the {@code new X() {...}} expression of an anonymous class. */
    public Node declaration() {
        return declaration.get();
    }

    /**
     * The qualified names of the interfaces the declaration names: an interface's {@code extends},
     * a class's, enum's or record's {@code implements} (kept: the call graph's class hierarchy is
     * built without going back to the tree).
     */
    public List<String> interfaces() {
        return interfaces;
    }

    void interfaces(List<String> names) {
        this.interfaces = List.copyOf(names);
    }

    /**
     * Whether the comment just before the declaration says its instances are not thread-safe
     * ("This class is NOT thread-safe", "线程不安全"): see {@link SingleThreadedContracts#saysNotThreadSafe}.
     */
    public boolean documentedNotThreadSafe() {
        return documentedNotThreadSafe;
    }

    void documentedNotThreadSafe(boolean documented) {
        this.documentedNotThreadSafe = documented;
    }

    /**
     * The simple names of the declaration's annotations ({@code NotThreadSafe}): see
     * {@link MethodFacts#annotations()}.
     */
    public List<String> annotations() {
        return annotations;
    }

    /** The lexically enclosing class, or {@code null} for a top-level one. */
    public ClassFacts enclosing() {
        return enclosing;
    }

    /** Final classes, enums, records and anonymous classes. */
    public boolean cannotBeSubclassed() {
        return cannotBeSubclassed;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    /** The resolved superclass name, or {@code null}. */
    public String superclass() {
        return superclass;
    }

    public Map<String, FieldFacts> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public FieldFacts field(String fieldName) {
        return fields.get(fieldName);
    }

    /** Methods, constructors, initializers, and the lambdas written inside them. */
    public List<MethodFacts> methods() {
        return Collections.unmodifiableList(methods);
    }

    private Map<String, List<CallSite>> callsByName;
    private Map<String, List<MethodFacts>> methodsByName;

    /**
     * The calls its methods make to a method named {@code method}, on any receiver. Indexed on first
     * use, once the extraction is over: asked per method, a scan of every call would make a
     * generated class of thousands of methods quadratic.
     */
    public synchronized List<CallSite> callsNamed(String method) {
        index();
        return callsByName.getOrDefault(method, List.of());
    }

    /** Its methods named {@code method}, indexed like {@link #callsNamed}. */
    public synchronized List<MethodFacts> methodsNamed(String method) {
        index();
        return methodsByName.getOrDefault(method, List.of());
    }

    private void index() {
        if (callsByName != null) {
            return;
        }
        callsByName = new HashMap<>();
        methodsByName = new HashMap<>();
        for (MethodFacts m : methods) {
            methodsByName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
            for (CallSite call : m.calls()) {
                callsByName.computeIfAbsent(call.name(), k -> new ArrayList<>()).add(call);
            }
        }
    }

    void addField(FieldFacts field) {
        fields.put(field.name(), field);
    }

    void replaceField(FieldFacts field) {
        fields.put(field.name(), field);
    }

    void addMethod(MethodFacts method) {
        methods.add(method);
    }

    @Override
    public String toString() {
        return name;
    }
}
