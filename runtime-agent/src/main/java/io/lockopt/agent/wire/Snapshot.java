package io.lockopt.agent.wire;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * What the agent sends to the client at every interval: raw, cumulative statistics since
 * the session started. The agent collects; the client interprets (ranks, computes
 * percentiles and recommendations). Immutable once built, except that HdrHistogram's
 * {@link Histogram} is a mutable class: builders hand in private copies and readers must not
 * change them.
 *
 * @param secret the session secret, proving the snapshot comes from this session's agent
 * @param sequence 1, 2, ... in the order written
 * @param last true for the final snapshot, written after the agent removed its instrumentation
 * @param endReason why the session ended (only on the last snapshot): stop, duration, client-gone, target-exit
 */
public record Snapshot(
        String secret,
        long sequence,
        boolean last,
        String endReason,
        long startedAtEpochMillis,
        long capturedAtEpochMillis,
        long elapsedNanos,
        Counters counters,
        List<SiteStats> sites,
        List<LockStats> locks,
        List<EdgeStats> edges) {

    public Snapshot {
        sites = List.copyOf(sites);
        locks = List.copyOf(locks);
        edges = List.copyOf(edges);
    }

    /** True when some lock was acquired at an instrumented site: the first such snapshot is "first data". */
    public boolean hasData() {
        return locks.stream().anyMatch(lock -> lock.acquisitions() > 0);
    }

    /**
     * The agent's own health: what it instrumented and what it could not record.
     * {@code synchronizedMethodWaits} says how the waits of {@code synchronized} methods were
     * measured: null when none was instrumented, {@code jfr} (JFR's {@code jdk.JavaMonitorEnter}
     * events), {@code starting} (JFR is starting: waits until it runs are not seen), {@code off}
     * (turned off by the client), or {@code unavailable: <reason>}. {@code synchronizedMethodWaitsFromNanos}:
     * when JFR's recording began to run, counted from the session's start (waits before it are
     * not seen); -1 while it does not run.
     */
    public record Counters(int classesInstrumented, int sites, long untrackedLocks, long unmatchedReleases,
            long recorderErrors, long transformErrors, String synchronizedMethodWaits,
            long synchronizedMethodWaitsFromNanos) {

        public static final String WAITS_FROM_JFR = "jfr";
        public static final String WAITS_STARTING = "starting";
        public static final String WAITS_OFF = "off";
        public static final String WAITS_UNAVAILABLE = "unavailable: ";

        /** Counters of a session that has not (yet) said how synchronized methods' waits are measured. */
        public Counters(int classesInstrumented, int sites, long untrackedLocks, long unmatchedReleases,
                long recorderErrors, long transformErrors) {
            this(classesInstrumented, sites, untrackedLocks, unmatchedReleases, recorderErrors, transformErrors, null,
                    -1L);
        }

        /** Whether synchronized methods were instrumented but their waits are not known. */
        public boolean synchronizedMethodWaitsUnknown() {
            return synchronizedMethodWaits != null && !WAITS_FROM_JFR.equals(synchronizedMethodWaits);
        }
    }

    /**
     * This snapshot, its counters saying how the waits of synchronized methods were measured
     * and since when ({@code fromNanos} into the session, -1: not measured).
     */
    public Snapshot withSynchronizedMethodWaits(String how, long fromNanos) {
        Counters c = counters;
        return new Snapshot(secret, sequence, last, endReason, startedAtEpochMillis, capturedAtEpochMillis,
                elapsedNanos, new Counters(c.classesInstrumented(), c.sites(), c.untrackedLocks(), c.unmatchedReleases(),
                        c.recorderErrors(), c.transformErrors(), how, fromNanos), sites, locks, edges);
    }

    /** Count, total and maximum of a series of durations in nanoseconds. */
    public record Tally(long count, long totalNanos, long maxNanos) {
        public static final Tally EMPTY = new Tally(0, 0, 0);
    }

    /**
     * One instrumented call site. {@code label} is the field the lock was loaded from, or null.
     * {@code sectionEscapes}: the method returns holding the lock, so {@code sectionWrites} says nothing.
     * {@code holds} are the hold times of acquisitions made here, {@code waits} the contended waits.
     */
    public record SiteStats(int id, String className, String methodName, int line, String label,
            String operation, boolean opensSection, boolean sectionEscapes, boolean sectionWrites, String writeEvidence,
            Tally holds, Tally waits) {

        public String where() {
            return className + "." + methodName + (line > 0 ? ":" + line : "");
        }
    }

    /** Contended waits of one lock at one call site. */
    public record SiteWait(int siteId, Tally waits) {
    }

    /**
     * Holds of one lock by the site that acquired it; for a lock taken inside a helper method
     * ({@code lockExclusive()}), the site is the helper's call, where the critical section is.
     */
    public record SiteHold(int siteId, Tally holds) {
    }

    /**
     * Contended waits of one lock by one thread: the waiting thread (a lock's {@code waitThreads}),
     * or the thread that held it (its {@code waitHolders}). A holder's entry also says, where the
     * agent could tell, at which site the waits began ({@code waitSiteId}, -1: not known), where
     * the holder had taken the lock ({@code heldAt}, {@code Class.method:line}, null: not known)
     * and, sampled once per holder thread and site, the holder's stack while it held the lock
     * (innermost frame first; empty when not sampled).
     */
    public record ThreadWait(String thread, Tally waits, int waitSiteId, String heldAt, List<String> holderStack) {
        public ThreadWait {
            holderStack = List.copyOf(holderStack);
        }

        /** A thread's waits, nothing known about where. */
        public ThreadWait(String thread, Tally waits) {
            this(thread, waits, -1, null, List.of());
        }
    }

    /**
     * One lock instance. {@code ownerId} links the read or write side of a read/write lock to
     * the record of the read/write lock object (-1: none); {@code kind} and {@code mode} are typed
     * ({@link LockKind}, {@link LockMode}), {@link #kindName} is the kind as reports show it. {@code holdNanos}
     * and {@code waitNanos} are exact totals; the histograms (null when empty) give the distribution.
     * {@code waitHolders}: the contended waits by the thread that held the lock when each began,
     * where the agent could tell ({@code ReentrantLock}, read/write locks' write side).
     * {@code retiredInstances}: 0 for a live lock instance; for the figures of a label's instances
     * that have been collected (the agent folds them into one such entry, id of its own, identity
     * hash 0, its views owned by the read/write locks' entry), how many instances they were.
     */
    public record LockStats(int id, int ownerId, LockKind kind, LockMode mode, String className, int identityHash,
            String label, String labelSource, long acquisitions, long contended, long reads, long writes,
            long reentrant, long tryFailures, long holdNanos, long waitNanos, Histogram holds, Histogram waits, List<SiteWait> waitSites,
            List<ThreadWait> waitThreads, List<SiteHold> holdSites, List<ThreadWait> waitHolders, int retiredInstances) {

        public LockStats {
            waitSites = List.copyOf(waitSites);
            waitThreads = List.copyOf(waitThreads);
            holdSites = List.copyOf(holdSites);
            waitHolders = List.copyOf(waitHolders);
        }

        /** A live lock instance. */
        public LockStats(int id, int ownerId, LockKind kind, LockMode mode, String className, int identityHash,
                String label, String labelSource, long acquisitions, long contended, long reads, long writes,
                long reentrant, long tryFailures, long holdNanos, long waitNanos, Histogram holds, Histogram waits,
                List<SiteWait> waitSites, List<ThreadWait> waitThreads, List<SiteHold> holdSites,
                List<ThreadWait> waitHolders) {
            this(id, ownerId, kind, mode, className, identityHash, label, labelSource, acquisitions, contended, reads,
                    writes, reentrant, tryFailures, holdNanos, waitNanos, holds, waits, waitSites, waitThreads, holdSites,
                    waitHolders, 0);
        }

        /** Whether this entry stands for collected instances rather than one live lock. */
        public boolean retired() {
            return retiredInstances > 0;
        }

        /** Without holders: none known. */
        public LockStats(int id, int ownerId, LockKind kind, LockMode mode, String className, int identityHash,
                String label, String labelSource, long acquisitions, long contended, long reads, long writes,
                long reentrant, long tryFailures, long holdNanos, long waitNanos, Histogram holds, Histogram waits,
                List<SiteWait> waitSites, List<ThreadWait> waitThreads, List<SiteHold> holdSites) {
            this(id, ownerId, kind, mode, className, identityHash, label, labelSource, acquisitions, contended, reads,
                    writes, reentrant, tryFailures, holdNanos, waitNanos, holds, waits, waitSites, waitThreads, holdSites,
                    List.of(), 0);
        }

        /** The kind as reports show it, e.g. {@code ReentrantLock}, {@code lockopt MeteredReadWriteLock}. */
        public String kindName() {
            return kind.displayName(className);
        }
    }

    /** Lock-order edge: some thread acquired {@code toId} while holding {@code fromId}. */
    public record EdgeStats(int fromId, int toId, long count, int siteId, String thread) {
    }
}
