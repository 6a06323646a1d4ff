package io.lockopt.analyzer.facts;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.spi.SourceFile;

/**
 * The lock facts of one source file: its classes (with fields) and, per method, the locks it
 * takes and releases, its critical sections and what runs inside them. Computed once per file
 * in a single pass over the syntax tree and shared by every rule through {@link #of}; the
 * project-wide passes (call graph, lock-order graph, guard inference) build on these too.
 *
 * <p>Design notes: an instance is built by one thread inside {@link SourceFile#derived} and
 * never mutated afterwards; rules on other threads only read it, and the {@code derived} map's
 * publication (a {@code ConcurrentHashMap}) makes the finished object visible to them.
 */
public final class LockFacts {
    private final List<ClassFacts> classes;
    private final List<MethodFacts> methods;
    private final Map<String, ClassFacts> classesByName;
    private final TypeResolver types;

    LockFacts(List<ClassFacts> classes, List<MethodFacts> methods, Map<String, ClassFacts> classesByName,
            TypeResolver types) {
        this.types = types;
        this.classes = List.copyOf(classes);
        this.methods = List.copyOf(methods);
        this.classesByName = Collections.unmodifiableMap(classesByName);
    }

    /** The facts of {@code file}, computed on first use and shared by all rules. */
    public static LockFacts of(SourceFile file) {
        return file.lasting(LockFacts.class, LockFacts::extract);
    }

    /** Computes the facts of {@code file}; prefer {@link #of}, which caches. */
    public static LockFacts extract(SourceFile file) {
        return new FactsExtractor(file).extract();
    }

    /** Every class in the file, outer before nested, including local and anonymous ones. */
    public List<ClassFacts> classes() {
        return classes;
    }

    /** Every method, constructor, initializer and lambda body in the file. */
    public List<MethodFacts> methods() {
        return methods;
    }

    /**
     * The qualified name a type name written in this file refers to (imports, {@code java.lang},
     * the file's own types; otherwise a same-package guess).
     */
    public String qualify(String typeName) {
        return types.resolve(typeName);
    }

    /**
     * The names {@code qualified} may stand for instead when it is only this file's same-package guess
     * for a name its on-demand imports ({@code import org.acme.pool.*;}) may supply; else empty. Which
     * one it is, only the project's other files can tell.
     */
    public List<String> onDemandCandidates(String qualified) {
        return types.onDemandCandidates(qualified);
    }

    /** The class with that qualified name declared in this file, or {@code null}. */
    public ClassFacts classNamed(String qualifiedName) {
        return classesByName.get(qualifiedName);
    }

    /** True when {@code c} extends the class named {@code superclass}, through superclasses declared in this file. */
    public boolean extendsClass(ClassFacts c, String superclass) {
        for (int depth = 0; depth < 16 && c != null && c.superclass() != null; depth++) {
            if (c.superclass().equals(superclass)) {
                return true;
            }
            c = classNamed(c.superclass());
        }
        return false;
    }
}
