package io.lockopt.agent.recorder;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Identity map from lock objects to their {@link LockRecord}s.
 *
 * <p>Design notes. Lookups run on every hooked lock operation, from any thread, and must not
 * allocate: open addressing on {@link System#identityHashCode}, linear probing, comparing
 * the weakly held referent by identity. Inserts are rare (first sight of a lock) and take
 * this table's monitor. Growing builds a new array and publishes it through a volatile
 * field; a reader still probing the old array either finds its record there (records are
 * never removed or moved within an array) or misses and falls into {@link #register}, which
 * looks again in the current array under the monitor. Array slots are written with
 * {@link AtomicReferenceArray} release semantics so a reader never sees a half-built record.
 * Records of collected locks stay until the reporter {@linkplain #remove removes} them (see
 * {@link RetiredLocks}): it builds a new array without them and publishes it like a grown one;
 * a reader still probing the old array could find a removed record only with its lock, which
 * has been collected. Ids are never reused. The table stops admitting new locks while it holds
 * {@link #maxLocks}; later ones are counted as untracked.
 */
final class LockTable {
    private final int maxLocks;
    private volatile AtomicReferenceArray<LockRecord> slots = new AtomicReferenceArray<>(1024);
    private LockRecord[] byId = new LockRecord[1024];
    private int size;
    private int nextId;
    private long untracked;

    LockTable(int maxLocks) {
        this.maxLocks = maxLocks;
    }

    LockRecord find(Object lock) {
        int hash = System.identityHashCode(lock);
        AtomicReferenceArray<LockRecord> table = slots;
        int mask = table.length() - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            LockRecord record = table.get(i);
            if (record == null) {
                return null;
            }
            if (record.holds(lock, hash)) {
                return record;
            }
        }
    }

    /** The record for {@code lock}, creating it with {@code factory(id)} if new; null when the table is full. */
    synchronized LockRecord register(Object lock, IntFunction<LockRecord> factory) {
        LockRecord existing = find(lock);
        if (existing != null) {
            return existing;
        }
        if (size >= maxLocks) {
            untracked++;
            return null;
        }
        LockRecord record = factory.apply(nextId++);
        if ((size + 1) * 2 > slots.length()) {
            grow();
        }
        insert(slots, record);
        if (size == byId.length) {
            byId = java.util.Arrays.copyOf(byId, size * 2);
        }
        byId[size++] = record;
        return record;
    }

    synchronized LockRecord[] all() {
        return java.util.Arrays.copyOf(byId, size);
    }

    /** A fresh id, for a record that is not in the table (retired instances). */
    synchronized int newId() {
        return nextId++;
    }

    /** How many records the table holds. */
    synchronized int size() {
        return size;
    }

    /** Drops {@code gone} (records of collected locks, see {@link RetiredLocks}). */
    synchronized void remove(java.util.Set<LockRecord> gone) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!gone.contains(byId[i])) {
                byId[kept++] = byId[i];
            }
        }
        java.util.Arrays.fill(byId, kept, size, null);
        size = kept;
        AtomicReferenceArray<LockRecord> rebuilt = new AtomicReferenceArray<>(slots.length());
        for (int i = 0; i < size; i++) {
            insert(rebuilt, byId[i]);
        }
        slots = rebuilt;
    }

    synchronized long untracked() {
        return untracked;
    }

    private void grow() {
        AtomicReferenceArray<LockRecord> bigger = new AtomicReferenceArray<>(slots.length() * 2);
        for (int i = 0; i < size; i++) {
            insert(bigger, byId[i]);
        }
        slots = bigger;
    }

    private static void insert(AtomicReferenceArray<LockRecord> table, LockRecord record) {
        int mask = table.length() - 1;
        for (int i = spread(record.identityHash) & mask; ; i = (i + 1) & mask) {
            if (table.get(i) == null) {
                table.set(i, record);
                return;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
