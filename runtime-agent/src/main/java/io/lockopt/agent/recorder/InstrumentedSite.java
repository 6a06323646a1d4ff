package io.lockopt.agent.recorder;

import java.lang.ref.WeakReference;

/**
 * One instrumented lock operation in application bytecode: where it is, what the field
 * label was (if the lock came straight from a field), and whether the critical section it
 * opens appears to write anything (a bytecode heuristic, see {@code LockCallSiteRewriter}).
 *
 * <p>Design notes: created and described while a class is transformed (one thread), then
 * read by application threads once the class runs. {@code sectionWrites} and
 * {@code writeEvidence} are finished before the class's bytes are returned to the JVM, but
 * are volatile so that no reader depends on the JVM's class-definition ordering. The
 * tallies are concurrent (see {@link WaitTally}).
 */
public final class InstrumentedSite {
    private final int id;
    private final String className;
    /** The loader of {@link #className} (null: bootstrap), held weakly: used to find static-field labels. */
    private final WeakReference<ClassLoader> loader;
    private final String methodName;
    /** 0 until known: a synchronized method's site is registered before its first line number is read. */
    private volatile int line;
    private final String label;
    private final String labelSource;
    private final String operation;
    private volatile boolean sectionWrites;
    private volatile String writeEvidence = "";
    private volatile boolean opensSection;
    private volatile boolean sectionEscapes;

    final WaitTally waits = new WaitTally();
    /** The first lock acquired here (set once, racily: any of the first ones is as good). */
    volatile LockRecord firstRecord;

    InstrumentedSite(int id, String className, ClassLoader loader, String methodName, int line, String label,
            String labelSource, String operation) {
        this.id = id;
        this.className = className;
        this.loader = loader == null ? null : new WeakReference<>(loader);
        this.methodName = methodName;
        this.line = line;
        this.label = label;
        this.labelSource = labelSource;
        this.operation = operation;
    }

    public int id() {
        return id;
    }

    public String className() {
        return className;
    }

    /** The class that contains this site, if it is (still) loaded; never initializes it. */
    Class<?> declaringClass() {
        ClassLoader classLoader = loader == null ? null : loader.get();
        if (loader != null && classLoader == null) {
            return null;
        }
        try {
            return Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    public String methodName() {
        return methodName;
    }

    public int line() {
        return line;
    }

    /** Sets the line of a site registered before it was known; a known line stays. */
    public void lineFound(int firstLine) {
        if (line <= 0) {
            line = firstLine;
        }
    }

    /** The field label ({@code pkg.Class.field}), or null when the lock did not come from a field. */
    public String label() {
        return label;
    }

    /** How the label was found: {@code field}, {@code this}, {@code class}; null without a label. */
    public String labelSource() {
        return labelSource;
    }

    public String operation() {
        return operation;
    }

    public boolean opensSection() {
        return opensSection;
    }

    public boolean sectionWrites() {
        return sectionWrites;
    }

    public String writeEvidence() {
        return writeEvidence;
    }

    /** This site acquires: what runs until the matching release is its critical section. */
    public void markOpensSection() {
        opensSection = true;
    }

    /** The method returns still holding the lock: the section cannot be classified here. */
    public void markEscapes() {
        sectionEscapes = true;
    }

    public boolean sectionEscapes() {
        return sectionEscapes;
    }

    /** The critical section opened here writes shared state; {@code evidence} says how (first one kept). */
    public void markWrites(String evidence) {
        if (!sectionWrites) {
            writeEvidence = evidence;
            sectionWrites = true;
        }
    }

    /** {@code pkg.Class.method:line}. */
    public String where() {
        return className + "." + methodName + (line > 0 ? ":" + line : "");
    }
}
