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
    /** Contended waits by the thread that held the lock when they began (where it is known). */
    final ConcurrentHashMap<String, WaitTally> waitsByHolder = new ConcurrentHashMap<>();
    /**
     * Holds by acquiring site (the section's site for helper-acquired locks), for threads past
     * the per-thread statistics budget; the others keep theirs in {@link #threadStats}.
     */
    final ConcurrentHashMap<InstrumentedSite, WaitTally> holdsBySite = new ConcurrentHashMap<>();
    /** Every thread's own statistics of this lock; appended once per thread, read by the reporter. */
    final java.util.concurrent.CopyOnWriteArrayList<ThreadLockStats> threadStats =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile LockOrderEdge[] successors = new LockOrderEdge[0];

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

    void recordWaitOnHolder(String holder, long nanos) {
        waitsByHolder.computeIfAbsent(holder, h -> new WaitTally()).add(nanos);
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
