package io.lockopt.locks;

import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.lang.invoke.VarHandle;

/**
 * The {@link LockStatsRecorder} behind a lock with statistics on: every counter of the lock,
 * striped by thread, one cache line's worth of counters per stripe.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Who races with whom: owned stripes and one shared stripe.</b> Every thread that
 *     acquires or releases the lock records here, and a snapshot may run at any time. A thread
 *     maps to the stripe its id hashes to ({@code id & (STRIPES-1)}; ids are sequential, so
 *     the threads of a small pool land on different stripes) and claims it for itself with a
 *     CAS of the stripe's owner word from 0 to its id, once per lock. The owner word is the
 *     stripe's first long, beside the acquisition counts that every acquisition updates, so
 *     finding the stripe and counting touch one line; until 2026-12-04 the owners were a
 *     {@code Thread[]} of their own, a second line and a dependent load on every acquisition
 *     of every lock (a {@link KeyedLocks} with 64 hot keys has 64 of them). Thread ids are
 *     never reused while the JVM runs, so an id is as good an owner as the thread. The owner is then the only writer
 *     of that stripe and updates it with plain read-and-store pairs ({@code setOpaque}): no
 *     atomic instruction, no lock prefix, a line no other core writes; this is what makes the
 *     statistics nearly free on the uncontended path (Linux's per-CPU counters and the JDK's
 *     {@code ThreadLocalRandom} seed in {@code Thread} follow the same single-writer idea). A
 *     thread that finds no stripe of its own (more live threads than stripes) records in the
 *     extra shared stripe with atomic read-modify-writes ({@code getAndAdd}, a CAS loop for
 *     maxima), so it loses nothing. A
 *     snapshot reads each counter with a volatile load and sums the stripes: each value is
 *     exact once the writers' stores are visible (at once after they are joined or otherwise
 *     synchronized with), and the set is not one instant.</li>
 * <li><b>Stripes move on and are freed</b> (since 2026-12-04). A thread whose home stripe is
 *     owned by another takes the first stripe from there on that is free or whose owner has
 *     ended, with the same CAS of the owner word (from 0, or from the ended owner's id); until
 *     then a stripe stayed with its first owner for the lock's life, so in a pool that replaces
 *     its threads, or one with two live threads of one home stripe, every later thread recorded
 *     in the shared stripe (measured: {@code keyed.update} with statistics 0.55-0.62x of Guava
 *     {@code Striped} with fresh threads per window, 0.88-0.97x with long-lived ones). Whether
 *     an owner ended is asked only on that rare path: each claimer publishes, after its CAS, its
 *     {@link Owner} (its thread held weakly, so a lock keeps no dead thread reachable, and its
 *     id) in {@code owners}; an owner ended if that reference is cleared or its thread is no
 *     longer alive. <i>Who races with whom:</i> claimers race on the owner word, and the CAS
 *     lets one win; a claimer that reads an owner word whose {@link Owner} is not yet published
 *     (another id there, or none) takes the owner for alive, so a stripe is never taken from a
 *     live thread (the owner only ever writes its own stripe, so two plain writers of one
 *     counter would lose counts: {@code countsStayExactWhileThreadsComeAndGo} fails if ended
 *     owners are not checked). A thread that ended writes nothing more, and {@code isAlive()}
 *     returning false orders its last stores before the new owner's (JLS 17.4.4), so the new
 *     owner continues its counts. A thread that moved off its home stripe finds its stripe by
 *     that scan on every recording (at most {@code STRIPES} loads of owner words), and
 *     {@link #startOwnedAcquisition} sends it down {@link KeyedLocks}' slow path; both are
 *     cheaper than the shared stripe's atomic adds, and both are rare (a thread's home stripe
 *     is its id modulo {@code STRIPES}, and ids are sequential).</li>
 * <li><b>Why not one {@code LongAdder} per counter</b> (the house default, and this class's
 *     previous form): an acquisition touched five adders and accumulators, each its own cells
 *     on their own lines and, before an adder first sees contention, one shared base word, so a
 *     lock used by a single thread paid a CAS on a line that any other thread would steal. Here
 *     an uncontended acquisition is one plain increment on a line its thread owns, and the
 *     count it reads doubles as the hold-time sampling ticket (see
 *     {@link #startAcquisition}), which saves the random draw; the other counters of the
 *     acquisition, written after the lock was released, sit on the same line. Stripes are
 *     spaced {@value #STRIDE} longs apart with the counters in the middle (padding, as in
 *     Striped64's {@code @Contended} cells), so two stripes never share a line.</li>
 * <li><b>Sampling.</b> {@link #startAcquisition} times every hold of an owned stripe's first
 *     {@value #EXACT_HOLDS} acquisitions per mode (weight 1), then samples when a hash of the
 *     stripe's count falls in the low {@code 1/N} of its range (weight N). Deterministic and
 *     cheap, but not periodic: a workload whose holds alternate long and short in step with N
 *     is not systematically missed, as it would be by "every N-th acquisition". Over any long
 *     run each stripe samples close to one in N. {@link #recordHold} tells the two kinds apart
 *     by the stripe's count at the release, which only its owner moves: the ticket plus one,
 *     or more only for acquisitions nested inside the hold, so a reentrant hold straddling the
 *     switch may be weighed N once. The shared stripe's count moves with every thread sharing
 *     it, so it has no exact phase. The handle carries no weight: the lock's hot path stays
 *     as small as without the exact phase.</li>
 * <li><b>The wait histogram</b> is created on the first contended acquisition by a CAS on a
 *     field; losers drop their instance and use the winner's, so no wait is lost. It is striped
 *     by thread too ({@link LogHistogram}).</li>
 * </ul>
 */
