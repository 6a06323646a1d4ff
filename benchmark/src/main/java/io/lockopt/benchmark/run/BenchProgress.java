package io.lockopt.benchmark.run;

import java.time.Duration;

/** Told about each variant execution as a run proceeds; called on the runner's thread. */
public interface BenchProgress {
    BenchProgress NONE = new BenchProgress() {
    };

    /**
     * A variant execution starts.
     *
     * @param index     1-based
     * @param total     executions in the plan
     * @param label     {@code rwlock.read impl=STAMPED_LOCK threads=1}
     * @param remaining estimated wall time left, this execution included
     */
    default void started(int index, int total, String label, Duration remaining) {
    }

    /** A line of JMH's own log, when the caller asked for it. */
    default void log(String line) {
    }
}
