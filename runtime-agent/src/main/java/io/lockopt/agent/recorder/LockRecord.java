package io.lockopt.agent.recorder;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.lockopt.agent.wire.LockKind;

/**
 * Everything recorded about one lock instance (one object: a {@code ReentrantLock}, one side
 * of a read/write lock, a {@code StampedLock}, a monitor).
 *
 * <p>Design notes. Writers are application threads inside the hooks; the one reader is the
 * session's reporter thread. The uncontended hot path (acquisitions, reads/writes, holds)
 * goes to each thread's own {@link ThreadLockStats}, so threads taking the same lock share no
 * cache line for it; a thread beyond the session's per-thread budget falls back to the shared
 * {@link LongAdder}s and HdrHistogram {@link Recorder} here. The contended path (waits) is
 * recorded here directly: it has already blocked. Recorders' writers are wait-free and
 * allocation-free (except when a histogram grows to a new range); the reporter swaps out
 * interval histograms and adds them to its cumulative copies. The
 * per-site and per-thread wait maps are touched only on the contended path, keyed by
 * identity ({@link InstrumentedSite}, {@link ThreadState}) so a lookup allocates nothing. The
 * lock-order successors are a copy-on-write array of records, appended under this record's
 * monitor the first time an edge is seen; the common case (edge known) is a lock-free scan.
 * The lock itself is held weakly: profiling must not keep a dead lock alive.
 *
 * <p>Retirement. Once the lock is collected, the reporter folds the record into its label's
 * {@linkplain #retiredInstances(LockRecord, int) retired-instances record} ({@link RetiredLocks})
 * and drops it. No application thread writes to it by then: every hook keeps the lock reachable
 * until its last write to the record (the lock is on the thread's held stack or site cache, or a
 * live argument, see {@code LockRecorder#releasedSlowly}'s reachability fence), so the collector
 * cannot have cleared {@link #lock} while a write is in flight, and the clearing happens at a
 * safepoint, after which the reporter's reads see those writes. {@link #retired} tells the threads
 * that still name the record in their own statistics maps to drop it.
 */
final class LockRecord {
    /** Histograms keep two significant digits: 1% resolution is plenty for waits and holds. */
    private static final int SIGNIFICANT_DIGITS = 2;

    final int id;
    final int identityHash;
    final WeakReference<Object> lock;
    final String className;
    final LockKind kind;
    final int mode;
    /** A retired-instances record: it stands for collected instances, not for a lock. */
    final boolean collectsRetired;

    private volatile String label;
    private volatile String labelSource;
    private volatile LockRecord owner;

    final LongAdder acquisitions = new LongAdder();
    final LongAdder contended = new LongAdder();
    /** Set once, at the first contended acquisition: from then on holds are timed in always-on mode. */
    volatile boolean contendedSeen;
    final LongAdder reads = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder reentrant = new LongAdder();
    final LongAdder tryFailures = new LongAdder();
    /** Exact totals next to the histograms (whose totals are only as precise as their buckets). */
    final LongAdder holdNanos = new LongAdder();
    final LongAdder waitNanos = new LongAdder();
    private final Recorder holdRecorder = new Recorder(SIGNIFICANT_DIGITS);
    private volatile Recorder waitRecorder;
    final ConcurrentHashMap<InstrumentedSite, WaitTally> waitsBySite = new ConcurrentHashMap<>();
    final ConcurrentHashMap<ThreadState, WaitTally> waitsByThread = new ConcurrentHashMap<>();
    /** Contended waits by the thread that held the lock when they began, where it had taken it, and where they waited. */
    final ConcurrentHashMap<HolderKey, WaitTally> waitsByHolder = new ConcurrentHashMap<>();
    /** One stack per holder thread and site where it held this lock while others waited, taken the first time. */
    final ConcurrentHashMap<HolderStackKey, java.util.List<String>> holderStacks = new ConcurrentHashMap<>();
    /**
     * Holds by acquiring site (the section's site for helper-acquired locks), for threads past
     * the per-thread statistics budget; the others keep theirs in {@link #threadStats}.
     */
    final ConcurrentHashMap<InstrumentedSite, WaitTally> holdsBySite = new ConcurrentHashMap<>();
    /** Every thread's own statistics of this lock; appended once per thread, read by the reporter. */
    final java.util.concurrent.CopyOnWriteArrayList<ThreadLockStats> threadStats =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile LockOrderEdge[] successors = new LockOrderEdge[0];