final class ConcurrentLockStatsRecorder implements LockStatsRecorder {

    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(Owner[].class);
    private static final VarHandle HISTOGRAM;

    static {
        try {
            HISTOGRAM = MethodHandles.lookup()
                    .findVarHandle(ConcurrentLockStatsRecorder.class, "histograms", LogHistogram[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The first this many holds of each stripe and mode are all timed (weight 1), so a lock
     * used a few times has exact hold figures; sampling starts after them.
     */
    static final int EXACT_HOLDS = 64;

    /** A power of two: about two stripes per CPU, at most 16. */
    static final int STRIPES = Math.min(16, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2));

    // Offsets inside a stripe; per-mode counters are at base + mode.ordinal(). The owner's
    // thread id sits next to the acquisition counts, which every acquisition reads with it.
    private static final int OWNER = 0;
    private static final int ACQUISITIONS = 1;
    private static final int CONTENDED = 3;
    private static final int TIMEOUTS = 5;
    private static final int TOTAL_WAIT = 7;
    private static final int MAX_WAIT = 9;
    private static final int TOTAL_HOLD = 11;
    private static final int MAX_HOLD = 13;
    private static final int OPTIMISTIC_READS = 15;
    private static final int OPTIMISTIC_RETRIES = 16;
    private static final int PEAK_READ_HOLDS = 17;
    private static final int COUNTERS = 18;
    /** The {@link #OWNER} of a stripe nobody claimed: thread ids are positive. */
    private static final long NO_OWNER = 0L;
    /** Longs from one stripe's start to the next: the counters plus a line of padding each side. */
    private static final int PAD = 8;
    static final int STRIDE = PAD + COUNTERS + PAD - 1;

    /**
     * {@code STRIPES} owned stripes and one shared stripe (the last) of {@code STRIDE} longs;
     * counters start {@code PAD} longs in.
     */
    private final long[] counts = new long[(STRIPES + 1) * STRIDE + PAD];
    /**
     * Per stripe, the {@link Owner} of its claimer, published after the claim: read only by
     * threads looking for a stripe, to tell whether an owner has ended.
     */
    private final Owner[] owners = new Owner[STRIPES];
    private final long sampleMask;
    /** Wait histograms per mode, created together on the first contended acquisition. */
    @SuppressWarnings("unused") // accessed through HISTOGRAM
    private volatile LogHistogram[] histograms;

    /** @param sampling one acquisition in {@code sampling} (a power of two) has its hold timed */
    ConcurrentLockStatsRecorder(int sampling) {
        this.sampleMask = sampling - 1;
    }

    /** The calling thread's stripe; thread ids are sequential, so a pool's threads spread out. */
    static int stripeOfCurrentThread() {
        return (int) (Thread.currentThread().getId() & (STRIPES - 1));
    }

    /**
     * The start of the stripe the calling thread records in, as a non-negative index for an
     * owned stripe (plain updates) or {@code -1 - index} for the shared one (atomic updates).
     */
    private int stripeBase() {
        long id = Thread.currentThread().getId();
        int base = (int) (id & (STRIPES - 1)) * STRIDE + PAD;
        if ((long) COUNTS.getOpaque(counts, base + OWNER) == id) {
            return base;
        }
        return claimOrShare(id, base);
    }

    /**
     * The rare part of {@link #stripeBase}, for a thread that does not own its home stripe: the
     * stripe it claimed earlier elsewhere, else the first stripe from its home on that is free
     * or whose owner died (see "Stripes move on and are freed" in the design notes), else the
     * shared one. Apart so that the common path inlines as a load and a compare: the CAS
     * compiled into every caller made an uncontended acquisition's machine code too big for the
     * JIT to inline it into its caller.
     */
    private int claimOrShare(long id, int home) {
        int homeStripe = (home - PAD) / STRIDE;
        for (int i = 0; i < STRIPES; i++) {
            int base = ((homeStripe + i) & (STRIPES - 1)) * STRIDE + PAD;
            if ((long) COUNTS.getOpaque(counts, base + OWNER) == id) {
                return base;
            }
        }
        for (int i = 0; i < STRIPES; i++) {
            int stripe = (homeStripe + i) & (STRIPES - 1);
            int base = stripe * STRIDE + PAD;
            long owner = (long) COUNTS.getOpaque(counts, base + OWNER);
            if ((owner == NO_OWNER || ownerEnded(stripe, owner))
                    && COUNTS.compareAndSet(counts, base + OWNER, owner, id)) {
                OWNERS.setRelease(owners, stripe, Owner.CURRENT.get());
                return base;
            }
        }
        return -1 - (STRIPES * STRIDE + PAD);
    }

    /**
     * Whether the thread {@code ownerId} that owns {@code stripe} has ended. False while the
     * stripe's {@link Owner} is not yet (or no longer) that thread's: its claimer publishes it
     * just after its CAS, so a thread that just claimed is never taken for dead.
     */
    private boolean ownerEnded(int stripe, long ownerId) {
        Owner owner = (Owner) OWNERS.getAcquire(owners, stripe);
        if (owner == null || owner.id != ownerId) {
            return false;
        }
        Thread thread = owner.get();
        // isAlive() false: the thread's end happens-before this (JLS 17.4.4), so its last plain
        // counter stores are visible to the next owner. Collected: it ended before that GC.
        return thread == null || !thread.isAlive();
    }

    /** For tests: whether the calling thread records in a stripe of its own (plain stores). */
    boolean recordsInOwnStripe() {
        return stripeBase() >= 0;
    }

    /**
     * A stripe owner's thread, held weakly (so that a lock does not keep its dead users
     * reachable), with its id to match the stripe's {@link #OWNER} word. One per thread for all
     * recorders, created at its first claim.
     */
    private static final class Owner extends WeakReference<Thread> {
        static final ThreadLocal<Owner> CURRENT = ThreadLocal.withInitial(() -> new Owner(Thread.currentThread()));

        final long id;

        private Owner(Thread thread) {
            super(thread);
            this.id = thread.getId();
        }
    }

    /** Adds to counter {@code offset} of the stripe {@code base} names; returns the old value. */
    private long add(int base, int offset, long delta) {
        if (base >= 0) {
            long old = (long) COUNTS.getOpaque(counts, base + offset);
            COUNTS.setOpaque(counts, base + offset, old + delta);
            return old;
        }
        return (long) COUNTS.getAndAdd(counts, -1 - base + offset, delta);
    }

    private void max(int base, int offset, long value) {
        if (base >= 0) {
            if (value > (long) COUNTS.getOpaque(counts, base + offset)) {
                COUNTS.setOpaque(counts, base + offset, value);
            }
            return;
        }
        int index = -1 - base + offset;
        long current = (long) COUNTS.getOpaque(counts, index);
        while (value > current) {
            long witness = (long) COUNTS.compareAndExchange(counts, index, current, value);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    @Override
    public int holdTimeSampling() {
        return (int) sampleMask + 1;
    }

    @Override
    public boolean startAcquisition(LockMode mode) {
        int base = stripeBase();
        long ticket = add(base, ACQUISITIONS + mode.ordinal(), 1L);
        // Fibonacci hashing of the ticket: the top bits are spread, the pattern is not periodic.
        return sampleMask == 0 || ticket < EXACT_HOLDS && base >= 0
                || ((ticket * 0x9E3779B97F4A7C15L) >>> 40 & sampleMask) == 0;
    }

    @Override
    public int startOwnedAcquisition(LockMode mode) {
        long id = Thread.currentThread().getId();
        int base = (int) (id & (STRIPES - 1)) * STRIDE + PAD;
        if ((long) COUNTS.getOpaque(counts, base + OWNER) != id) {
            return -1;
        }
        long ticket = (long) COUNTS.getOpaque(counts, base + ACQUISITIONS + mode.ordinal());
        COUNTS.setOpaque(counts, base + ACQUISITIONS + mode.ordinal(), ticket + 1L);
        return ticket < EXACT_HOLDS || ((ticket * 0x9E3779B97F4A7C15L) >>> 40 & sampleMask) == 0 ? 1 : 0;
    }

    @Override
    public void abandonAcquisition(LockMode mode, boolean timedOut) {
        int base = stripeBase();
        add(base, ACQUISITIONS + mode.ordinal(), -1L);
        if (timedOut) {
            add(base, TIMEOUTS + mode.ordinal(), 1L);
        }
    }

    @Override
    public void recordWait(LockMode mode, long waitNanos) {
        int base = stripeBase();
        int m = mode.ordinal();
        add(base, CONTENDED + m, 1L);
        add(base, TOTAL_WAIT + m, waitNanos);
        max(base, MAX_WAIT + m, waitNanos);
        waitHistograms()[mode.ordinal()].record(waitNanos);
    }

    @Override
    public void recordHold(LockMode mode, long holdNanos) {
        int base = stripeBase();
        // The stripe's count now is the hold's ticket plus one (plus the thread's acquisitions
        // nested inside this hold): within the exact phase the hold stands for itself.
        long weight = sampleMask == 0
                || base >= 0 && (long) COUNTS.getOpaque(counts, base + ACQUISITIONS + mode.ordinal()) <= EXACT_HOLDS
                ? 1L : sampleMask + 1;
        add(base, TOTAL_HOLD + mode.ordinal(), holdNanos * weight);
        max(base, MAX_HOLD + mode.ordinal(), holdNanos);
    }

    @Override
    public void recordReadHolds(long readHolds) {
        max(stripeBase(), PEAK_READ_HOLDS, readHolds);
    }

    @Override
    public void recordOptimisticRead() {
        if (sampleMask == 0) {
            add(stripeBase(), OPTIMISTIC_READS, 1L);
        }
    }

    @Override
    public void recordOptimisticRetry() {
        int base = stripeBase();
        add(base, OPTIMISTIC_READS, 1L);
        add(base, OPTIMISTIC_RETRIES, 1L);
    }

    @Override
    public LockStats snapshot(String name, long currentReaders) {
        ModeStats reads = modeSnapshot(LockMode.READ);
        // Peaks above one are recorded by the lock; a single read hold is implied by any read.
        long peak = Math.max(Math.max(maxOf(PEAK_READ_HOLDS), currentReaders), reads.acquisitions() > 0 ? 1 : 0);
        return new LockStats(name, reads, modeSnapshot(LockMode.WRITE), currentReaders, peak,
                sampleMask == 0 ? sumOf(OPTIMISTIC_READS) : LockStats.NOT_COUNTED, sumOf(OPTIMISTIC_RETRIES), true);
    }

    private ModeStats modeSnapshot(LockMode mode) {
        int m = mode.ordinal();
        LogHistogram[] waits = histograms;
        long contended = sumOf(CONTENDED + m);
        // Histograms are created for both modes at once: a mode that never waited has none.
        return new ModeStats(sumOf(ACQUISITIONS + m), contended, sumOf(TIMEOUTS + m),
                sumOf(TOTAL_WAIT + m), maxOf(MAX_WAIT + m), sumOf(TOTAL_HOLD + m), maxOf(MAX_HOLD + m),
                waits == null || contended == 0 ? null : waits[m].snapshotCounts());
    }

    private long sumOf(int counter) {
        long sum = 0;
        for (int stripe = 0; stripe <= STRIPES; stripe++) {
            sum += (long) COUNTS.getVolatile(counts, stripe * STRIDE + PAD + counter);
        }
        return sum;
    }

    private long maxOf(int counter) {
        long max = 0;
        for (int stripe = 0; stripe <= STRIPES; stripe++) {
            max = Math.max(max, (long) COUNTS.getVolatile(counts, stripe * STRIDE + PAD + counter));
        }
        return max;
    }

    private LogHistogram[] waitHistograms() {
        LogHistogram[] existing = histograms;
        if (existing != null) {
            return existing;
        }
        LogHistogram[] created = {new LogHistogram(), new LogHistogram()};
        LogHistogram[] witness = (LogHistogram[]) HISTOGRAM.compareAndExchange(this, null, created);
        return witness == null ? created : witness;
    }
}
