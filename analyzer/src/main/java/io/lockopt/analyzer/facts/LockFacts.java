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

    /** The field {@code name} of {@code start} or of a superclass declared in this file, or {@code null}. */
    public FieldFacts fieldInHierarchy(ClassFacts start, String name) {
        return fieldInHierarchy(classesByName, start, name);
    }

    static FieldFacts fieldInHierarchy(Map<String, ClassFacts> classesOfFile, ClassFacts start, String name) {
        ClassFacts c = start;
        for (int depth = 0; c != null && depth < 16; depth++) {
            FieldFacts f = c.field(name);
            if (f != null) {
                return f;
            }
            c = c.superclass() == null ? null : classesOfFile.get(c.superclass());
        }
        return null;
    }

    /**
     * The lock field {@code name} that {@code from} (or, for a bare name, a class enclosing it)
     * inherits from a superclass in another file, named as that superclass's own code names it
     * ({@code Base.lock}): the nearest superclass outside this file and outside the JDK. {@code null}
     * when there is none, or when a static import may supply a bare name. The extraction (for {@code
     * lock.lock()}) and the rules resolving {@code @GuardedBy("lock")} name it alike; the caller has
     * made sure that the name is no local and no field of this file.
     */
    public LockId inheritedField(ClassFacts from, String name, boolean bare) {
        return inheritedField(classesByName, types, from, name, bare);
    }

    static LockId inheritedField(Map<String, ClassFacts> classesOfFile, TypeResolver types, ClassFacts from,
            String name, boolean bare) {
        if (bare && types.staticallyImports(name)) {
            return null;
        }
        // A worker class inside the subclass reads the subclass's inherited field; JDK superclasses
        // (Thread, TimerTask) declare no such field. When two classes on the way out extend classes
        // of other files (df4j's subscription, a LinkImpl, inside a port), which one declares the
        // name only those files can tell: not guessed.
        String declaring = null;
        for (ClassFacts c = from; c != null; c = bare ? c.enclosing() : null) {
            String superclass = c.superclass();
            for (int depth = 0; superclass != null && classesOfFile.containsKey(superclass) && depth < 16; depth++) {
                superclass = classesOfFile.get(superclass).superclass();
            }
            if (superclass != null && !superclass.startsWith("java.") && !superclass.startsWith("javax.")) {
                if (declaring != null && !declaring.equals(superclass)) {
                    return null;
                }
                declaring = superclass;
            }
        }
        return declaring == null ? null : LockId.field(declaring, name);
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