    /** Set by the reporter when the record is folded into its retired-instances record. */
    volatile boolean retired;
    /** For a retired-instances record: how many collected instances it holds (reporter only); 0 for a live one. */
    int retiredInstances;

    // Reporter-thread only: cumulative histograms and the interval histograms to recycle.
    private final Histogram holdTotal = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram waitTotal = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram holdInterval;
    private Histogram waitInterval;

    LockRecord(int id, Object lock, LockKind kind, int mode) {
        this.id = id;
        this.identityHash = System.identityHashCode(lock);
        this.lock = new WeakReference<>(lock);
        this.className = lock instanceof KeyedLockTokens.KeyToken ? KeyedLockTokens.KeyToken.CLASS_NAME
                : lock.getClass().getName();
        this.kind = kind;
        this.mode = mode;
        this.collectsRetired = false;
    }

    /**
     * The record that collects the figures of {@code first}'s label's collected instances: same
     * class, kind, mode and own label, no lock, owned by {@code owner} (the retired-instances
     * record of {@code first}'s read/write lock), or null.
     */
    static LockRecord retiredInstances(LockRecord first, int id, LockRecord owner) {
        LockRecord aggregate = new LockRecord(id, first.className, first.kind, first.mode);
        aggregate.label = first.label;
        aggregate.labelSource = first.labelSource;
        aggregate.owner = owner;
        aggregate.firstSite = first.firstSite;
        aggregate.staticFieldSearched = true;
        return aggregate;
    }

    private LockRecord(int id, String className, LockKind kind, int mode) {
        this.id = id;
        this.identityHash = 0;
        this.lock = new WeakReference<>(null);
        this.collectsRetired = true;
        this.className = className;
        this.kind = kind;
        this.mode = mode;
    }

    /** The label of its own (a read/write lock's view may show its owner's instead): what retired instances are grouped by. */
    String ownLabel() {
        return label;
    }

    String ownLabelSource() {
        return labelSource;
    }

    /**
     * Reporter thread: adds everything {@code dead} recorded (a record of a collected instance,
     * see the class notes) to this retired-instances record. {@code to} maps the lock-order edges'
     * targets that retire in the same pass to their retired-instances records.
     */
    void absorb(LockRecord dead, java.util.function.UnaryOperator<LockRecord> to) {
        dead.drainHistograms();
        Totals totals = dead.totals();
        acquisitions.add(totals.acquisitions());
        reads.add(totals.reads());
        writes.add(totals.writes());
        holdNanos.add(totals.holdNanos());
        contended.add(dead.contended.sum());
        reentrant.add(dead.reentrant.sum());
        tryFailures.add(dead.tryFailures.sum());
        waitNanos.add(dead.waitNanos.sum());
        if (dead.contendedSeen) {
            contendedSeen = true;
        }
        holdTotal.add(dead.holdTotal);
        waitTotal.add(dead.waitTotal);
        dead.waitsBySite.forEach((site, tally) -> waitsBySite.computeIfAbsent(site, s -> new WaitTally()).add(tally));
        dead.waitsByThread.forEach((thread, tally) -> waitsByThread.computeIfAbsent(thread, t -> new WaitTally()).add(tally));
        dead.waitsByHolder.forEach((holder, tally) -> waitsByHolder.computeIfAbsent(holder, h -> new WaitTally()).add(tally));
        dead.holderStacks.forEach(holderStacks::putIfAbsent);
        dead.siteHolds().forEach((site, sum) -> holdsBySite.computeIfAbsent(site, s -> new WaitTally())
                .add(sum[0], sum[1], sum[2]));
        for (LockOrderEdge edge : dead.successors) {
            addEdge(to.apply(edge.to), edge.firstSite, edge.firstThread, edge.count.sum());
        }
        retiredInstances++;
    }

    /** Counts and the hold total, the shared ones plus every thread's own. */
    record Totals(long acquisitions, long reads, long writes, long holdNanos) {
    }

    /** Reporter thread: this lock's {@link Totals} so far. */
    Totals totals() {
        long acquired = acquisitions.sum();
        long read = reads.sum();
        long written = writes.sum();
        long held = holdNanos.sum();
        for (ThreadLockStats own : threadStats) {
            acquired += own.acquisitions();
            read += own.reads();
            written += own.writes();
            held += own.holdNanos();
        }
        return new Totals(acquired, read, written, held);
    }

