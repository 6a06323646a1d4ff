package io.lockopt.agent.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

import org.HdrHistogram.Histogram;

import io.lockopt.agent.bootstrap.LockSink;
import io.lockopt.agent.wire.Snapshot;

/**
 * The recorder of one profiling session: receives every hooked lock operation and keeps
 * per-lock-instance statistics, per-call-site tallies and the lock-order graph.
 *
 * <p>Design notes. Application threads call the {@link LockSink} methods concurrently; each
 * works on its own {@link HeldLocks} and {@link ThreadLockStats} (single-writer) and on
 * shared {@link LockRecord}s found through the allocation-free {@link LockTable}. The work is
 * placed around the application's critical section, not in it: {@link #acquiring} does the
 * lookups before the attempt, {@link #acquired} only counts and pushes, and
 * {@link #released} records the hold (and any wait, on the shared striped structures) after
 * the release. The {@code busy} flag of the thread's {@link HeldLocks} is the
 * reentrancy guard: if anything the recorder does ever reaches a hooked call site on the
 * same thread, that inner call passes through unrecorded. Every entry point catches
 * {@link Throwable} and counts it: the recorder never throws into the application. The
 * reporter thread alone calls {@link #snapshot}; it reads counters while writers go on, so
 * one snapshot is a close, not an atomic, picture of a moment.
 */
public final class LockRecorder implements LockSink {
    /**
     * Bytecode cannot ask a monitor (or lockopt's handle-based lock) whether it is free, so such
     * an acquisition counts as contended when it took longer than this; an uncontended one takes
     * well under a microsecond.
     */
    static final long MONITOR_CONTENDED_NANOS = 10_000L;
    /** Each (thread, lock) pair with its own statistics keeps a small single-writer histogram. */
    static final int MAX_THREAD_STATS = 8_192;

    private static final String LOCKOPT_READ_WRITE_LOCK = "io.lockopt.locks.MeteredReadWriteLock";

    private final CallSites sites;
    private final LockTable table;
    private final ThreadLocal<HeldLocks> threads =
            ThreadLocal.withInitial(() -> new HeldLocks(Thread.currentThread().getName()));
    private final LongAdder errors = new LongAdder();
    private final LongAdder unmatchedReleases = new LongAdder();
    /** How many (thread, lock) pairs get their own statistics; beyond it, threads share the lock's. */
    private final java.util.concurrent.atomic.AtomicInteger threadStatsBudget =
            new java.util.concurrent.atomic.AtomicInteger(MAX_THREAD_STATS);

    public LockRecorder(CallSites sites, int maxLocks) {
        this.sites = sites;
        this.table = new LockTable(maxLocks);
    }

    @Override
    public void acquiring(Object lock, int siteId, int mode) {
        announce(lock, siteId, mode, 0L);
    }

    @Override
    public void acquiringTimed(Object lock, int siteId, int mode) {
        announce(lock, siteId, mode, System.nanoTime());
    }

    /** Before the attempt, outside the critical section: every lookup happens here. */
    private void announce(Object lock, int siteId, int mode, long startedAt) {
        HeldLocks held = threads.get();
        if (held.busy) {
            return;
        }
        held.busy = true;
        try {
            CallSite site = sites.get(siteId);
            LockRecord record = recordFor(lock, site, mode);
            ThreadLockStats own = record == null ? null : held.statsFor(record, threadStatsBudget);
            CallSite section = site;
            if (held.pendingSection >= 0) {
                CallSite logical = sites.get(held.pendingSection);
                held.pendingSection = -1;
                if (logical != null) {
                    section = logical;
                }
            }
            int effective = record == null || mode != BY_CLASS ? mode : record.mode;
            held.announce(lock, record, own, site, section, effective, startedAt);
        } catch (Throwable t) {
            errors.increment();
            // Keep announcements and outcomes paired: the outcome of this attempt pops this entry.
            held.announce(lock, null, null, null, null, mode, startedAt);
        } finally {
            held.busy = false;
        }
    }

