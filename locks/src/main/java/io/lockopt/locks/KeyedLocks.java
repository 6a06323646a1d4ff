package io.lockopt.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link MeteredReadWriteLock} per resource key, created on first use and dropped when no
 * thread holds or waits for it, so memory stays bounded by the keys in use plus a small,
 * configurable number of idle locks ({@link Builder#idleCapacity}) kept for reuse. Compared with
 * Guava's {@code Striped}, which maps keys onto a fixed set of stripes: no false sharing of a
 * lock between unrelated keys and per-key statistics, for the price of a map operation per
 * acquisition and release.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Reclaiming.</b> Each entry counts the threads that hold, are about to acquire, or
 *     {@linkplain #retain retain} its lock ({@code pins}). A thread pins before it locks and
 *     unpins after it unlocks. Pinning a live entry is a CAS on its count, with no map write,
 *     so threads sharing a hot key do not serialize on the map's bin lock; only a missing or
 *     dying entry takes the slow path through {@link ConcurrentHashMap#compute}. An entry dies
 *     only inside {@code computeIfPresent}, by a CAS of its count from 0 to {@code DEAD}, and
 *     is removed from the map in the same atomic step: a racing pin either incremented the
 *     count first (the CAS fails, the entry stays) or sees {@code DEAD} and takes the slow
 *     path, which runs under the same bin lock and so finds the key absent and creates a new
 *     entry. Hence an entry is never removed while someone holds, awaits or retains its lock,
 *     and two threads asking for one key at once always get the same lock.</li>
 * <li><b>Idle locks.</b> Creating a lock per acquisition (a key used by one thread at a time)
 *     would cost more than the locking, so an entry whose count drops to zero stays in the map
 *     and joins a FIFO of idle entries; when that FIFO holds more than {@code idleCapacity},
 *     its oldest element is evicted by the same 0-to-{@code DEAD} CAS, which fails harmlessly
 *     if the entry was pinned again meanwhile. An entry joins the FIFO only if its
 *     {@code queued} flag was clear (a CAS), and the flag is cleared when it leaves, before the
 *     eviction attempt; so an entry is in the FIFO at most once, a hot working set smaller than
 *     the capacity stops touching the FIFO at all, and every idle entry is either in the FIFO
 *     or being evicted. The FIFO's length stays within {@code idleCapacity} (plus one per
 *     racing thread), so idle entries stay bounded too.</li>
 * <li><b>Several keys at once.</b> {@link #writeAll}/{@link #readAll} pin every key first, then
 *     lock them in one canonical order and release in reverse. The order is total over the
 *     entries alive at any moment: by the key comparator given to the builder (natural order
 *     for {@code Comparable} keys, say) or, by default, by {@code hashCode()}; keys that
 *     compare equal but are not equal fall back to the entry's creation number. Creation
 *     numbers are stable while an entry is pinned, and every thread acquiring a key sees the
 *     same pinned entry, so all threads agree on the order and no cycle of waits can form
 *     among multi-key acquisitions. The order is fixed per instance rather than chosen per
 *     call (say, "natural order when all keys are Comparable"), because two calls choosing
 *     differently could order the same two keys differently.</li>
 * <li><b>What callers must still do.</b> A thread that already holds one key and then asks for
 *     more steps outside the canonical order; and, as with the JDK lock, a read hold cannot be
 *     upgraded to a write hold.</li>
 * </ul>
 *
 * @param <K> key type, with consistent {@code equals}/{@code hashCode}
 */
public final class KeyedLocks<K> {
    /** Pin count of an entry that has left the map; it can never be pinned again. */
    private static final int DEAD = -1;
    private static final VarHandle PINS;
    private static final VarHandle QUEUED;

    static {
        try {
            PINS = MethodHandles.lookup().findVarHandle(KeyedLocks.Entry.class, "pins", int.class);
            QUEUED = MethodHandles.lookup().findVarHandle(KeyedLocks.Entry.class, "queued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final boolean fair;
    private final boolean statistics;
    private final Comparator<? super K> keyOrder;
    private final ConcurrentHashMap<K, Entry> entries = new ConcurrentHashMap<>();
    private final int idleCapacity;
    private final ConcurrentLinkedQueue<Entry> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicLong created = new AtomicLong();

    private KeyedLocks(Builder<K> builder) {
        this.name = builder.name;
        this.fair = builder.fair;
        this.statistics = builder.statistics;
        this.keyOrder = builder.keyOrder;
        this.idleCapacity = builder.idleCapacity;
    }

    /** Non-fair locks with statistics, multi-key order by hash code. */
    public static <K> KeyedLocks<K> create(String name) {
        return KeyedLocks.<K>builder(name).build();
    }

    public static <K> Builder<K> builder(String name) {
        return new Builder<>(MeteredReadWriteLock.requireName(name, "name"));
    }

    public String name() {
        return name;
    }

    /** Acquires the read lock of {@code key}. */
    public LockHandle read(K key) {
        return acquire(pin(Objects.requireNonNull(key, "key")), LockMode.READ);
    }

    /** Acquires the write lock of {@code key}. */
    public LockHandle write(K key) {
        return acquire(pin(Objects.requireNonNull(key, "key")), LockMode.WRITE);
    }

    /** Acquires the read locks of all {@code keys} (duplicates once) in canonical order. */
    public LockHandle readAll(Collection<? extends K> keys) {
        return acquireAll(keys, LockMode.READ);
    }

    /** Acquires the write locks of all {@code keys} (duplicates once) in canonical order. */
    public LockHandle writeAll(Collection<? extends K> keys) {
        return acquireAll(keys, LockMode.WRITE);
    }

    /**
     * Keeps {@code key}'s lock, and so its statistics, alive until the returned handle is
     * closed, even while no thread holds it. For owners of a fixed set of keys (one lock per
     * timeframe, say) whose statistics must survive between acquisitions; it also keeps every
     * acquisition of the key on the fast path. Closing twice is harmless.
     */
    public Retention retain(K key) {
        Entry entry = pin(Objects.requireNonNull(key, "key"));
        return new Retention() {
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    unpin(entry);
                }
            }
        };
    }

    /**
     * Number of keys whose lock is currently held, awaited, retained or kept idle for reuse
     * (at most {@link Builder#idleCapacity} of them): exact while no thread acquires or
     * releases, an estimate (like {@link ConcurrentHashMap#size()}) while they do.
     */
    public int size() {
        return entries.size();
    }

    /** Statistics of {@code key}'s lock while it is in use; empty once it was reclaimed. */
    public Optional<LockStats> stats(K key) {
        Entry entry = entries.get(Objects.requireNonNull(key, "key"));
        return entry == null ? Optional.empty() : Optional.of(entry.lock.stats());
    }

    /** Statistics of every lock currently in use, by key. */
    public Map<K, LockStats> allStats() {
        Map<K, LockStats> result = new LinkedHashMap<>();
        entries.forEach((key, entry) -> result.put(key, entry.lock.stats()));
        return Map.copyOf(result);
    }

    @Override
    public String toString() {
        return "KeyedLocks[" + name + ", " + entries.size() + " in use]";
    }

    private Entry pin(K key) {
        Entry live = entries.get(key);
        if (live != null && live.tryPin()) {
            return live;
        }
        return entries.compute(key, (k, existing) -> {
            // A mapped entry is never DEAD (it dies and leaves the map in one step), so tryPin
            // succeeds here; the fresh entry is the fallback for an absent key.
            if (existing != null && existing.tryPin()) {
                return existing;
            }
            return new Entry(k, newLock(k), created.incrementAndGet());
        });
    }

    private void unpin(Entry entry) {
        if ((int) PINS.getAndAdd(entry, -1) != 1) {
            return;
        }
        if (idleCapacity == 0) {
            reclaimIfIdle(entry);
            return;
        }
        if (entry.queued != 0 || !QUEUED.compareAndSet(entry, 0, 1)) {
            return; // already in the FIFO of idle entries
        }
        idle.offer(entry);
        if (idleCount.incrementAndGet() > idleCapacity) {
            Entry oldest = idle.poll();
            if (oldest != null) {
                idleCount.decrementAndGet();
                QUEUED.setVolatile(oldest, 0);
                reclaimIfIdle(oldest);
            }
        }
    }

    /** Removes {@code entry} if nobody pinned it since it became idle. */
    private void reclaimIfIdle(Entry entry) {
        entries.computeIfPresent(entry.key,
                (k, current) -> current == entry && PINS.compareAndSet(entry, 0, DEAD) ? null : current);
    }

    private MeteredReadWriteLock newLock(K key) {
        return MeteredReadWriteLock.builder(name + "[" + key + "]").fair(fair).statistics(statistics).build();
    }

    private LockHandle acquire(Entry entry, LockMode mode) {
        try {
            LockHandle handle = mode == LockMode.READ ? entry.lock.read() : entry.lock.write();
            return new KeyHandle(entry, handle);
        } catch (RuntimeException | Error e) {
            unpin(entry);
            throw e;
        }
    }

    private LockHandle acquireAll(Collection<? extends K> keys, LockMode mode) {
        Objects.requireNonNull(keys, "keys");
        Set<K> distinct = new HashSet<>();
        for (K key : keys) {
            distinct.add(Objects.requireNonNull(key, "keys must not contain null"));
        }
        List<Entry> pinned = new ArrayList<>(distinct.size());
        List<KeyHandle> held = new ArrayList<>(distinct.size());
        try {
            for (K key : distinct) {
                pinned.add(pin(key));
            }
            pinned.sort(this::canonicalOrder);
            for (Entry entry : pinned) {
                LockHandle handle = mode == LockMode.READ ? entry.lock.read() : entry.lock.write();
                held.add(new KeyHandle(entry, handle));
            }
            return new MultiKeyHandle(held);
        } catch (RuntimeException | Error e) {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).close();
            }
            for (int i = held.size(); i < pinned.size(); i++) {
                unpin(pinned.get(i));
            }
            throw e;
        }
    }

    private int canonicalOrder(Entry a, Entry b) {
        if (a == b) {
            return 0;
        }
        int byKey = keyOrder != null
                ? keyOrder.compare(a.key, b.key)
                : Integer.compare(a.key.hashCode(), b.key.hashCode());
        return byKey != 0 ? byKey : Long.compare(a.serial, b.serial);
    }

    /** A key's lock and its pin count (starts at 1: the creating thread's pin). */
    private final class Entry {
        final K key;
        final MeteredReadWriteLock lock;
        final long serial;
        /** Pins, or {@link #DEAD} once removed from the map; updated only through {@link #PINS}. */
        volatile int pins = 1;
        /** 1 while the entry is in the FIFO of idle entries; updated only through {@link #QUEUED}. */
        volatile int queued;

        Entry(K key, MeteredReadWriteLock lock, long serial) {
            this.key = key;
            this.lock = lock;
            this.serial = serial;
        }

        /** Adds a pin unless the entry is dead. */
        boolean tryPin() {
            for (int current = pins; current != DEAD; current = pins) {
                if (PINS.compareAndSet(this, current, current + 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Keeps a key's lock alive; see {@link #retain}. */
    public interface Retention extends AutoCloseable {
        @Override
        void close();
    }

    /** Releases one key's lock, then unpins it; idempotent like the handle it wraps. */
    private final class KeyHandle implements LockHandle {
        private final Entry entry;
        private final LockHandle handle;
        private boolean released;

        KeyHandle(Entry entry, LockHandle handle) {
            this.entry = entry;
            this.handle = handle;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            handle.close(); // throws if this thread does not hold it; then nothing changes
            released = true;
            unpin(entry);
        }
    }

    /** Releases several keys in reverse acquisition order. */
    private static final class MultiKeyHandle implements LockHandle {
        private final List<? extends LockHandle> handles;
        private boolean released;

        MultiKeyHandle(List<? extends LockHandle> handles) {
            this.handles = handles;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            for (int i = handles.size() - 1; i >= 0; i--) {
                handles.get(i).close();
            }
            released = true;
        }
    }

    /** Options of a {@link KeyedLocks}. */
    public static final class Builder<K> {
        /** Idle locks kept by default: enough for a hot working set, small in memory. */
        public static final int DEFAULT_IDLE_CAPACITY = 256;

        private final String name;
        private boolean fair;
        private boolean statistics = true;
        private Comparator<? super K> keyOrder;
        private int idleCapacity = DEFAULT_IDLE_CAPACITY;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * How many locks of keys nobody is using are kept for reuse (and keep their
         * statistics) before the oldest is reclaimed. 0 reclaims a lock as soon as its last
         * user releases it. Default: {@value #DEFAULT_IDLE_CAPACITY}.
         */
        public Builder<K> idleCapacity(int idleCapacity) {
            if (idleCapacity < 0) {
                throw new IllegalArgumentException("idleCapacity must not be negative, was " + idleCapacity);
            }
            this.idleCapacity = idleCapacity;
            return this;
        }

        /** Fair per-key locks. Default: non-fair. */
        public Builder<K> fair(boolean fair) {
            this.fair = fair;
            return this;
        }

        /** Per-key statistics. Default: on. */
        public Builder<K> statistics(boolean statistics) {
            this.statistics = statistics;
            return this;
        }

        /**
         * The order in which multi-key acquisitions take their keys, e.g.
         * {@code Comparator.naturalOrder()}. Default: by {@code hashCode()}. Ties between
         * unequal keys are broken by the entry's creation number either way.
         */
        public Builder<K> keyOrder(Comparator<? super K> keyOrder) {
            this.keyOrder = Objects.requireNonNull(keyOrder, "keyOrder");
            return this;
        }

        public KeyedLocks<K> build() {
            return new KeyedLocks<>(this);
        }
    }
}