    /** Reporter thread: holds by site (count, total, max), the shared ones plus every thread's own. */
    java.util.Map<InstrumentedSite, long[]> siteHolds() {
        java.util.Map<InstrumentedSite, long[]> siteHolds = new java.util.HashMap<>();
        for (java.util.Map.Entry<InstrumentedSite, WaitTally> entry : holdsBySite.entrySet()) {
            WaitTally shared = entry.getValue();
            siteHolds.put(entry.getKey(), new long[] {shared.count(), shared.totalNanos(), shared.maxNanos()});
        }
        for (ThreadLockStats own : threadStats) {
            own.addSiteHolds(siteHolds);
        }
        return siteHolds;
    }

    /**
     * Reporter thread: points the edges to records retired in this pass at their retired-instances
     * records ({@code to} maps a record to its replacement, itself when it stays). Under this
     * record's monitor, as {@link #edgeTo} appends; an edge that stays is the same object, so a
     * concurrent lock-free increment of it is kept.
     */
    void retargetEdges(java.util.function.UnaryOperator<LockRecord> to) {
        LockOrderEdge[] current = successors;
        boolean any = false;
        for (LockOrderEdge edge : current) {
            any |= to.apply(edge.to) != edge.to;
        }
        if (!any) {
            return;
        }
        synchronized (this) {
            LockOrderEdge[] kept = successors;
            successors = new LockOrderEdge[0];
            for (LockOrderEdge edge : kept) {
                LockRecord target = to.apply(edge.to);
                if (target == edge.to) {
                    successors = append(successors, edge);
                } else {
                    addEdge(target, edge.firstSite, edge.firstThread, edge.count.sum());
                }
            }
        }
    }

    /**
     * Adds {@code count} to the edge to {@code next}, created if new (reporter, on records no
     * application thread draws edges from, or under the monitor). An edge from a retired-instances
     * record to itself (two instances of one label nested) is left out: it would read as a cycle.
     */
    private synchronized void addEdge(LockRecord next, InstrumentedSite site, String thread, long count) {
        if (next == this && collectsRetired) {
            return;
        }
        for (LockOrderEdge edge : successors) {
            if (edge.to == next) {
                edge.count.add(count);
                return;
            }
        }
        LockOrderEdge edge = new LockOrderEdge(next, site, thread);
        edge.count.add(count);
        successors = append(successors, edge);
    }

    private static LockOrderEdge[] append(LockOrderEdge[] edges, LockOrderEdge edge) {
        LockOrderEdge[] grown = Arrays.copyOf(edges, edges.length + 1);
        grown[grown.length - 1] = edge;
        return grown;
    }

    boolean holds(Object candidate, int hash) {
        return identityHash == hash && lock.get() == candidate;
    }

    String label() {
        return ownerLabelWins() ? owner.label() : label;
    }

    String labelSource() {
        return ownerLabelWins() ? owner.labelSource() : labelSource;
    }

    /** A read or write side shows its read/write lock's label unless it has a better one itself. */
    private boolean ownerLabelWins() {
        LockRecord o = owner;
        if (o == null || o.label() == null) {
            return false;
        }
        String own = labelSource;
        return own == null || ("site".equals(own) && !"site".equals(o.labelSource()));
    }

    /** Where this lock was first seen; the reporter looks for a static field holding it from there. */
    volatile InstrumentedSite firstSite;
    /** Reporter thread only: the static-field search was done. */
    boolean staticFieldSearched;

    /**
     * A label where the lock is held (field, {@code this}, class) wins over a lock's own name,
     * which wins over the site that used it; the first label of a rank sticks.
     */
    void offerLabel(String candidate, String source) {
        if (candidate == null) {
            return;
        }
        String current = labelSource;
        if (current == null || rank(source) > rank(current)) {
            label = candidate;
            labelSource = source;
        }
    }

    private static int rank(String source) {
        return switch (source) {
            case "site" -> 0;
            case "name" -> 1;
            default -> 2;
        };
    }

    LockRecord owner() {
        return owner;
    }

    void ownedBy(LockRecord ownerRecord) {
        if (owner == null && ownerRecord != this) {
            owner = ownerRecord;
        }
    }

    /** The record lock-order edges are drawn between: the read/write lock, not its side. */
    LockRecord group() {
        LockRecord o = owner;
        return o == null ? this : o;
    }

    void sawContention() {
        if (!contendedSeen) {
            contendedSeen = true;
        }
    }

    /** Shared path, for threads without their own {@link ThreadLockStats}. */
    void recordHold(long nanos) {
        long value = Math.max(0L, nanos);
        holdNanos.add(value);
        holdRecorder.recordValue(value);
    }

