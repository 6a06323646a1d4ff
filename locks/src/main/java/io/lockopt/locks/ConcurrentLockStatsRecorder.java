package io.lockopt.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link LockStatsRecorder} behind a lock with statistics on.
 *
 * <p>Design notes: every thread that acquires or releases the lock records here at once, so
 * sums are {@link LongAdder}s (striped under contention, one CAS when not) and maxima are
 * {@link LongAccumulator}s over {@code Math::max}, which skip the CAS when the value does not
 * raise the maximum, so a steady state costs a volatile read. The wait histogram is created on
 * the first contended acquisition by a CAS on a field; losers drop their instance and use the
 * winner's, so no wait is lost. Snapshots read each counter on its own: each value is exact,
 * the set is not one instant.
 */
final class ConcurrentLockStatsRecorder implements LockStatsRecorder {

    private final ModeCounters read = new ModeCounters();
    private final ModeCounters write = new ModeCounters();
    private final LongAccumulator peakReadHolds = new LongAccumulator(Math::max, 0);
    private final LongAdder optimisticReads = new LongAdder();
    private final LongAdder optimisticRetries = new LongAdder();

    @Override
    public void recordUncontended(LockMode mode) {
        counters(mode).acquisitions.increment();
    }

    @Override
    public void recordContended(LockMode mode, long waitNanos) {
        ModeCounters counters = counters(mode);
        counters.acquisitions.increment();
        counters.contended.increment();
        counters.totalWait.add(waitNanos);
        counters.maxWait.accumulate(waitNanos);
        counters.waitHistogram().record(waitNanos);
    }

    @Override
    public void recordTimeout(LockMode mode) {
        counters(mode).timeouts.increment();
    }

    @Override
    public void recordHold(LockMode mode, long holdNanos, int weight) {
        ModeCounters counters = counters(mode);
        counters.totalHold.add(holdNanos * weight);
        counters.maxHold.accumulate(holdNanos);
    }

    @Override
    public void recordReadHolds(long readHolds) {
        peakReadHolds.accumulate(readHolds);
    }

    @Override
    public void recordOptimisticRead(boolean retried) {
        optimisticReads.increment();
        if (retried) {
            optimisticRetries.increment();
        }
    }

    @Override
    public LockStats snapshot(String name, long currentReaders) {
        return new LockStats(name, read.snapshot(), write.snapshot(), currentReaders,
                Math.max(peakReadHolds.get(), currentReaders), optimisticReads.sum(),
                optimisticRetries.sum(), true);
    }

    private ModeCounters counters(LockMode mode) {
        return mode == LockMode.READ ? read : write;
    }

    private static final class ModeCounters {
        private static final VarHandle HISTOGRAM;

        static {
            try {
                HISTOGRAM = MethodHandles.lookup()
                        .findVarHandle(ModeCounters.class, "histogram", LogHistogram.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LongAdder acquisitions = new LongAdder();
        final LongAdder contended = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final LongAdder totalWait = new LongAdder();
        final LongAdder totalHold = new LongAdder();
        final LongAccumulator maxWait = new LongAccumulator(Math::max, 0);
        final LongAccumulator maxHold = new LongAccumulator(Math::max, 0);
        @SuppressWarnings("unused") // accessed through HISTOGRAM
        private volatile LogHistogram histogram;

        LogHistogram waitHistogram() {
            LogHistogram existing = histogram;
            if (existing != null) {
                return existing;
            }
            LogHistogram created = new LogHistogram();
            LogHistogram witness = (LogHistogram) HISTOGRAM.compareAndExchange(this, null, created);
            return witness == null ? created : witness;
        }

        ModeStats snapshot() {
            LogHistogram waits = histogram;
            return new ModeStats(acquisitions.sum(), contended.sum(), timeouts.sum(), totalWait.sum(),
                    maxWait.get(), totalHold.sum(), maxHold.get(),
                    waits == null ? null : waits.snapshotCounts());
        }
    }
}
