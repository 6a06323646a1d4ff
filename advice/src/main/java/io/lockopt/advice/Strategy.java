package io.lockopt.advice;

/**
 * The ways of guarding read-mostly state that a calibration measures and the model compares.
 * Each is one variant of the {@code rwlock} benchmark suite (see {@code CalibrationSweep}).
 */
public enum Strategy {
    /** One exclusive lock for readers and writers ({@code ReentrantLock}). */
    EXCLUSIVE("exclusive lock"),
    /** Readers share a read lock, writers take the write lock ({@code ReentrantReadWriteLock}). */
    READ_WRITE("read/write lock"),
    /** Readers validate a {@code StampedLock} optimistic stamp, retrying under the read lock. */
    OPTIMISTIC("optimistic StampedLock read"),
    /** Readers read a volatile immutable snapshot; writers copy it under a lock. */
    COPY_ON_WRITE("immutable snapshot (copy-on-write)");

    private final String description;

    Strategy(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
