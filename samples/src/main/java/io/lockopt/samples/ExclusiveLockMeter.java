package io.lockopt.samples;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Contention counters for the {@link LockStrategy#EXCLUSIVE} baseline's plain
 * {@code ReentrantLock}, so that {@link RealtimeDataManager#lockStats()} reports every strategy
 * in one shape.
 *
 * <p>Design notes: recorded only by the thread that holds (or just acquired) the lock, read by
 * any thread; every counter is a {@code LongAdder}/{@code LongAccumulator}, so updates never
 * contend with each other or with readers, and a snapshot is a set of independent sums (it may
 * mix figures from just before and just after a concurrent acquisition, which is fine for
 * monitoring).
 */
final class ExclusiveLockMeter {
    private final LongAdder readAcquisitions = new LongAdder();
    private final LongAdder writeAcquisitions = new LongAdder();
    private final LongAdder contended = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final LongAccumulator maxWaitNanos = new LongAccumulator(Math::max, 0);
    private final LongAdder holdNanos = new LongAdder();
    private final LongAccumulator maxHoldNanos = new LongAccumulator(Math::max, 0);

    /** Records an acquisition that had to wait {@code waitedNanos}. */
    void waited(long waitedNanos) {
        contended.increment();
        waitNanos.add(waitedNanos);
        maxWaitNanos.accumulate(waitedNanos);
    }

    /**
     * Records an acquisition by a reader (an operation that only reads the guarded state) or a
     * writer; the split is the evidence for a read/write lock. Returns the hold start for
     * {@link #released}.
     */
    long acquired(boolean reader) {
        (reader ? readAcquisitions : writeAcquisitions).increment();
        return System.nanoTime();
    }

    void released(long holdStartNanos) {
        long held = System.nanoTime() - holdStartNanos;
        holdNanos.add(held);
        maxHoldNanos.accumulate(held);
    }

    ManagedLockStats snapshot(String name) {
        return new ManagedLockStats(name, "ReentrantLock", readAcquisitions.sum(), writeAcquisitions.sum(),
                contended.sum(),
                waitNanos.sum(), maxWaitNanos.get(), holdNanos.sum(), maxHoldNanos.get(), 0);
    }
}