    void recordWait(long nanos, InstrumentedSite site, ThreadState thread) {
        Recorder waits = waitRecorder;
        if (waits == null) {
            synchronized (this) {
                waits = waitRecorder;
                if (waits == null) {
                    waits = new Recorder(SIGNIFICANT_DIGITS);
                    waitRecorder = waits;
                }
            }
        }
        long value = Math.max(0L, nanos);
        waitNanos.add(value);
        waits.recordValue(value);
        if (site != null) {
            waitsBySite.computeIfAbsent(site, s -> new WaitTally()).add(nanos);
        }
        if (thread != null) {
            waitsByThread.computeIfAbsent(thread, t -> new WaitTally()).add(nanos);
        }
    }

    void recordWaitOnHolder(LockHolders.Sighting holder, InstrumentedSite waitSite, long nanos) {
        waitsByHolder.computeIfAbsent(new HolderKey(holder.thread(), holder.heldAt(), waitSite), h -> new WaitTally())
                .add(nanos);
    }

    /** A waiter, before it blocks: takes the holder's stack unless one was taken for this thread and site. */
    void sampleHolderStack(ThreadState holder, InstrumentedSite heldAt) {
        if (!hasHolderStack(holder.threadName, heldAt)) {
            keepHolderStack(holder.threadName, heldAt, LockHolders.stackOf(holder.thread()));
        }
    }

    boolean hasHolderStack(String thread, InstrumentedSite heldAt) {
        return holderStacks.containsKey(new HolderStackKey(thread, heldAt));
    }

    void keepHolderStack(String thread, InstrumentedSite heldAt, java.util.List<String> stack) {
        holderStacks.putIfAbsent(new HolderStackKey(thread, heldAt), stack);
    }

    /**
     * The one site where {@code thread} was sampled holding this lock while others waited, or
     * null (never sampled, or at several sites): where a holder known only by name had taken it.
     */
    InstrumentedSite sampledHolderSite(String thread) {
        InstrumentedSite found = null;
        for (HolderStackKey key : holderStacks.keySet()) {
            if (key.thread().equals(thread)) {
                if (found != null && found != key.heldAt()) {
                    return null;
                }
                found = key.heldAt();
            }
        }
        return found;
    }

    /** The holder's stack sampled for this thread and site, empty when none was. */
    java.util.List<String> holderStack(String thread, InstrumentedSite heldAt) {
        java.util.List<String> stack = heldAt == null ? null : holderStacks.get(new HolderStackKey(thread, heldAt));
        return stack == null ? java.util.List.of() : stack;
    }

    /** Waits on a holder: its thread, where it had taken the lock (null: unknown), where the waiter waited (null: unknown). */
    record HolderKey(String thread, InstrumentedSite heldAt, InstrumentedSite waitSite) {
    }

    record HolderStackKey(String thread, InstrumentedSite heldAt) {
    }

    /** Notes that {@code next} was acquired while this lock was held. */
    void edgeTo(LockRecord next, InstrumentedSite site, String threadName) {
        for (LockOrderEdge edge : successors) {
            if (edge.to == next) {
                edge.count.increment();
                return;
            }
        }
        synchronized (this) {
            for (LockOrderEdge edge : successors) {
                if (edge.to == next) {
                    edge.count.increment();
                    return;
                }
            }
            LockOrderEdge edge = new LockOrderEdge(next, site, threadName);
            edge.count.increment();
            LockOrderEdge[] grown = Arrays.copyOf(successors, successors.length + 1);
            grown[grown.length - 1] = edge;
            successors = grown;
        }
    }

    LockOrderEdge[] successors() {
        return successors;
    }

    /** Reporter thread: folds what was recorded since the last call into the cumulative histograms. */
    void drainHistograms() {
        holdInterval = holdRecorder.getIntervalHistogram(holdInterval);
        holdTotal.add(holdInterval);
        for (ThreadLockStats stats : threadStats) {
            stats.drainHolds(holdTotal);
        }
        Recorder waits = waitRecorder;
        if (waits != null) {
            waitInterval = waits.getIntervalHistogram(waitInterval);
            waitTotal.add(waitInterval);
        }
    }

    Histogram holdTotal() {
        return holdTotal;
    }

    Histogram waitTotal() {
        return waitTotal;
    }

    /** An edge of the runtime lock-order graph with the first place it was seen. */
    static final class LockOrderEdge {
        final LockRecord to;
        final InstrumentedSite firstSite;
        final String firstThread;
        final LongAdder count = new LongAdder();

        LockOrderEdge(LockRecord to, InstrumentedSite firstSite, String firstThread) {
            this.to = to;
            this.firstSite = firstSite;
            this.firstThread = firstThread;
        }
    }
}
