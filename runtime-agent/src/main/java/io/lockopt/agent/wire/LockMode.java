package io.lockopt.agent.wire;

import java.util.Locale;

/**
 * How a lock record was taken: a plain lock or monitor ({@link #EXCLUSIVE}), the read or write
 * side of a read/write lock, or a {@code StampedLock} taken both ways ({@link #MIXED}). Its
 * {@link #wireName} is how JFR events and reports write it.
 */
public enum LockMode {
    EXCLUSIVE, READ, WRITE, MIXED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a {@link #wireName} names. */
    public static LockMode ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