    @Override
    public void acquired(long acquiredAt, long waited, boolean contended) {
        HeldLocks held = threads.get();
        if (held.busy || !held.attempting()) {
            return;
        }
        settle(held, held.attemptKey(), acquiredAt, waited, contended);
    }

    /** No non-blocking probe exists for monitors and lockopt's handles: a slow acquisition counts as contended. */
    @Override
    public void acquiredTimed(Object key) {
        HeldLocks held = threads.get();
        if (held.busy || !held.attempting()) {
            return;
        }
        long now = System.nanoTime();
        long waited = now - held.attemptSince();
        boolean contended = waited >= MONITOR_CONTENDED_NANOS;
        settle(held, key, now, contended ? waited : 0L, contended);
    }

    /**
     * After the attempt succeeded, inside the application's critical section: only counters on
     * this thread's own statistics and a push; the wait is recorded after the release.
     */
    private void settle(HeldLocks held, Object key, long acquiredAt, long waited, boolean contended) {
        held.busy = true;
        try {
            LockRecord record = held.attemptRecord();
            if (record == null) {
                return;
            }
            ThreadLockStats own = held.attemptStats();
            int mode = held.attemptMode();
            int index = held.indexOf(key);
            // Sampling is decided by count alone (outermost acquisitions), so timed holds are a fair sample.
            boolean timed = index < 0 && (own == null || own.timesNext());
            long since = !timed ? NOT_TIMED : acquiredAt != NOT_TIMED ? acquiredAt : System.nanoTime();
            if (own != null) {
                own.acquired(mode);
            } else {
                record.acquisitions.increment();
                if (mode == READ) {
                    record.reads.increment();
                } else if (mode == WRITE) {
                    record.writes.increment();
                }
            }
            if (contended) {
                record.contended.increment();
            }
            if (index >= 0) {
                held.reenter(index);
                record.reentrant.increment();
                return;
            }
            LockRecord group = record.group();
            for (int i = 0; i < held.depth(); i++) {
                LockRecord before = held.recordAt(i).group();
                if (before != group) {
                    before.edgeTo(group, held.attemptSite(), held.threadName);
                }
            }
            held.push(key, record, own, held.attemptSection(), since, contended ? waited : -1L,
                    held.attemptSite());
        } catch (Throwable t) {
            errors.increment();
        } finally {
            held.settle();
            held.busy = false;
        }
    }

    @Override
    public void abandoned() {
        HeldLocks held = threads.get();
        if (held.busy || !held.attempting()) {
            return;
        }
        LockRecord record = held.attemptRecord();
        held.settle();
        if (record != null) {
            record.tryFailures.increment();
        }
    }

    /** After the release, outside the critical section: the hold and any wait are recorded here. */
    @Override
    public void released(Object lock, int siteId, long releasedAt) {
        HeldLocks held = threads.get();
        if (held.busy) {
            return;
        }
        held.busy = true;
        try {
            int index = held.indexOf(lock);
            if (index < 0) {
                // Acquired before the session started, on another thread (StampedLock), or untracked.
                unmatchedReleases.increment();
                return;
            }
            if (held.release(index)) {
                if (held.lastSince != NOT_TIMED) {
                    long end = releasedAt != NOT_TIMED ? releasedAt : System.nanoTime();
                    recordHold(held, Math.max(0L, end - held.lastSince));
                }
                if (held.lastWaited >= 0) {
                    held.lastRecord.recordWait(held.lastWaited, held.lastWaitSite, held);
                    if (held.lastWaitSite != null) {
                        held.lastWaitSite.waits.add(held.lastWaited);
                    }
                }
            }
        } catch (Throwable t) {
            errors.increment();
        } finally {
            held.busy = false;
        }
    }

    /** A timed hold of the entry the last release removed: to the thread's own statistics, else the shared ones. */
    private static void recordHold(HeldLocks held, long hold) {
        if (held.lastStats != null) {
            held.lastStats.held(hold, held.lastSite);
        } else {
            held.lastRecord.recordHold(hold);
            if (held.lastSite != null) {
                held.lastRecord.holdsBySite.computeIfAbsent(held.lastSite, s -> new WaitTally()).add(hold);
            }
        }
    }

