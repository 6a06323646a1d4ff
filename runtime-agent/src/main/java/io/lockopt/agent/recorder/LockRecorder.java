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
 * works on its own {@link HeldLocks} (thread-confined) and on shared {@link LockRecord}s
 * (striped counters, HdrHistogram recorders) found through the allocation-free
 * {@link LockTable}. The {@code busy} flag of the thread's {@link HeldLocks} is the
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

    private static final String LOCKOPT_READ_WRITE_LOCK = "io.lockopt.locks.MeteredReadWriteLock";

    private final CallSites sites;
    private final LockTable table;
    private final ThreadLocal<HeldLocks> threads =
            ThreadLocal.withInitial(() -> new HeldLocks(Thread.currentThread().getName()));
    private final LongAdder errors = new LongAdder();
    private final LongAdder unmatchedReleases = new LongAdder();

    public LockRecorder(CallSites sites, int maxLocks) {
        this.sites = sites;
        this.table = new LockTable(maxLocks);
    }

    @Override
    public void acquired(Object lock, int siteId, int mode, long acquiredAt, long waited, boolean contended) {
        acquired(lock, lock, siteId, mode, acquiredAt, waited, contended);
    }

    /**
     * {@code key} is what the release will name: the lock itself, or for lockopt's read/write
     * lock the handle whose {@code close()} releases it.
     */
    private void acquired(Object lock, Object key, int siteId, int mode, long acquiredAt, long waited,
            boolean contended) {
        HeldLocks held = threads.get();
        if (held.busy) {
            return;
        }
        held.busy = true;
        try {
            CallSite site = sites.get(siteId);
            LockRecord record = recordFor(lock, site, mode);
            if (record == null) {
                return;
            }
            record.acquisitions.increment();
            int effective = mode == BY_CLASS ? record.mode : mode;
            if (effective == READ) {
                record.reads.increment();
            } else if (effective == WRITE) {
                record.writes.increment();
            }
            if (contended) {
                record.contended.increment();
                record.recordWait(waited, site, held);
                if (site != null) {
                    site.waits.add(waited);
                }
            }
            CallSite sectionSite = site;
            if (held.pendingSection >= 0) {
                CallSite logical = sites.get(held.pendingSection);
                held.pendingSection = -1;
                if (logical != null) {
                    sectionSite = logical;
                }
            }
            int index = held.indexOf(key);
            if (index >= 0) {
                held.reenter(index);
                record.reentrant.increment();
                return;
            }
            LockRecord group = record.group();
            for (int i = 0; i < held.depth(); i++) {
                LockRecord before = held.recordAt(i).group();
                if (before != group) {
                    before.edgeTo(group, site, held.threadName);
                }
            }
            held.push(key, record, sectionSite, acquiredAt);
        } catch (Throwable t) {
            errors.increment();
        } finally {
            held.busy = false;
        }
    }

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
                long hold = releasedAt - held.lastSince;
                held.lastRecord.recordHold(hold);
                if (held.lastSite != null) {
                    long value = Math.max(0L, hold);
                    held.lastSite.holds.add(value);
                    held.lastRecord.holdsBySite.computeIfAbsent(held.lastSite, s -> new WaitTally()).add(value);
                }
            }
        } catch (Throwable t) {
            errors.increment();
        } finally {
            held.busy = false;
        }
    }

    @Override
    public void tryFailed(Object lock, int siteId) {
        HeldLocks held = threads.get();
        if (held.busy) {
            return;
        }
        held.busy = true;
        try {
            LockRecord record = recordFor(lock, sites.get(siteId), BY_CLASS);
            if (record != null) {
                record.tryFailures.increment();
            }
        } catch (Throwable t) {
            errors.increment();
        } finally {
            held.busy = false;
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

    @Override
    public void lockoptAcquiring(Object lock, int siteId) {
        HeldLocks held = threads.get();
        held.pendingLockopt = lock;
        held.pendingLockoptSince = System.nanoTime();
    }

    /** No fast-path probe exists for lockopt's lock: like a monitor, a slow acquisition counts as contended. */
    @Override
    public void lockoptAcquired(Object handle, int mode, int siteId) {
        HeldLocks held = threads.get();
        Object lock = held.pendingLockopt;
        if (lock == null) {
            return;
        }
        held.pendingLockopt = null;
        long now = System.nanoTime();
        long waited = now - held.pendingLockoptSince;
        boolean contended = waited >= MONITOR_CONTENDED_NANOS;
        acquired(lock, handle, siteId, mode, now, contended ? waited : 0L, contended);
    }

    @Override
    public void lockoptReleasing(Object handle, int siteId) {
        released(handle, siteId, System.nanoTime());
    }

    @Override
    public void monitorEntering(Object monitor, int siteId) {
        HeldLocks held = threads.get();
        held.pendingMonitor = monitor;
        held.pendingMonitorSince = System.nanoTime();
    }

    @Override
    public void monitorEntered(int siteId) {
        HeldLocks held = threads.get();
        Object monitor = held.pendingMonitor;
        if (monitor == null) {
            return;
        }
        held.pendingMonitor = null;
        long now = System.nanoTime();
        long waited = now - held.pendingMonitorSince;
        boolean contended = waited >= MONITOR_CONTENDED_NANOS;
        acquired(monitor, siteId, EXCLUSIVE, now, contended ? waited : 0L, contended);
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
        List<Snapshot.SiteStats> siteStats = new ArrayList<>();
        for (CallSite site : sites.all()) {
            siteStats.add(new Snapshot.SiteStats(site.id(), site.className(), site.methodName(), site.line(),
                    site.label(), site.operation(), site.opensSection(), site.sectionEscapes(), site.sectionWrites(),
                    site.writeEvidence(),
                    tally(site.holds), tally(site.waits)));
        }
        List<Snapshot.LockStats> lockStats = new ArrayList<>();
        List<Snapshot.EdgeStats> edges = new ArrayList<>();
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
            List<Snapshot.SiteHold> holdSites = new ArrayList<>();
            for (Map.Entry<CallSite, WaitTally> entry : record.holdsBySite.entrySet()) {
                holdSites.add(new Snapshot.SiteHold(entry.getKey().id(), tally(entry.getValue())));
            }
            LockRecord owner = record.owner();
            long reads = record.reads.sum();
            long writes = record.writes.sum();
            lockStats.add(new Snapshot.LockStats(record.id, owner == null ? -1 : owner.id, record.kind,
                    modeName(record.mode, reads, writes), record.className, record.identityHash, record.label(),
                    record.labelSource(), record.acquisitions.sum(), record.contended.sum(), reads, writes,
                    record.reentrant.sum(), record.tryFailures.sum(), record.holdNanos.sum(), record.waitNanos.sum(), copyOrNull(record.holdTotal()),
                    copyOrNull(record.waitTotal()), waitSites, waitThreads, holdSites));
            for (LockRecord.LockOrderEdge edge : record.successors()) {
                edges.add(new Snapshot.EdgeStats(record.id, edge.to.id, edge.count.sum(),
                        edge.firstSite == null ? -1 : edge.firstSite.id(), edge.firstThread));
            }
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
