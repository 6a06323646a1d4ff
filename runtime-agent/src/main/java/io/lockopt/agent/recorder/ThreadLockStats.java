package io.lockopt.agent.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One thread's statistics of one lock: what the uncontended hot path records, kept off every
 * shared cache line.
 *
 * <p>Hot locks are sampled: a thread times every one of its first {@link #TIME_ALL_FIRST}
 * acquisitions of the lock, then one in {@link #SAMPLE_EVERY}; acquisitions are always
 * counted, and hold totals (overall and per site) are the timed ones scaled by all holds over
 * timed holds. Sampling is by count, independent of site or duration, so the scaled totals
 * and the distribution's shape are unbiased estimates.
 *
 * <p>Design notes. Exactly one writer, the owning thread; one reader, the session's reporter.
 * Counters are plain fields that the writer increments and publishes with release stores
 * ({@link VarHandle#setRelease}) and the reader loads with acquire loads, so the reader sees
 * a value the writer wrote, never a torn or reordered one, and the writer pays no fence. The
 * hold distribution is an HdrHistogram {@link SingleWriterRecorder}: its writer side touches
 * only this thread's phaser and histogram; the reporter swaps out interval histograms. Holds
 * per acquiring site live in small parallel arrays that the writer alone grows (publishing
 * the grown arrays through the volatile {@link #sites} holder) and whose elements it writes
 * with release stores.
 */
final class ThreadLockStats {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ACQUISITIONS;
    private static final VarHandle READS;
    private static final VarHandle WRITES;
    private static final VarHandle HOLD_NANOS;
    private static final VarHandle HOLDS;
    private static final VarHandle TIMED_HOLDS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HOLDS = lookup.findVarHandle(ThreadLockStats.class, "holds", long.class);
            TIMED_HOLDS = lookup.findVarHandle(ThreadLockStats.class, "timedHolds", long.class);
            ACQUISITIONS = lookup.findVarHandle(ThreadLockStats.class, "acquisitions", long.class);
            READS = lookup.findVarHandle(ThreadLockStats.class, "reads", long.class);
            WRITES = lookup.findVarHandle(ThreadLockStats.class, "writes", long.class);
            HOLD_NANOS = lookup.findVarHandle(ThreadLockStats.class, "holdNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Every acquisition is timed until this many; after that one in {@link #SAMPLE_EVERY}. */
    static final long TIME_ALL_FIRST = 1024;
    static final long SAMPLE_EVERY = 16;

    private long acquisitions;
    private long reads;
    private long writes;
    private long holdNanos;
    private long holds;
    private long timedHolds;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(2);
    private volatile SiteHolds sites = new SiteHolds(new CallSite[4], new long[4], new long[4], new long[4]);
    private int siteCount;
    /** Reporter only: the interval histogram to recycle. */
    private Histogram interval;

    /** Whether the acquisition about to be counted gets its hold timed (called before {@link #acquired}). */
    boolean timesNext() {
        return acquisitions < TIME_ALL_FIRST || (acquisitions & (SAMPLE_EVERY - 1)) == 0;
    }

    void acquired(int mode) {
        ACQUISITIONS.setRelease(this, acquisitions + 1);
        if (mode == io.lockopt.agent.bootstrap.LockSink.READ) {
            READS.setRelease(this, reads + 1);
        } else if (mode == io.lockopt.agent.bootstrap.LockSink.WRITE) {
            WRITES.setRelease(this, writes + 1);
        }
    }

    /** An outermost release whose hold was not timed. */
    void heldUntimed() {
        HOLDS.setRelease(this, holds + 1);
    }

    void held(long nanos, CallSite site) {
        HOLDS.setRelease(this, holds + 1);
        TIMED_HOLDS.setRelease(this, timedHolds + 1);
        recorder.recordValue(nanos);
        HOLD_NANOS.setRelease(this, holdNanos + nanos);
        if (site != null) {
            SiteHolds current = sites;
            int index = indexOf(current, site);
            if (index < 0) {
                index = siteCount;
                if (index == current.sites().length) {
                    int grown = index * 2;
                    current = new SiteHolds(Arrays.copyOf(current.sites(), grown),
                            Arrays.copyOf(current.counts(), grown), Arrays.copyOf(current.totals(), grown),
                            Arrays.copyOf(current.maxima(), grown));
                }
                current.sites()[index] = site;
                siteCount = index + 1;
                sites = current; // volatile: publishes the slot (and grown arrays)
            }
            LONGS.setRelease(current.counts(), index, current.counts()[index] + 1);
            LONGS.setRelease(current.totals(), index, current.totals()[index] + nanos);
            if (nanos > current.maxima()[index]) {
                LONGS.setRelease(current.maxima(), index, nanos);
            }
        }
    }

    private int indexOf(SiteHolds current, CallSite site) {
        CallSite[] known = current.sites();
        for (int i = 0; i < siteCount; i++) {
            if (known[i] == site) {
                return i;
            }
        }
        return -1;
    }

    long acquisitions() {
        return (long) ACQUISITIONS.getAcquire(this);
    }

    long reads() {
        return (long) READS.getAcquire(this);
    }

    long writes() {
        return (long) WRITES.getAcquire(this);
    }

    /** The hold total: exact while every hold was timed, else the timed total scaled to all holds. */
    long holdNanos() {
        return Math.round((long) HOLD_NANOS.getAcquire(this) * scale());
    }

    /** All holds / timed holds: 1 until sampling starts. */
    double scale() {
        long timed = (long) TIMED_HOLDS.getAcquire(this);
        long all = (long) HOLDS.getAcquire(this);
        return timed == 0 ? 1.0 : (double) all / timed;
    }

    /** Reporter: adds the holds recorded since the last call to {@code into}. */
    void drainHolds(Histogram into) {
        interval = recorder.getIntervalHistogram(interval);
        into.add(interval);
    }

    /** Reporter: adds this thread's holds per site to {@code into} (count, total, max per site), scaled like {@link #holdNanos}. */
    void addSiteHolds(java.util.Map<CallSite, long[]> into) {
        double scale = scale();
        SiteHolds current = sites;
        CallSite[] known = current.sites();
        for (int i = 0; i < known.length && known[i] != null; i++) {
            long[] sum = into.computeIfAbsent(known[i], s -> new long[3]);
            sum[0] += Math.round((long) LONGS.getAcquire(current.counts(), i) * scale);
            sum[1] += Math.round((long) LONGS.getAcquire(current.totals(), i) * scale);
            sum[2] = Math.max(sum[2], (long) LONGS.getAcquire(current.maxima(), i));
        }
    }

    /** The per-site arrays, swapped whole when they grow. */
    private record SiteHolds(CallSite[] sites, long[] counts, long[] totals, long[] maxima) {
    }
}