    @Override
    public void viewOf(Object view, Object owner, int mode, int siteId) {
        HeldLocks held = threads.get();
        if (held.busy) {
            return;
        }
        held.busy = true;
        try {
            CallSite site = sites.get(siteId);
            LockRecord viewRecord = recordFor(view, site, mode);
            if (viewRecord != null && viewRecord.owner() == null) {
                LockRecord ownerRecord = recordFor(owner, site, EXCLUSIVE);
                if (ownerRecord != null) {
                    viewRecord.ownedBy(ownerRecord);
                }
            }
        } catch (Throwable t) {
            errors.increment();
        } finally {
            held.busy = false;
        }
    }

    @Override
    public void enteringSection(int siteId) {
        threads.get().pendingSection = siteId;
    }

    private LockRecord recordFor(Object lock, CallSite site, int mode) {
        LockRecord record = table.find(lock);
        if (record == null) {
            record = table.register(lock, id -> new LockRecord(id, lock, kindOf(lock), modeOf(lock, mode)));
            if (record == null) {
                return null;
            }
        }
        if (site != null) {
            if (record.firstSite == null) {
                record.firstSite = site;
            }
            if (site.label() != null) {
                record.offerLabel(site.label(), site.labelSource());
            } else if (record.labelSource() == null) {
                record.offerLabel(site.where(), "site");
            }
        }
        return record;
    }

    /** The kind the report shows; lockopt's own locks are recognised by package. */
    static String kindOf(Object lock) {
        if (lock instanceof ReentrantLock) {
            return "ReentrantLock";
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock
                || lock instanceof ReentrantReadWriteLock) {
            return "ReentrantReadWriteLock";
        }
        String name = lock.getClass().getName();
        if (lock instanceof StampedLock || name.startsWith("java.util.concurrent.locks.StampedLock$")) {
            return "StampedLock";
        }
        if (name.startsWith("io.lockopt.locks.")) {
            int dollar = name.indexOf('$');
            return "lockopt " + name.substring("io.lockopt.locks.".length(), dollar < 0 ? name.length() : dollar);
        }
        if (!(lock instanceof java.util.concurrent.locks.Lock) && !(lock instanceof java.util.concurrent.locks.ReadWriteLock)) {
            return "synchronized";
        }
        return name;
    }

