package io.lockopt.analyzer.facts;

/**
 * The identity of a lock as the catalog names it: the declaring class and field
 * ({@code io.acme.OrderBook.lock}), or a monitor ({@code io.acme.OrderBook.this},
 * {@code io.acme.OrderBook.class}). Locals, parameters and lock-returning methods get a
 * method-scoped name; they never equal a field's identity. The same string is what
 * {@code lockopt profile} uses as a lock label, so static findings and runtime data join.
 */
public record LockId(String name, Kind kind) {

    /** Where the lock lives; later passes treat only {@link #isShared()} ones as project-wide. */
    public enum Kind {
        /** A field: {@code pkg.Class.field}. */
        FIELD,
        /** The monitor of an instance: {@code pkg.Class.this}. */
        THIS,
        /** The monitor of a class object: {@code pkg.Class.class}. */
        CLASS,
        /** A lock returned by a method of the class: {@code pkg.Class.lockFor()}. */
        METHOD_RESULT,
        /** A local variable or parameter: {@code pkg.Class.method.name}. */
        LOCAL,
        /** Any other expression; identity is its text within the method. */
        EXPRESSION
    }

    public static LockId field(String declaringClass, String field) {
        return new LockId(declaringClass + "." + field, Kind.FIELD);
    }

    public static LockId thisMonitor(String declaringClass) {
        return new LockId(declaringClass + ".this", Kind.THIS);
    }

    public static LockId classMonitor(String declaringClass) {
        return new LockId(declaringClass + ".class", Kind.CLASS);
    }

    /** True when two code paths in different methods can refer to this same lock. */
    public boolean isShared() {
        return kind == Kind.FIELD || kind == Kind.THIS || kind == Kind.CLASS || kind == Kind.METHOD_RESULT;
    }

    /**
     * A short human name for messages: {@code OrderBook.lock}, {@code OrderBook.this}; for a
     * local or parameter its name; for another expression its source text.
     */
    public String shortName() {
        if (kind == Kind.EXPRESSION) {
            return name.substring(name.indexOf(':') + 1);
        }
        int last = name.lastIndexOf('.');
        if (kind == Kind.LOCAL || last < 0) {
            return name.substring(last + 1);
        }
        int previous = name.lastIndexOf('.', last - 1);
        return name.substring(previous + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
