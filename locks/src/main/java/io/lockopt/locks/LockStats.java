package io.lockopt.locks;

/**
 * Immutable snapshot of a {@link MeteredReadWriteLock}'s statistics. Each counter is read
 * atomically, but the counters are read one after the other while the lock stays in use, so
 * under load they need not add up to the same instant.
 *
 * @param name              the lock's name
 * @param read              read-mode statistics
 * @param write             write-mode statistics
 * @param currentReaders    read holds at the time of the snapshot (a reentrant hold counts again)
 * @param peakReaders       the most read holds seen at once
 * @param optimisticReads   calls of {@link MeteredReadWriteLock#optimisticRead}, counted only by
 *                          a lock with exact statistics
 *                          ({@link MeteredReadWriteLock.Builder#holdTimeSampling(int)
 *                          holdTimeSampling(1)}); {@link #NOT_COUNTED} otherwise, since counting
 *                          a successful optimistic read costs as much as the read itself
 * @param optimisticRetries optimistic reads that a concurrent write invalidated, so they
 *                          were run again under the read lock
 * @param statisticsEnabled false when the lock was built without statistics: every counter
 *                          except {@code currentReaders} is then zero
 */
public record LockStats(String name, ModeStats read, ModeStats write, long currentReaders,
        long peakReaders, long optimisticReads, long optimisticRetries, boolean statisticsEnabled) {

    /** A count the lock does not keep (as {@code ThreadMXBean} reports a CPU time it does not measure). */
    public static final long NOT_COUNTED = -1L;

    /** The statistics of the given mode. */
    public ModeStats mode(LockMode mode) {
        return mode == LockMode.READ ? read : write;
    }
}
