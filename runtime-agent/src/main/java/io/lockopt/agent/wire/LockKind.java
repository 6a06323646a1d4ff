package io.lockopt.agent.wire;

/**
 * What kind of lock a {@link Snapshot.LockStats} is, as the agent tells it apart; with the lock's
 * class name it gives the name reports show ({@link #displayName}), which is also how the kind
 * travels in JFR events and JSON reports.
 */
public enum LockKind {
    SYNCHRONIZED,
    REENTRANT_LOCK,
    REENTRANT_READ_WRITE_LOCK,
    STAMPED_LOCK,
    /** One key of lockopt's {@code KeyedLocks}. */
    LOCKOPT_KEYED_LOCKS,
    /** Another lock of lockopt's {@code io.lockopt.locks} package: its class names it. */
    LOCKOPT_LOCK,
    /** Any other {@code Lock} or {@code ReadWriteLock}: its class names it. */
    OTHER_LOCK;

    private static final String LOCKOPT_PACKAGE = "io.lockopt.locks.";
    private static final String LOCKOPT_PREFIX = "lockopt ";

    /** The kind a lock of class {@code className} is shown as, e.g. {@code lockopt MeteredReadWriteLock}. */
    public String displayName(String className) {
        return switch (this) {
            case SYNCHRONIZED -> "synchronized";
            case REENTRANT_LOCK -> "ReentrantLock";
            case REENTRANT_READ_WRITE_LOCK -> "ReentrantReadWriteLock";
            case STAMPED_LOCK -> "StampedLock";
            case LOCKOPT_KEYED_LOCKS -> LOCKOPT_PREFIX + "KeyedLocks";
            case LOCKOPT_LOCK -> {
                String simple = className.startsWith(LOCKOPT_PACKAGE) ? className.substring(LOCKOPT_PACKAGE.length())
                        : className;
                int dollar = simple.indexOf('$');
                yield LOCKOPT_PREFIX + (dollar < 0 ? simple : simple.substring(0, dollar));
            }
            case OTHER_LOCK -> className;
        };
    }

    /** A lockopt lock of a class in {@code io.lockopt.locks}: {@link #LOCKOPT_LOCK}. */
    public static boolean isLockoptClass(String className) {
        return className.startsWith(LOCKOPT_PACKAGE);
    }

    /** The kind of a {@link #displayName} read back (a JFR event's field). */
    public static LockKind ofDisplayName(String name) {
        for (LockKind kind : values()) {
            if (kind != LOCKOPT_LOCK && kind != OTHER_LOCK && kind.displayName("").equals(name)) {
                return kind;
            }
        }
        return name.startsWith(LOCKOPT_PREFIX) ? LOCKOPT_LOCK : OTHER_LOCK;
    }
}