    private static int modeOf(Object lock, int requested) {
        if (lock instanceof StampedLock || lock.getClass().getName().equals(LOCKOPT_READ_WRITE_LOCK)) {
            return EXCLUSIVE; // one object taken both ways: the mode is per acquisition
        }
        if (requested == READ || requested == WRITE) {
            return requested;
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock) {
            return READ;
        }
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            return WRITE;
        }
        String name = lock.getClass().getName();
        if (name.endsWith("ReadLockView") || name.endsWith("$ReadLock") || name.endsWith("$ReadView")) {
            return READ;
        }
        if (name.endsWith("WriteLockView") || name.endsWith("$WriteLock") || name.endsWith("$WriteView")) {
            return WRITE;
        }
        return EXCLUSIVE;
    }

    /** Reporter thread only: the statistics so far. */
    public Snapshot snapshot(String secret, long sequence, boolean last, String endReason, long startedAtMillis,
            long elapsedNanos, int classesInstrumented, long transformErrors) {
        List<Snapshot.LockStats> lockStats = new ArrayList<>();
        List<Snapshot.EdgeStats> edges = new ArrayList<>();
        Map<CallSite, long[]> holdsPerSite = new java.util.HashMap<>();
        for (LockRecord record : table.all()) {
            record.drainHistograms();
            StaticFieldLabels.resolve(record);
            List<Snapshot.SiteWait> waitSites = new ArrayList<>();
            for (Map.Entry<CallSite, WaitTally> entry : record.waitsBySite.entrySet()) {
                waitSites.add(new Snapshot.SiteWait(entry.getKey().id(), tally(entry.getValue())));
            }
            List<Snapshot.ThreadWait> waitThreads = new ArrayList<>();
            for (Map.Entry<HeldLocks, WaitTally> entry : record.waitsByThread.entrySet()) {
                waitThreads.add(new Snapshot.ThreadWait(entry.getKey().threadName, tally(entry.getValue())));
            }
            long acquisitions = record.acquisitions.sum();
            long reads = record.reads.sum();
            long writes = record.writes.sum();
            long holdNanos = record.holdNanos.sum();
            Map<CallSite, long[]> siteHolds = new java.util.HashMap<>();
            for (Map.Entry<CallSite, WaitTally> entry : record.holdsBySite.entrySet()) {
                WaitTally shared = entry.getValue();
                siteHolds.put(entry.getKey(), new long[] {shared.count(), shared.totalNanos(), shared.maxNanos()});
            }
            for (ThreadLockStats own : record.threadStats) {
                acquisitions += own.acquisitions();
                reads += own.reads();
                writes += own.writes();
                holdNanos += own.holdNanos();
                own.addSiteHolds(siteHolds);
            }
            List<Snapshot.SiteHold> holdSites = new ArrayList<>();
            for (Map.Entry<CallSite, long[]> entry : siteHolds.entrySet()) {
                long[] sum = entry.getValue();
                holdSites.add(new Snapshot.SiteHold(entry.getKey().id(), new Snapshot.Tally(sum[0], sum[1], sum[2])));
                long[] site = holdsPerSite.computeIfAbsent(entry.getKey(), k -> new long[3]);
                site[0] += sum[0];
                site[1] += sum[1];
                site[2] = Math.max(site[2], sum[2]);
            }
            LockRecord owner = record.owner();
            lockStats.add(new Snapshot.LockStats(record.id, owner == null ? -1 : owner.id, record.kind,
                    modeName(record.mode, reads, writes), record.className, record.identityHash, record.label(),
                    record.labelSource(), acquisitions, record.contended.sum(), reads, writes,
                    record.reentrant.sum(), record.tryFailures.sum(), holdNanos, record.waitNanos.sum(),
                    copyOrNull(record.holdTotal()), copyOrNull(record.waitTotal()), waitSites, waitThreads, holdSites));
            for (LockRecord.LockOrderEdge edge : record.successors()) {
                edges.add(new Snapshot.EdgeStats(record.id, edge.to.id, edge.count.sum(),
                        edge.firstSite == null ? -1 : edge.firstSite.id(), edge.firstThread));
            }
        }
        List<Snapshot.SiteStats> siteStats = new ArrayList<>();
        for (CallSite site : sites.all()) {
            long[] holds = holdsPerSite.getOrDefault(site, new long[3]);
            siteStats.add(new Snapshot.SiteStats(site.id(), site.className(), site.methodName(), site.line(),
                    site.label(), site.operation(), site.opensSection(), site.sectionEscapes(), site.sectionWrites(),
                    site.writeEvidence(), new Snapshot.Tally(holds[0], holds[1], holds[2]), tally(site.waits)));
        }
        Snapshot.Counters counters = new Snapshot.Counters(classesInstrumented, sites.size(), table.untracked(),
                unmatchedReleases.sum(), errors.sum(), transformErrors);
        return new Snapshot(secret, sequence, last, endReason, startedAtMillis, System.currentTimeMillis(),
                elapsedNanos, counters, siteStats, lockStats, edges);
    }

    private static String modeName(int mode, long reads, long writes) {
        if (mode == READ) {
            return "read";
        }
        if (mode == WRITE) {
            return "write";
        }
        if (reads > 0 && writes > 0) {
            return "mixed";
        }
        if (reads > 0) {
            return "read";
        }
        return writes > 0 ? "write" : "exclusive";
    }

    private static Snapshot.Tally tally(WaitTally tally) {
        return new Snapshot.Tally(tally.count(), tally.totalNanos(), tally.maxNanos());
    }

    private static Histogram copyOrNull(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? null : histogram.copy();
    }
}
