package io.lockopt.locks;

/** The two modes of a read/write lock. */
public enum LockMode {
    /** Shared: many readers may hold the lock at once. */
    READ,
    /** Exclusive: one writer and no reader. */
    WRITE
}
