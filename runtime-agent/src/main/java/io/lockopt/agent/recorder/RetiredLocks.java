package io.lockopt.agent.recorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.lockopt.agent.wire.LockKind;

/**
 * The records of lock instances that have been collected, folded per label: one
 * retired-instances record for each label (with its class, kind and mode, and for a read or
 * write view the retired-instances record of its read/write lock), so that a JVM making
 * short-lived locks (HdrHistogram's {@code Recorder}s make a {@code WriterReaderPhaser} per
 * interval) keeps a bounded number of records while the totals by label stay what the
 * application did.
 *
 * <p>Design notes. The reporter thread alone runs {@link #retireCollected}, on its periodic
 * path (each snapshot), never an application thread. A record is retired once its weakly held
 * lock has been cleared: no application thread can reach it any more through the table (it
 * would need the lock) nor write to it (see {@link LockRecord}'s notes on retirement). What
 * still names a retired record is rewired in the same pass: the table drops it (readers of the
 * old probe array could only find it with the dead lock), the lock-order edges pointing at it
 * are pointed at its retired-instances record ({@link LockRecord#retargetEdges}, under each
 * source record's monitor), a site's first record is replaced (a racy store of one reference,
 * read by JFR-reported waits), and its per-thread statistics' budget is given back; the threads'
 * own statistics maps drop it lazily, on their own thread, the next time they add a record
 * ({@link ThreadState#statsFor}), told by {@link #passes} and the volatile {@link LockRecord#retired}. A read/write lock is retired only with its views
 * (a live view still shows its owner's label), and a view only with its read/write lock.
 */
final class RetiredLocks {
    private final Map<Key, LockRecord> byKey = new LinkedHashMap<>();
    /** Passes that retired something: threads compare it with the last they saw to drop retired records. */
    private final AtomicInteger passes = new AtomicInteger();

    /** What one retired-instances record stands for. */
    private record Key(int ownerId, String className, LockKind kind, int mode, String label, String labelSource) {
    }

    /** How many passes retired records so far; any thread may read it. */
    int passes() {
        return passes.get();
    }

    /** The retired-instances records, for the snapshot. */
    Collection<LockRecord> records() {
        return byKey.values();
    }

    /**
     * Folds every record of {@code table} whose lock has been collected into its label's
     * retired-instances record and drops it. Returns how many were retired.
     */
    int retireCollected(LockTable table, InstrumentedSites sites, AtomicInteger threadStatsBudget) {
        LockRecord[] all = table.all();
        Map<LockRecord, Boolean> dead = new IdentityHashMap<>();
        for (LockRecord record : all) {
            if (record.lock.get() == null) {
                dead.put(record, Boolean.TRUE);
            }
        }
        if (dead.isEmpty()) {
            return 0;
        }
        // A read/write lock and its views go together: each stays while the other lives.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (LockRecord record : all) {
                LockRecord owner = record.owner();
                if (owner != null && dead.containsKey(owner) != dead.containsKey(record)) {
                    changed |= dead.remove(owner) != null | dead.remove(record) != null;
                }
            }
        }
        if (dead.isEmpty()) {
            return 0;
        }
        Map<LockRecord, LockRecord> into = new IdentityHashMap<>();
        List<LockRecord> views = new ArrayList<>();
        for (LockRecord record : dead.keySet()) {
            if (record.owner() == null) {
                into.put(record, retiredInstancesOf(record, null, table));
            } else {
                views.add(record);
            }
        }
        for (LockRecord view : views) {
            into.put(view, retiredInstancesOf(view, into.get(view.owner()), table));
        }
        UnaryOperator<LockRecord> to = record -> into.getOrDefault(record, record);
        for (Map.Entry<LockRecord, LockRecord> retiring : into.entrySet()) {
            retiring.getValue().absorb(retiring.getKey(), to);
        }
        table.remove(into.keySet());
        for (LockRecord record : into.keySet()) {
            record.retired = true;
            threadStatsBudget.addAndGet(record.threadStats.size());
        }
        for (LockRecord live : table.all()) {
            live.retargetEdges(to);
        }
        for (LockRecord retired : byKey.values()) {
            retired.retargetEdges(to);
        }
        for (InstrumentedSite site : sites.all()) {
            LockRecord first = site.firstRecord;
            if (first != null && into.containsKey(first)) {
                site.firstRecord = into.get(first);
            }
        }
        passes.incrementAndGet();
        return into.size();
    }

    private LockRecord retiredInstancesOf(LockRecord record, LockRecord owner, LockTable table) {
        Key key = new Key(owner == null ? -1 : owner.id, record.className, record.kind, record.mode, record.ownLabel(),
                record.ownLabelSource());
        LockRecord retired = byKey.get(key);
        if (retired == null) {
            retired = LockRecord.retiredInstances(record, table.newId(), owner);
            byKey.put(key, retired);
        }
        return Objects.requireNonNull(retired);
    }
}
