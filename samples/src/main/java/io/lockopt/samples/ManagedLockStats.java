package io.lockopt.samples;

/**
 * Contention figures of one lock the manager uses, in one shape for every strategy (the
 * seed's {@code get_lock_optimization_stats}).
 *
 * @param name            lock name, e.g. {@code market-data} or {@code market-data[PT1S]}
 * @param kind            {@code ReentrantLock}, {@code MeteredReadWriteLock}, ...
 * @param peakReaders     most readers inside at once; 0 for exclusive locks
 */
public record ManagedLockStats(String name, String kind, long readAcquisitions, long writeAcquisitions,
        long contendedAcquisitions, long totalWaitNanos, long maxWaitNanos, long totalHoldNanos,
        long maxHoldNanos, long peakReaders) {

    public long acquisitions() {
        return readAcquisitions + writeAcquisitions;
    }

    /** Share of acquisitions that had to wait, 0..1. */
    public double contendedShare() {
        long all = acquisitions();
        return all == 0 ? 0 : (double) contendedAcquisitions / all;
    }
}
