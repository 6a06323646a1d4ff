package io.lockopt.analyzer.facts;

/** What kind of lock-like object a type is; {@code null} elsewhere means "not a lock, or unknown". */
public enum LockKind {
    /** {@code java.util.concurrent.locks.Lock} and its implementations (incl. the read/write views). */
    LOCK,
    /** {@code ReadWriteLock} / {@code ReentrantReadWriteLock}: the lock itself, used through its views. */
    READ_WRITE_LOCK,
    /** {@code java.util.concurrent.locks.StampedLock}. */
    STAMPED_LOCK,
    /** {@code java.util.concurrent.locks.Condition}. */
    CONDITION,
    /** lockopt's own read/write lock, acquired as try-with-resources handles ({@code read()}, {@code write()}). */
    HANDLE_READ_WRITE_LOCK,
    /** lockopt's keyed locks: one read/write lock per key, acquired as handles. */
    KEYED_LOCKS;

    /** The lock kind of a qualified type name ({@code java.util.concurrent.locks.ReentrantLock}), or {@code null}. */
    public static LockKind ofType(String qualifiedName) {
        return KnownTypes.lockKind(qualifiedName);
    }
}
