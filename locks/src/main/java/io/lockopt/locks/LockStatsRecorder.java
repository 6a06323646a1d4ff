package io.lockopt.locks;

/**
 * Receives the events a {@link MeteredReadWriteLock} measures. The lock calls it only when
 * statistics are on; with statistics off it uses {@link #DISABLED} for snapshots and skips the
 * measuring (and its {@code System.nanoTime()} calls) altogether.
 */
interface LockStatsRecorder {

    /** Records nothing; snapshots are all zero. */
    LockStatsRecorder DISABLED = new LockStatsRecorder() {
        @Override
        public void recordUncontended(LockMode mode) {
        }

        @Override
        public void recordContended(LockMode mode, long waitNanos) {
        }

        @Override
        public void recordTimeout(LockMode mode) {
        }

        @Override
        public void recordHold(LockMode mode, long holdNanos, int weight) {
        }

        @Override
        public void recordReadHolds(long readHolds) {
        }

        @Override
        public void recordOptimisticRead(boolean retried) {
        }

        @Override
        public LockStats snapshot(String name, long currentReaders) {
            return new LockStats(name, ModeStats.EMPTY, ModeStats.EMPTY, currentReaders, 0, 0, 0, false);
        }
    };

    /** An acquisition that got the lock without waiting. */
    void recordUncontended(LockMode mode);

    /** An acquisition that waited {@code waitNanos} before getting the lock. */
    void recordContended(LockMode mode, long waitNanos);

    /** A timed acquisition that gave up. */
    void recordTimeout(LockMode mode);

    /**
     * A release after holding the lock for {@code holdNanos}; {@code weight} is how many
     * releases this measured one stands for when hold times are sampled.
     */
    void recordHold(LockMode mode, long holdNanos, int weight);

    /** The number of read holds right after a read acquisition, for the peak. */
    void recordReadHolds(long readHolds);

    /** An optimistic read; {@code retried} when it had to run again under the read lock. */
    void recordOptimisticRead(boolean retried);

    LockStats snapshot(String name, long currentReaders);
}
