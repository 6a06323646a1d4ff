package io.lockopt.locks;

/**
 * Receives the events a {@link MeteredReadWriteLock} measures. The lock calls it only when
 * statistics are on; with statistics off it uses {@link #DISABLED} for snapshots and skips the
 * measuring (and its {@code System.nanoTime()} calls) altogether.
 *
 * <p>An acquisition is counted when it starts ({@link #startAcquisition}, before the lock is
 * requested, so that the count can choose which holds to time) and taken back if it times out
 * or is interrupted; its wait and hold are recorded after the lock has been released.
 */
interface LockStatsRecorder {

    /** Records nothing; snapshots are all zero. */
    LockStatsRecorder DISABLED = new LockStatsRecorder() {
        @Override
        public int holdTimeSampling() {
            return 1;
        }

        @Override
        public boolean startAcquisition(LockMode mode) {
            return false;
        }

        @Override
        public void abandonAcquisition(LockMode mode, boolean timedOut) {
        }

        @Override
        public void recordWait(LockMode mode, long waitNanos) {
        }

        @Override
        public void recordHold(LockMode mode, long holdNanos) {
        }

        @Override
        public void recordReadHolds(long readHolds) {
        }

        @Override
        public void recordOptimisticRead() {
        }

        @Override
        public void recordOptimisticRetry() {
        }

        @Override
        public LockStats snapshot(String name, long currentReaders) {
            return new LockStats(name, ModeStats.EMPTY, ModeStats.EMPTY, currentReaders, 0, 0, 0, false);
        }
    };

    /** One hold in this many is timed once the first exact ones are done; 1: every hold (and every optimistic read counted). */
    int holdTimeSampling();

    /** Counts an acquisition about to be attempted; true if its hold is to be timed. */
    boolean startAcquisition(LockMode mode);

    /**
     * {@link #startAcquisition} for the calling thread if it records in a stripe of its own
     * already: 1 if the hold is to be timed, 0 if not; -1 (nothing counted) otherwise, and the
     * caller then calls {@link #startAcquisition}. The hot path of {@link KeyedLocks}: no claim,
     * no shared stripe, so that it compiles small.
     */
    default int startOwnedAcquisition(LockMode mode) {
        return startAcquisition(mode) ? 1 : 0;
    }

    /** Takes back the count of an attempt that did not get the lock (a timeout or an interrupt). */
    void abandonAcquisition(LockMode mode, boolean timedOut);

    /** A counted acquisition waited {@code waitNanos} before getting the lock. */
    void recordWait(LockMode mode, long waitNanos);

    /**
     * A release after holding the lock for {@code holdNanos}, of an acquisition for which
     * {@link #startAcquisition} returned true. The recorder weighs it: as itself while it is
     * one of the first exactly timed holds, else as the number of holds a sample stands for.
     */
    void recordHold(LockMode mode, long holdNanos);

    /**
     * The number of read holds right after a read acquisition, for the peak. The lock reports
     * only counts above one (a lone reader is implied by any read acquisition), which keeps
     * the uncontended read path free of it.
     */
    void recordReadHolds(long readHolds);

    /**
     * A successful optimistic read. Counted only by a recorder with exact statistics
     * ({@link MeteredReadWriteLock.Builder#holdTimeSampling(int) holdTimeSampling(1)}): a count
     * costs as much as the optimistic read it counts (see {@link MeteredReadWriteLock}'s design
     * notes), so by default only retries are counted and the snapshot reports the total as
     * unknown ({@code -1}).
     */
    void recordOptimisticRead();

    /** An optimistic read that had to run again under the read lock (it counts as a read too). */
    void recordOptimisticRetry();

    LockStats snapshot(String name, long currentReaders);
}
