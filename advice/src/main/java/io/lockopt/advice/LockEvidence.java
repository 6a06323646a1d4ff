package io.lockopt.advice;

import java.util.Set;

/**
 * What is known about one lock: the figures a profile measured and the static findings on it.
 * Durations in nanoseconds.
 *
 * @param label          the lock's identity, {@code pkg.Class.field} (shared by analyzer and profiler)
 * @param kind           the profiler's kind ({@code ReentrantLock}, {@code synchronized},
 *                       {@code ReentrantReadWriteLock}, ...)
 * @param location       where it was taken most (a profile site {@code pkg.Class.method:line}), or null
 * @param acquisitions   acquisitions in the profile
 * @param contended      acquisitions that waited
 * @param activeNanos    how long the profile measured (instrumentation time left out)
 * @param cpus           processors of the machine the figures come from
 * @param waitTotalNanos summed waits
 * @param waitP99Nanos   99th percentile wait
 * @param holdTotalNanos summed holds
 * @param holdP50Nanos   median hold
 * @param holdP99Nanos   99th percentile hold
 * @param readShare      share of acquisitions that only read (a read/write lock's read side, else
 *                       the share made at call sites whose section looks read-only); null: unknown
 * @param readShareBasis where {@code readShare} comes from, for the evidence line
 * @param staticRules    ids of the analyzer's findings on this lock (empty without sources)
 * @param keyPartitioned whether the state it guards is partitioned by key (a keyed lock)
 */
public record LockEvidence(String label, String kind, String location, long acquisitions, long contended,
        long activeNanos, int cpus, long waitTotalNanos, long waitP99Nanos, long holdTotalNanos, long holdP50Nanos,
        long holdP99Nanos, Double readShare, String readShareBasis, Set<String> staticRules, boolean keyPartitioned) {

    public LockEvidence {
        staticRules = Set.copyOf(staticRules);
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be positive: " + cpus);
        }
    }

    /** The same figures with the static findings on the lock. */
    public LockEvidence withStaticRules(Set<String> rules) {
        return new LockEvidence(label, kind, location, acquisitions, contended, activeNanos, cpus, waitTotalNanos,
                waitP99Nanos, holdTotalNanos, holdP50Nanos, holdP99Nanos, readShare, readShareBasis, rules,
                keyPartitioned);
    }

    public double acquisitionsPerSecond() {
        return activeNanos <= 0 ? 0 : acquisitions * 1e9 / activeNanos;
    }

    public double contendedShare() {
        return acquisitions == 0 ? 0 : (double) contended / acquisitions;
    }

    /** Waits as a share of the machine's thread time (all processors over the profile). */
    public double waitShare() {
        return activeNanos <= 0 ? 0 : (double) waitTotalNanos / ((double) activeNanos * cpus);
    }

    /** Waits and holds as a share of the machine's thread time; above 1 when threads outnumber processors. */
    public double costShare() {
        return activeNanos <= 0 ? 0 : (double) (waitTotalNanos + holdTotalNanos) / ((double) activeNanos * cpus);
    }

    /**
     * Machine time per acquisition: all processors over the profile divided by the acquisitions.
     * For a lock whose users keep the processors busy this is what one use of it costs, lock
     * and everything around it.
     */
    public double machineNanosPerAcquisition() {
        return acquisitions == 0 ? Double.POSITIVE_INFINITY : (double) activeNanos * cpus / acquisitions;
    }

    /** Whether the lock already lets readers share it. */
    public boolean readersShare() {
        return kind != null && (kind.contains("ReadWrite") || kind.contains("Stamped") || kind.startsWith("lockopt"));
    }
}
