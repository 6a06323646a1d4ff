package io.lockopt.locks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Immutable statistics of one mode (read or write) of a lock, taken by {@link LockStats}.
 *
 * <p>Wait times are measured only for acquisitions that had to wait (contended ones); an
 * uncontended acquisition counts as a wait of zero, which is what the percentiles report for it.
 */
public final class ModeStats {

    /** Statistics of a mode that was never used, or of a lock with statistics switched off. */
    public static final ModeStats EMPTY = new ModeStats(0, 0, 0, 0, 0, 0, 0, null);

    private final long acquisitions;
    private final long contendedAcquisitions;
    private final long timeouts;
    private final long totalWaitNanos;
    private final long maxWaitNanos;
    private final long totalHoldNanos;
    private final long maxHoldNanos;
    /** Counts of contended waits per {@link LogHistogram} bucket; null when none was recorded. */
    private final long[] contendedWaitBuckets;

    ModeStats(long acquisitions, long contendedAcquisitions, long timeouts, long totalWaitNanos,
            long maxWaitNanos, long totalHoldNanos, long maxHoldNanos, long[] contendedWaitBuckets) {
        this.acquisitions = acquisitions;
        this.contendedAcquisitions = contendedAcquisitions;
        this.timeouts = timeouts;
        this.totalWaitNanos = totalWaitNanos;
        this.maxWaitNanos = maxWaitNanos;
        this.totalHoldNanos = totalHoldNanos;
        this.maxHoldNanos = maxHoldNanos;
        this.contendedWaitBuckets = contendedWaitBuckets;
    }

    /** Successful acquisitions (timed-out attempts are not counted here). */
    public long acquisitions() {
        return acquisitions;
    }

    /** Successful acquisitions that found the lock unavailable and had to wait. */
    public long contendedAcquisitions() {
        return contendedAcquisitions;
    }

    /** Timed acquisitions that gave up. */
    public long timeouts() {
        return timeouts;
    }

    /** Sum of the waits of the contended acquisitions. */
    public long totalWaitNanos() {
        return totalWaitNanos;
    }

    /** Longest single wait of a successful acquisition. */
    public long maxWaitNanos() {
        return maxWaitNanos;
    }

    /**
     * Sum of the times the lock was held in this mode: exact when every hold is timed, else the
     * sampled holds scaled up (see {@link MeteredReadWriteLock.Builder#holdTimeSampling(int)}).
     */
    public long totalHoldNanos() {
        return totalHoldNanos;
    }

    /** Longest timed hold in this mode (of the sampled ones when hold times are sampled). */
    public long maxHoldNanos() {
        return maxHoldNanos;
    }

    /**
     * The wait time at or below which {@code percentile} percent of the successful acquisitions
     * fall (uncontended ones count as zero); at most 12.5% above the true value, never above
     * {@link #maxWaitNanos()}; zero when there were no acquisitions.
     *
     * @param percentile between 0 and 100
     */
    public long waitPercentileNanos(double percentile) {
        if (!(percentile >= 0.0 && percentile <= 100.0)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100: " + percentile);
        }
        if (contendedWaitBuckets == null) {
            return 0;
        }
        long recorded = 0;
        for (long count : contendedWaitBuckets) {
            recorded += count;
        }
        // The counters are read one after the other, so a snapshot taken under load may see a
        // wait in the histogram whose acquisition it did not count yet; never let zeros go negative.
        long total = Math.max(acquisitions, recorded);
        long zeros = total - recorded;
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        if (rank <= zeros) {
            return 0;
        }
        long seen = zeros;
        for (int bucket = 0; bucket < contendedWaitBuckets.length; bucket++) {
            seen += contendedWaitBuckets[bucket];
            if (seen >= rank) {
                return Math.min(LogHistogram.highestValueIn(bucket), maxWaitNanos);
            }
        }
        return maxWaitNanos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModeStats other
                && acquisitions == other.acquisitions
                && contendedAcquisitions == other.contendedAcquisitions
                && timeouts == other.timeouts
                && totalWaitNanos == other.totalWaitNanos
                && maxWaitNanos == other.maxWaitNanos
                && totalHoldNanos == other.totalHoldNanos
                && maxHoldNanos == other.maxHoldNanos
                && Arrays.equals(contendedWaitBuckets, other.contendedWaitBuckets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(acquisitions) * 31 + Long.hashCode(totalWaitNanos);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "acquisitions=%d contended=%d timeouts=%d wait[total=%dns max=%dns p50=%dns p99=%dns]"
                        + " hold[total=%dns max=%dns]",
                acquisitions, contendedAcquisitions, timeouts, totalWaitNanos, maxWaitNanos,
                waitPercentileNanos(50), waitPercentileNanos(99), totalHoldNanos, maxHoldNanos);
    }
}
