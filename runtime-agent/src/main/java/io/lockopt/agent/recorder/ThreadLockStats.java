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

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACQUISITIONS = lookup.findVarHandle(ThreadLockStats.class, "acquisitions", long.class);
            READS = lookup.findVarHandle(ThreadLockStats.class, "reads", long.class);
            WRITES = lookup.findVarHandle(ThreadLockStats.class, "writes", long.class);
            HOLD_NANOS = lookup.findVarHandle(ThreadLockStats.class, "holdNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long acquisitions;
    private long reads;
    private long writes;
    private long holdNanos;
    private final SingleWriterRecorder holds = new SingleWriterRecorder(2);
    private volatile SiteHolds sites = new SiteHolds(new CallSite[4], new long[4], new long[4], new long[4]);
    private int siteCount;
    /** Reporter only: the interval histogram to recycle. */
    private Histogram interval;

    void acquired(int mode) {
        ACQUISITIONS.setRelease(this, acquisitions + 1);
        if (mode == io.lockopt.agent.bootstrap.LockSink.READ) {
            READS.setRelease(this, reads + 1);
        } else if (mode == io.lockopt.agent.bootstrap.LockSink.WRITE) {
            WRITES.setRelease(this, writes + 1);
        }
    }

    void held(long nanos, CallSite site) {
        holds.recordValue(nanos);
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

    long holdNanos() {
        return (long) HOLD_NANOS.getAcquire(this);
    }

    /** Reporter: adds the holds recorded since the last call to {@code into}. */
    void drainHolds(Histogram into) {
        interval = holds.getIntervalHistogram(interval);
        into.add(interval);
    }

    /** Reporter: adds this thread's holds per site to {@code into} (count, total, max per site). */
    void addSiteHolds(java.util.Map<CallSite, long[]> into) {
        SiteHolds current = sites;
        CallSite[] known = current.sites();
        for (int i = 0; i < known.length && known[i] != null; i++) {
            long[] sum = into.computeIfAbsent(known[i], s -> new long[3]);
            sum[0] += (long) LONGS.getAcquire(current.counts(), i);
            sum[1] += (long) LONGS.getAcquire(current.totals(), i);
            sum[2] = Math.max(sum[2], (long) LONGS.getAcquire(current.maxima(), i));
        }
    }

    /** The per-site arrays, swapped whole when they grow. */
    private record SiteHolds(CallSite[] sites, long[] counts, long[] totals, long[] maxima) {
    }
}
