package io.lockopt.benchmark.suites;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread counts reported next to a reader's throughput (JMHSample_23_AuxCounters):
 * {@code reads} completed and {@code optimisticRetries}, the optimistic reads that a
 * concurrent write invalidated and that were rerun under the read lock. Zero for variants
 * that never read optimistically.
 *
 * <p>Design notes: {@code Scope.Thread}, so each counter has one writer (its thread) and JMH
 * sums them after the iteration; JMH pads thread states, so counters of different threads do
 * not share a cache line.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ReadCounters {
    public long reads;
    public long optimisticRetries;
    /** Runs of a read section; more than one for one read means it was retried. */
    long sectionRuns;

    @Setup(Level.Iteration)
    public void clear() {
        reads = 0;
        optimisticRetries = 0;
    }

    void read(boolean retried) {
        reads++;
        if (retried) {
            optimisticRetries++;
        }
    }
}
