package io.lockopt.locks;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-bucket log-linear histogram of nanosecond values, the same layout as HdrHistogram
 * with three bits of sub-bucket precision: values below 8 have their own bucket, above that
 * each power of two is split into 8 equal buckets, so a bucket's width is at most 1/8 of its
 * lower bound (reported percentiles are at most 12.5% high). Values above about 36 minutes
 * ({@code 2^41} ns) share the last bucket.
 *
 * <p>Design notes: recording threads race only on {@link AtomicLongArray} increments, which are
 * atomic; a snapshot sums the counts one by one, so it may miss a value recorded during the
 * copy but never sees a torn count. The waits of one lock cluster in a few buckets, so one
 * counter per bucket would be a cache line that every waiting thread writes; the counts are
 * therefore striped, {@link #STRIPES} copies indexed by a hash of the thread id (as
 * {@code LongAdder} stripes by thread), each copy a separate region of the array, and a
 * snapshot adds the stripes up. 312 buckets of 8 bytes make 2.5 KB per stripe; the owner
 * allocates the histogram on the first contended acquisition, so locks that never wait pay
 * nothing.
 * Chosen over an HdrHistogram dependency because the locks module ships without runtime
 * dependencies and only needs a handful of percentiles from it.
 */
final class LogHistogram {

    private static final int SUB_BUCKET_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int MAX_MAGNITUDE = 40;
    /** The largest value with a bucket of its own; larger values are clamped to it. */
    static final long MAX_TRACKABLE = (1L << (MAX_MAGNITUDE + 1)) - 1;
    static final int BUCKET_COUNT = (MAX_MAGNITUDE - SUB_BUCKET_BITS + 2) * SUB_BUCKETS;

    /** Copies of the counts: the recorder's stripes, at most 4 (each copy is 2.5 KB). */
    static final int STRIPES = Math.min(4, ConcurrentLockStatsRecorder.STRIPES);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKET_COUNT * STRIPES);

    void record(long value) {
        int stripe = ConcurrentLockStatsRecorder.stripeOfCurrentThread() & (STRIPES - 1);
        counts.incrementAndGet(stripe * BUCKET_COUNT + bucketOf(value));
    }

    long[] snapshotCounts() {
        long[] sums = new long[BUCKET_COUNT];
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            for (int i = 0; i < BUCKET_COUNT; i++) {
                sums[i] += counts.get(stripe * BUCKET_COUNT + i);
            }
        }
        return sums;
    }

    static int bucketOf(long value) {
        long v = Math.min(Math.max(value, 0L), MAX_TRACKABLE);
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(v);
        int shift = magnitude - SUB_BUCKET_BITS;
        return (shift + 1) * SUB_BUCKETS + (int) ((v >>> shift) & (SUB_BUCKETS - 1));
    }

    /** The largest value that {@link #bucketOf} maps to {@code bucket}. */
    static long highestValueIn(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int shift = bucket / SUB_BUCKETS - 1;
        long lowest = (long) (SUB_BUCKETS + bucket % SUB_BUCKETS) << shift;
        return lowest + (1L << shift) - 1;
    }
}
