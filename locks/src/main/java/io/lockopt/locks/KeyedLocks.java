package io.lockopt.locks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

/**
 * One {@link MeteredReadWriteLock} per resource key, created on first use and dropped when no
 * thread holds or waits for it, so memory stays bounded by the keys in use plus a small,
 * configurable number of idle locks ({@link Builder#idleCapacity}) kept for reuse. Compared with
 * Guava's {@code Striped}, which maps keys onto a fixed set of stripes: no false sharing of a
 * lock between unrelated keys and per-key statistics, for the price of a lookup (a read of a
 * cached slot, or of the map) per acquisition and a fixed array of {@code idleCapacity} slots
 * (64 to 4,096) per instance.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Acquiring: lock, then validate.</b> The hot path for a key that has an entry is a
 *     read of the key's slot (below), or a {@link ConcurrentHashMap#get} when the slot caches
 *     another key (no lock, no write either way), the key's lock, and one volatile read of the
 *     entry's {@code dead} flag; releasing is the lock's unlock and one read of the entry's
 *     {@code queued} flag for a key kept idle between uses. No
 *     reference count, no allocation (the returned handle is the lock's own, which escape
 *     analysis removes: see below), no shared write beyond the key's own lock word. This is the "lock,
 *     then check the object is still current" pattern of lock managers that free lock objects
 *     (as in Guava's lazily created {@code Striped} locks, which rely on weak references for
 *     the same end). The earlier form pinned the entry with a CAS before locking and unpinned
 *     it with another after unlocking: four atomic instructions per update instead of two.</li>
 * <li><b>The hot path inlines; the rest is out of line.</b> The handle is allocated in
 *     {@link #read}/{@link #write} and escape analysis removes it only if that method is
 *     inlined into its caller; C2 does not inline a method whose own compiled code is over
 *     {@code InlineSmallCode} (2,500 bytes on x86-64), and hot methods are also compiled on
 *     their own, in an order that differs from JVM to JVM. Until 2026-12-04 the keyed acquisition
 *     compiled to 3.1-3.6 KB (the map lookup, the wait, the retry loop and both modes' locks),
 *     so in about half the JVMs the handle escaped (40 B per update) and {@code keyed.update}
 *     ran at 0.49-0.69x of Guava {@code Striped} instead of 0.85-1.3x. Now each mode has its
 *     own copy of the hot path: the key's slot (no map), the lock's
 *     {@code MeteredReadWriteLock.tryAcquire} (counting only on a statistics stripe the thread
 *     owns already, {@code tryLock()}, no waiting path), the {@code dead} check and the handle,
 *     2.2-2.4 KB compiled on its own ({@code -XX:CompileCommand=print}). Everything else (a key
 *     not in its slot, a busy lock, a thread without a stripe, an entry reclaimed meanwhile) is
 *     {@link #acquireSlowly}, called through a method handle that is not a constant, which C2
 *     never inlines (a plain call would be, once hot, and the size would come back); it returns
 *     the entry and the acquisition word in a small object (24 B, on that path only), so that
 *     the handle still has one allocation site after the two paths merge (two allocations
 *     merging into one value defeat escape analysis on Java 17). Forcing the method-handle call
 *     itself inline (its type check and dispatch; C2 does that once the slow path is hot) gives
 *     2.3-2.4 KB, still under the limit.
 *     The first seven passes' measurements are in docs/benchmarks.md, issue 13.</li>
 * <li><b>Reclaiming, and who races with whom.</b> An entry dies only inside
 *     {@link ConcurrentHashMap#computeIfPresent} for its key, and only if (a) it is not
 *     retained and (b) the reclaiming thread gets its write lock with {@code tryLock()} as a
 *     first hold (nobody else holds it, and the reclaimer is not re-entering a lock it holds
 *     itself); it then sets {@code dead}, leaves the map in the same atomic step, and unlocks.
 *     The reclaimer never waits: if anyone holds the lock it leaves the entry alone. An
 *     acquirer that looked the entry up before it died either (1) got the lock first, so the
 *     reclaimer's {@code tryLock} fails, or (2) gets it after the reclaimer's unlock, sees
 *     {@code dead} (the unlock/lock pair orders the flag before), releases, and starts again
 *     through {@link ConcurrentHashMap#compute}, which runs under the same bin lock as the
 *     removal and so finds the key absent and creates a new entry. The hot path, which read
 *     the entry from its slot, makes the same check after its {@code tryLock()}
 *     ({@code KeyedLocksTest.theHotPathRetriesAnEntryReclaimedAfterItsSlotWasRead} fails
 *     without it). Hence two threads holding
 *     one key always hold the same lock, and an entry is never removed while its lock is held.
 *     Waiting threads are safe as well: they are case (2). Retention counts are changed only
 *     inside {@code compute} for the key, under the bin lock the reclaimer also holds, so a
 *     retained entry is never reclaimed.</li>
 * <li><b>The slot cache: Striped's lookup for live entries.</b> Guava's {@code Striped} finds
 *     a key's lock by hashing into an array; a map lookup (hash, a volatile table read, a node,
 *     the key's {@code equals}) cost about as much as the lock itself. So a fixed,
 *     direct-mapped array of entries ({@code slots}, as many as idle locks are kept, 64 to
 *     4,096) sits in front of the map: the hot path reads the key's slot and, if it holds an
 *     entry of an equal key, locks that. The map stays the truth; a slot is only a hint, and
 *     lock-then-validate covers it like a map read. <i>Who writes a slot:</i> an acquirer, in
 *     {@code retired()} with the entry's lock held and the entry found alive, fills the slot
 *     if it is empty (a read first, so a hot key's acquisitions do not write); the reclaimer,
 *     holding the entry's write lock and having set {@code dead}, clears the slot with a CAS
 *     from that entry to null. Since every store of an entry into a slot is made under its
 *     lock and before the reclaimer's {@code tryLock} succeeds, the CAS sees it: a reclaimed
 *     entry never stays in a slot, and memory stays bounded as below. Two acquirers of keys
 *     sharing a slot may overwrite each other's store; the loser's key just keeps using the
 *     map. Filling only empty slots keeps a key set larger than the array from rewriting
 *     slots on every acquisition (cache lines bouncing between cores).</li>
 * <li><b>When entries are reclaimed: off the hot path.</b> After a release, the releasing
 *     thread reads whether the lock is now free with nobody queued (two reads). If so the
 *     entry is idle: with {@code idleCapacity} 0 it is reclaimed at once (the configuration
 *     that trades speed for the smallest footprint); otherwise it joins a FIFO of idle entries
 *     unless its {@code queued} flag says it is there already (a CAS on the flag), and when
 *     the FIFO holds more than {@code idleCapacity} its oldest entry is reclaimed as above,
 *     failing harmlessly if it was taken again meanwhile. A hot working set smaller than the
 *     capacity therefore stops touching the FIFO at all; a key set larger than it pays the
 *     FIFO on the releases that leave a key idle. The idle check is a hint, not a proof: a
 *     thread that saw the lock busy leaves the check to the thread that holds or awaits it,
 *     which releases later and checks again, so every entry that becomes idle is seen idle by
 *     its last releaser. Memory stays bounded by the keys in use plus {@code idleCapacity}
 *     (plus one per racing thread).</li>
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
    private static final VarHandle QUEUED;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int MIN_SLOTS = 64;
    private static final int MAX_SLOTS = 4_096;
    /** The hot path's {@code tried} when the key's slot held no entry for it: nothing counted, nothing locked. */
    private static final long NOT_TRIED = MeteredReadWriteLock.NOT_STARTED;
    /**
     * {@link #acquireSlowly}, called through this handle by {@link #acquireOutOfLine}.
     * Deliberately not {@code final}, as {@code MeteredReadWriteLock.releaseAndRecordHandle}:
     * C2 inlines through a method handle only when it is a constant; this one is written once,
     * here, and never again.
     */
    @SuppressWarnings("FieldMayBeFinal")
    private static MethodHandle acquireSlowlyHandle;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(KeyedLocks.Entry.class, "queued", int.class);
            acquireSlowlyHandle = MethodHandles.lookup().findVirtual(KeyedLocks.class, "acquireSlowly",
                    MethodType.methodType(KeyedLocks.Acquisition.class, Object.class, LockMode.class,
                            KeyedLocks.Entry.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final boolean fair;
    private final boolean statistics;
    private final Comparator<? super K> keyOrder;
    private final ConcurrentHashMap<K, Entry> entries = new ConcurrentHashMap<>();
    /**
     * A direct-mapped cache of live entries in front of {@link #entries}, indexed by the key's
     * spread hash; elements are {@code Entry} objects, read and written through {@link #SLOTS}.
     */
    private final Object[] slots;
    private final int idleCapacity;
    private final ConcurrentLinkedQueue<Entry> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();

    private KeyedLocks(Builder<K> builder) {
        this.name = builder.name;
        this.fair = builder.fair;
        this.statistics = builder.statistics;
        this.keyOrder = builder.keyOrder;
        this.idleCapacity = builder.idleCapacity;
        this.slots = new Object[slotCount(builder.idleCapacity)];
    }

    /** One slot per idle lock kept (a power of two, 64 to 4,096): room for the hot working set. */
    private static int slotCount(int idleCapacity) {
        int wanted = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, idleCapacity));
        return Integer.highestOneBit(wanted * 2 - 1);
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
        // The hot path of write(), for the other mode: one copy per mode, so that each compiles
        // with its own mode's lock only (see "The hot path inlines" in the design notes).
        Entry entry = slottedEntryOf(Objects.requireNonNull(key, "key"));
        long acquisition = entry != null ? entry.lock.tryAcquire(LockMode.READ) : NOT_TRIED;
        if (acquisition < 0L || entry.dead) {
            Acquisition slow = acquireOutOfLine(key, LockMode.READ, entry, acquisition);
            entry = slow.entry;
            acquisition = slow.acquisition;
        }
        return entry.lock.handle(LockMode.READ, acquisition, entry);
    }

    /** Acquires the write lock of {@code key}. */
    public LockHandle write(K key) {
        Entry entry = slottedEntryOf(Objects.requireNonNull(key, "key"));
        long acquisition = entry != null ? entry.lock.tryAcquire(LockMode.WRITE) : NOT_TRIED;
        if (acquisition < 0L || entry.dead) {
            // Not in a slot, busy, or reclaimed since it was read from the slot.
            Acquisition slow = acquireOutOfLine(key, LockMode.WRITE, entry, acquisition);
            entry = slow.entry;
            acquisition = slow.acquisition;
        }
        // The one allocation site of the handle, after the two paths merged (see the design notes).
        return entry.lock.handle(LockMode.WRITE, acquisition, entry);
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
        Objects.requireNonNull(key, "key");
        Entry entry = entries.compute(key, (k, existing) -> {
            Entry live = existing != null ? existing : newEntry(k);
            live.retains++;
            return live;
        });
        return new Retention() {
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    entries.computeIfPresent(entry.key, (k, current) -> {
                        current.retains--;
                        return current;
                    });
                    released(entry);
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

    /**
     * For tests, while no thread acquires or releases: whether every entry cached in a slot is
     * its key's entry in the map, so that reclaimed locks are not kept alive by the cache.
     */
    boolean slotsHoldOnlyMappedEntries() {
        for (int slot = 0; slot < slots.length; slot++) {
            @SuppressWarnings("unchecked")
            Entry cached = (Entry) SLOTS.getVolatile(slots, slot);
            if (cached != null && (cached.dead || entries.get(cached.key) != cached)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "KeyedLocks[" + name + ", " + entries.size() + " in use]";
    }

    /** The live entry of {@code key}, created if there is none; may die before it is locked. */
    private Entry entryOf(K key) {
        Entry live = entries.get(key);
        return live != null ? live : entries.computeIfAbsent(key, this::newEntry);
    }

    private Entry newEntry(K key) {
        return new Entry(key, created.incrementAndGet());
    }

    /**
     * Calls {@link #acquireSlowly} through {@link #acquireSlowlyHandle}, a method handle the JIT
     * cannot see through (it is not a constant), so that the slow path never compiles into
     * {@link #read}/{@link #write}: see "The hot path inlines" in the design notes. Costs a few
     * nanoseconds, on acquisitions that miss the slot cache, wait, or race with reclamation only.
     */
    private Acquisition acquireOutOfLine(K key, LockMode mode, Entry entry, long tried) {
        try {
            return (Acquisition) acquireSlowlyHandle.invokeExact(this, (Object) key, mode, entry, tried);
        } catch (Throwable e) {
            throw KeyedLocks.<RuntimeException>rethrow(e);
        }
    }

    /** Rethrows what {@link #acquireSlowly} threw (it declares no checked exception) without wrapping it. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable e) throws T {
        throw (T) e;
    }

    /**
     * The rest of an acquisition whose hot path failed: {@code entry} is the key's entry read
     * from its slot (null if the slot held another key or none) and {@code tried} what its
     * {@link MeteredReadWriteLock#tryAcquire} returned ({@link #NOT_TRIED} without an entry):
     * the lock taken, but the entry died meanwhile; or busy, so wait for it. Then, as long as the
     * key's entry is reclaimed between the lookup and the lock, look the key up in the map again
     * and lock that entry.
     */
    @SuppressWarnings("unchecked") // the method handle's erased key
    private Acquisition acquireSlowly(Object erasedKey, LockMode mode, Entry slotted, long tried) {
        if (tried >= 0L) {
            slotted.lock.releaseRetired(mode); // locked, but the entry died after it was read from its slot
        } else if (tried == MeteredReadWriteLock.BUSY || tried == MeteredReadWriteLock.BUSY_SAMPLED) {
            long acquisition = slotted.lock.acquireAfterTry(mode, tried, slotted);
            if (acquisition != MeteredReadWriteLock.RETIRED) {
                return new Acquisition(slotted, acquisition);
            }
        } else if (slotted != null) { // NOT_STARTED: the thread has no statistics stripe yet
            long acquisition = slotted.lock.lockUnlessRetired(mode, slotted);
            if (acquisition != MeteredReadWriteLock.RETIRED) {
                return new Acquisition(slotted, acquisition);
            }
        }
        K key = (K) erasedKey;
        while (true) {
            // No entry in the slot, or it was reclaimed between the lookup and the lock.
            Entry entry = entryOf(key);
            long acquisition = entry.lock.lockUnlessRetired(mode, entry);
            if (acquisition != MeteredReadWriteLock.RETIRED) {
                return new Acquisition(entry, acquisition);
            }
        }
    }

    /** The hot path's lookup: {@code key}'s entry if its slot caches it, else null. */
    private Entry slottedEntryOf(K key) {
        int slot = slotOf(key);
        @SuppressWarnings("unchecked")
        Entry cached = (Entry) SLOTS.getAcquire(slots, slot);
        if (cached != null) {
            Object cachedKey = cached.key;
            if (cachedKey == key || cachedKey.equals(key)) {
                return cached;
            }
        }
        return null;
    }

    private int slotOf(Object key) {
        int hash = key.hashCode();
        return (hash ^ (hash >>> 16)) & (slots.length - 1);
    }

    /**
     * After a release: an entry left idle is reclaimed or remembered as idle (see the design
     * notes). The common case, a hot key already in the FIFO of idle entries, is one load here;
     * the rest is {@link #releasedNotQueued}, a method of its own so that the handle's
     * {@code close()}, which calls this, compiles small enough to inline into its caller (a
     * handle whose {@code close()} is not inlined escapes and is allocated, 40-48 B per keyed
     * acquisition; see {@link MeteredReadWriteLock}'s design notes). C2 inlines a method of more
     * than 35 bytecodes only at a call site that has run 100 times, which this one does only
     * for the first uses of each key.
     */
    private void released(Entry entry) {
        if (idleCapacity != 0 && entry.queued != 0) {
            return;
        }
        releasedNotQueued(entry);
    }

    private void releasedNotQueued(Entry entry) {
        if (entry.dead || !entry.lock.isIdle()) {
            return;
        }
        if (idleCapacity == 0) {
            reclaimIfIdle(entry);
            return;
        }
        if (!QUEUED.compareAndSet(entry, 0, 1)) {
            return; // another releaser queued it meanwhile
        }
        idle.offer(entry);
        if (idleCount.incrementAndGet() > idleCapacity) {
            Entry oldest = idle.poll();
            if (oldest != null) {
                idleCount.decrementAndGet();
                QUEUED.setVolatile(oldest, 0);
                if (!reclaimIfIdle(oldest) && !oldest.dead && oldest.lock.isIdle()) {
                    released(oldest); // still idle (it was retained, say): keep it in the FIFO
                }
            }
        }
    }

    /** Removes {@code entry} unless it is retained or its lock is held or awaited; true if removed. */
    private boolean reclaimIfIdle(Entry entry) {
        boolean[] removed = {false};
        entries.computeIfPresent(entry.key, (k, current) -> {
            if (current != entry || current.retains > 0 || !current.lock.tryLockToRetire()) {
                return current;
            }
            current.dead = true;
            // Every store of this entry into its slot was made by a holder of its lock, before
            // the tryLock above succeeded, so this sees it (or a later entry, left alone).
            SLOTS.compareAndSet(slots, slotOf(k), current, null);
            current.lock.unlockRetired();
            removed[0] = true;
            return null;
        });
        return removed[0];
    }

    private LockHandle acquireAll(Collection<? extends K> keys, LockMode mode) {
        Objects.requireNonNull(keys, "keys");
        Set<K> distinct = new HashSet<>();
        for (K key : keys) {
            distinct.add(Objects.requireNonNull(key, "keys must not contain null"));
        }
        while (true) {
            List<Entry> ordered = new ArrayList<>(distinct.size());
            for (K key : distinct) {
                ordered.add(entryOf(key));
            }
            ordered.sort(this::canonicalOrder);
            List<LockHandle> held = new ArrayList<>(ordered.size());
            boolean stale = false;
            try {
                for (Entry entry : ordered) {
                    held.add(entry.lock.acquire(mode, entry));
                }
            } catch (MeteredReadWriteLock.Retired e) {
                stale = true; // one was reclaimed before we locked it: release all, look up again
            } catch (RuntimeException | Error e) {
                releaseInReverse(held);
                throw e;
            }
            if (!stale) {
                return new MultiKeyHandle(held);
            }
            releaseInReverse(held);
        }
    }

    private static void releaseInReverse(List<LockHandle> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).close();
        }
    }

    private int canonicalOrder(Entry a, Entry b) {
        if (a == b) {
            return 0;
        }
        int byKey = keyOrder != null
                ? keyOrder.compare(a.key, b.key)
                : Integer.compare(a.key.hashCode(), b.key.hashCode());
        return byKey != 0 ? byKey : Integer.compare(a.serial, b.serial);
    }

    /**
     * A key's lock, its retention count and its reclamation state. As the lock's
     * {@link MeteredReadWriteLock.ReleaseListener} it hears of every release of its lock (a
     * release that throws, from the wrong thread, releases nothing and is not heard).
     */
    private final class Entry implements MeteredReadWriteLock.ReleaseListener {
        final K key;
        final MeteredReadWriteLock lock;
        /** Creation number, for the multi-key order; wraps after 2^32 creations (ties then need equal hashes too). */
        final int serial;
        /** Set once, with the write lock held, in the step that removes the entry from the map. */
        volatile boolean dead;
        /** Open retentions; read and written only inside {@code compute} for this key. */
        int retains;
        /** 1 while the entry is in the FIFO of idle entries; updated only through {@link #QUEUED}. */
        volatile int queued;

        Entry(K key, int serial) {
            this.key = key;
            this.serial = serial;
            // The entry names its lock: no name string is kept per key (see toString).
            this.lock = MeteredReadWriteLock.builder(name).nameSource(this).fair(fair).statistics(statistics).build();
        }

        /** The key's lock's name, built when asked (statistics, exceptions). */
        @Override
        public String toString() {
            return name + "[" + key + "]";
        }

        /** Asked with the lock held: a live entry takes its slot if the slot is free. */
        @Override
        public boolean retired() {
            if (dead) {
                return true;
            }
            int slot = slotOf(key);
            if (SLOTS.getAcquire(slots, slot) == null) {
                SLOTS.setRelease(slots, slot, this);
            }
            return false;
        }

        @Override
        public void released() {
            KeyedLocks.this.released(this);
        }
    }

    /** An acquisition that took the slow path: the entry locked and its lock's acquisition word. */
    private final class Acquisition {
        final Entry entry;
        final long acquisition;

        Acquisition(Entry entry, long acquisition) {
            this.entry = entry;
            this.acquisition = acquisition;
        }
    }

    /** Keeps a key's lock alive; see {@link #retain}. */
    public interface Retention extends AutoCloseable {
        @Override
        void close();
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
