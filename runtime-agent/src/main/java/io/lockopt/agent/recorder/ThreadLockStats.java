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
 * <p>Hot locks with short holds are sampled: a thread times every one of its first
 * {@link #TIME_ALL_FIRST} acquisitions of the lock (weight 1); if most of those (the median)
 * held it less than {@link #SAMPLE_BELOW_NANOS}, it then times one in {@link #SAMPLE_EVERY}
 * (weight {@link #SAMPLE_EVERY}), reconsidering every {@link #RECONSIDER_EVERY} acquisitions;
 * locks typically held longer stay timed one by one. The median, not the mean, decides: a few
 * holds stretched by preemption must not make every acquisition of a hot lock read the clock. Acquisitions are always counted. Each timed hold enters the
 * totals, the per-site tallies and the histogram with its weight, so they estimate all holds
 * without over-weighting the first, often slower (not yet compiled) ones. Sampling is by
 * count, independent of site or duration. Long holds (spanning two ticks of {@link HoldTicks})
 * are a stratum of their own, every one counted once whether sampled or not, so a rare long
 * hold is neither weighted x256 nor lost: both strata's estimates are unbiased.
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

    /** Every acquisition is timed until this many; after that one in {@link #SAMPLE_EVERY}. */
    static final long TIME_ALL_FIRST = 1024;
    static final long SAMPLE_EVERY = 256;
    /** Locks whose median hold is shorter than this are sampled; the others are all timed. */
    static final long SAMPLE_BELOW_NANOS = 2_000;
    static final long RECONSIDER_EVERY = 65_536;

    private long acquisitions;
    private long reads;
    private long writes;
    private long holdNanos;
    /** The weight of the outstanding timed hold (set at acquisition, used at release). */
    private int pendingWeight;
    /** Acquisitions until the next timed one (owner thread only); 1: the next is timed. */
    private int untilTimed = 1;
    /** When (in acquisitions) sampling is decided next (owner thread only). */
    private long nextDecision = TIME_ALL_FIRST;
    /** Timed holds counted with their weights (owner thread only). */
    private long weightedHolds;
    /** Of those, the ones shorter than {@link #SAMPLE_BELOW_NANOS} (owner thread only). */
    private long shortHolds;
    /** Owner thread only: whether holds are sampled now (decided at 1024, reconsidered every 65536 or so). */
    private boolean sampling;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(2);
    private volatile SiteHolds sites = new SiteHolds(new InstrumentedSite[4], new long[4], new long[4], new long[4]);
    private int siteCount;
    /** Reporter only: the interval histogram to recycle. */
    private Histogram interval;
    /**
     * Always-on mode: the lock whose first contention opens the timing of holds (null: holds are
     * timed from the start). Until then an uncontended lock costs only its counters and a
     * countdown that looks at the flag once every {@link #SAMPLE_EVERY} acquisitions.
     */
    private final LockRecord untimedUntilContended;
    /** Owner thread only: {@link #untimedUntilContended} has been contended. */
    private boolean timingOpen;

    ThreadLockStats(LockRecord untimedUntilContended) {
        this.untimedUntilContended = untimedUntilContended;
        this.timingOpen = untimedUntilContended == null;
    }

    /**
     * Whether the acquisition about to be counted gets its hold timed (called before
     * {@link #acquired}); remembers the weight that hold will carry. The common answer is a
     * countdown; the decision is made out of line, once per timed acquisition.
     */
    boolean timesNext() {
        if (--untilTimed > 0) {
            return false;
        }
        return scheduleTimed();
    }

    /**
     * {@link #timesNext} in two steps, for a caller that keeps the decision out of line: counts
     * this acquisition down, true when a decision is due ({@link #scheduleTimed} must follow,
     * before {@link #acquired}).
     */
    boolean timingDue() {
        return --untilTimed <= 0;
    }

    /** The decision {@link #timingDue} announced: whether this acquisition's hold is timed. */
    boolean scheduleTimed() {
        long n = acquisitions;
        if (!timingOpen) {
            if (!untimedUntilContended.contendedSeen) {
                untilTimed = (int) SAMPLE_EVERY;
                return false;
            }
            // Opened: the first holds from now on are all timed, then sampling is decided as usual.
            timingOpen = true;
            nextDecision = n + TIME_ALL_FIRST;
        }
        if (n >= TIME_ALL_FIRST && n >= nextDecision) {
            // Sample only where timing costs as much as what it measures: typically short holds.
            // Locks typically held long stay timed one by one, where sampling would be both
            // cheap to avoid and imprecise.
            sampling = weightedHolds > 0 && shortHolds * 2 > weightedHolds;
            nextDecision = n + RECONSIDER_EVERY;
        }
        int every = n >= TIME_ALL_FIRST && sampling ? (int) SAMPLE_EVERY : 1;
        pendingWeight = every;
        untilTimed = every;
        return true;
    }

    void acquired(int mode) {
        ACQUISITIONS.setRelease(this, acquisitions + 1);
        if (mode == io.lockopt.agent.bootstrap.LockSink.READ) {
            READS.setRelease(this, reads + 1);
        } else if (mode == io.lockopt.agent.bootstrap.LockSink.WRITE) {
            WRITES.setRelease(this, writes + 1);
        }
    }

    /**
     * A timed hold of {@code nanos}, acquired at {@code site}: entered with its sampling weight,
     * or once when it is {@code long} (see {@link HoldTicks}: long holds are all counted, so a
     * sampled one stands only for itself).
     */
    void held(long nanos, InstrumentedSite site, boolean longHold) {
        record(nanos, site, longHold ? 1 : pendingWeight);
    }

    /**
     * A long hold that was not timed (its length estimated from {@link HoldTicks}): counted once,
     * as every long hold is. Only while {@link #holdsMeasured}.
     */
    void heldUntimed(long nanos, InstrumentedSite site) {
        record(nanos, site, 1);
    }

    /** Owner thread: false while an always-on lock's holds are not measured at all (never contended yet). */
    boolean holdsMeasured() {
        return timingOpen;
    }

    private void record(long nanos, InstrumentedSite site, int weight) {
        weightedHolds += weight;
        if (nanos < SAMPLE_BELOW_NANOS) {
            shortHolds += weight;
        }
        recorder.recordValueWithCount(nanos, weight);
        HOLD_NANOS.setRelease(this, holdNanos + nanos * weight);
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
            LONGS.setRelease(current.counts(), index, current.counts()[index] + weight);
            LONGS.setRelease(current.totals(), index, current.totals()[index] + nanos * weight);
            if (nanos > current.maxima()[index]) {
                LONGS.setRelease(current.maxima(), index, nanos);
            }
        }
    }

    private int indexOf(SiteHolds current, InstrumentedSite site) {
        InstrumentedSite[] known = current.sites();
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

    /** The hold total: exact while every hold is timed, then an estimate (weighted sample). */
    long holdNanos() {
        return (long) HOLD_NANOS.getAcquire(this);
    }

    /** Reporter: adds the holds recorded since the last call to {@code into}. */
    void drainHolds(Histogram into) {
        interval = recorder.getIntervalHistogram(interval);
        into.add(interval);
    }

    /** Reporter: adds this thread's (weighted) holds per site to {@code into}: count, total, max. */
    void addSiteHolds(java.util.Map<InstrumentedSite, long[]> into) {
        SiteHolds current = sites;
        InstrumentedSite[] known = current.sites();
        for (int i = 0; i < known.length && known[i] != null; i++) {
            long[] sum = into.computeIfAbsent(known[i], s -> new long[3]);
            sum[0] += (long) LONGS.getAcquire(current.counts(), i);
            sum[1] += (long) LONGS.getAcquire(current.totals(), i);
            sum[2] = Math.max(sum[2], (long) LONGS.getAcquire(current.maxima(), i));
        }
    }

    /** The per-site arrays, swapped whole when they grow. */
    private record SiteHolds(InstrumentedSite[] sites, long[] counts, long[] totals, long[] maxima) {
    }
}
