package io.lockopt.agent.recorder;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Count, total and maximum of a series of durations (waits or holds) at one place.
 *
 * <p>Design notes: many application threads add concurrently; the reporter thread reads.
 * Striped {@link LongAdder}/{@link LongAccumulator} cells keep writers off one cache line;
 * a read is a moment's sum, not an atomic snapshot of all three, which a report can live with.
 */
final class WaitTally {
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0L);

    void add(long nanos) {
        count.increment();
        totalNanos.add(nanos);
        maxNanos.accumulate(nanos);
    }

    /** Adds another tally's series (the reporter folding a retired lock's figures). */
    void add(WaitTally other) {
        add(other.count(), other.totalNanos(), other.maxNanos());
    }

    void add(long n, long total, long max) {
        count.add(n);
        totalNanos.add(total);
        maxNanos.accumulate(max);
    }

    long count() {
        return count.sum();
    }

    long totalNanos() {
        return totalNanos.sum();
    }

    long maxNanos() {
        return maxNanos.get();
    }
}
