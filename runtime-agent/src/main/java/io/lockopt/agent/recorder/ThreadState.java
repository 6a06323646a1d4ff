package io.lockopt.agent.recorder;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import io.lockopt.agent.bootstrap.LockSink;

/**
 * One thread's view of its locks: the stack of locks it holds (through instrumented sites),
 * the timed attempt it is making on a lock that cannot be probed, a per-site cache of what
 * each site last locked, and its own per-lock statistics.
 *
 * <p>Design notes: written only by its thread (found through {@link ThreadStates}). The
 * reporter reads only the immutable {@link #threadName}; a JFR-reported wait may read
 * {@link #recordLastLockedAt} from another thread, a racy read of one reference that at worst
 * names a lock this site locked earlier. A thread about to wait for a lock (or that just waited
 * for a monitor) reads {@link #heldAt} and {@link #releasedAt} from another thread to name the
 * holder ({@link LockHolders}): plain reads of the held stack's array, depth and entries, which
 * may be stale (an entry being reused names another lock, and is then not matched) but never
 * fail: the array only grows, and the loop stays within both its length and the depth read. Arrays grow by doubling, so a thread allocates only
 * until its deepest nesting has been seen once. A reentrant acquisition of a lock already on
 * the held stack bumps that entry's depth instead of pushing, so the hold time measured is the
 * outermost one. The site cache is direct-mapped by site id and keeps the last lock object
 * of each slot strongly: at most {@link #CACHE_SLOTS} locks per thread stay reachable until
 * the session ends, the price of finding a lock's statistics without hashing it. The entry
 * used last is also copied into this object's own fields ({@code memo*}): a thread that keeps
 * taking the same lock at the same site, the common case, then touches none of the cache's
 * arrays, which matters more than the instructions saved once application work between two
 * acquisitions has pushed them out of the core's nearest cache. Its own statistics map drops
 * the records the reporter retired (their locks collected, {@link RetiredLocks}) on this thread,
 * when it next adds a record after a retiring pass (or is full): the reporter only sets the
 * record's volatile {@code retired} flag and counts its passes. The
 * one field another thread writes is {@link #sampledHolder} (volatile, by the monitor sampler).
 */
final class ThreadState {
    private static final int INITIAL_DEPTH = 8;
    static final int CACHE_SLOTS = 64;
    private static final int CACHE_MASK = CACHE_SLOTS - 1;

    final long threadId;
    final String threadName;
    private final WeakReference<Thread> thread;
    /** Set while the recorder's slow path runs on this thread: a hook re-entered from it passes through. */
    boolean busy;
    /** Site of a call to a lock helper whose acquisition is still to come; -1 when none. */
    int pendingSection = -1;
    /** The holder of the lock this thread is about to block on, when known; taken by the acquisition. */
    LockHolders.Sighting pendingHolder;
    /**
     * The holder {@link MonitorHolderSampler} saw while this thread was blocked on a monitor:
     * the one field another thread writes (the sampler's thread alone, volatile), read by this
     * thread when its contended monitor acquisition names its holder.
     */
    volatile SampledHolder sampledHolder;
    /**
     * The lock this thread released last and the site it had taken it at: written by this thread
     * on every release (two plain stores), read racily by a thread that has just waited for that
     * monitor ({@link LockHolders#afterMonitorWait}).
     */
    private Object releasedLock;
    private InstrumentedSite releasedAt;

    // ---- locks held (a stack, with removal from the middle for out-of-order releases) -------
    // Initialized first, so the stack's first entries are allocated right after this object:
    // the lines every acquisition touches sit together.
    private Held[] held = newEntries(new Held[0], INITIAL_DEPTH);
    private int depth;

    // ---- the lock held lightly: an outermost, uncontended acquisition whose hold is not timed ---
    // The common case of a hot lock, kept in these fields instead of a held-stack entry: the
    // stack is touched only by what has more to record (timed holds, waits, nesting). At most
    // one lock is held lightly: anything acquired while it is held goes on the stack, with the
    // lock-order edge from it. Only {@code Lock} and {@code StampedLock} acquisitions (never
    // monitors, which the holder sampler finds on the stack) are held so.
    /** The lock held lightly, null when none. */
    Object lightLock;
    LockRecord lightRecord;
    ThreadLockStats lightStats;
    InstrumentedSite lightSite;
    /** The lock helper's site the light acquisition was made for, or -1. */
    int lightSection = -1;
    /** {@link HoldTicks#now} at the light acquisition: its release tells a long hold. */
    long lightTick;
    /** The light hold's mode (LockSink.READ, WRITE or EXCLUSIVE): a read hold has no single owner, never named as a holder. */
    int lightMode;
    /** Inner levels of a reentrant light hold still to be released. */
    int lightReentries;

    // ---- the last cache entry used, copied here: the common case reads no cache array ----------
    Object memoLock;
    int memoSiteId = -1;
    LockRecord memoRecord;
    /** {@code memoRecord.mode} (final there), copied so that the light path reads no shared record's line. */
    int memoMode;
    ThreadLockStats memoStats;
    InstrumentedSite memoSite;

    // ---- the site cache: what the site with this slot's id last locked -----------------------
    private final int[] cachedSiteId = new int[CACHE_SLOTS];
    private final Object[] cachedLock = new Object[CACHE_SLOTS];
    private final LockRecord[] cachedRecord = new LockRecord[CACHE_SLOTS];
    private final ThreadLockStats[] cachedStats = new ThreadLockStats[CACHE_SLOTS];
    private final InstrumentedSite[] cachedSite = new InstrumentedSite[CACHE_SLOTS];
    /** Read/write views already reported at a site (same direct mapping). */
    private final int[] viewSiteId = new int[CACHE_SLOTS];
    private final Object[] viewSeen = new Object[CACHE_SLOTS];

    // ---- the timed attempt in progress (monitors, lockopt's handles) ----------------------
    // They never nest (neither kind runs instrumented code while acquiring), so one slot is
    // enough; an attempt that threw is superseded by the next announcement.
    /** The lock of the pending attempt, null when none. */
    Object attemptLock;
    int attemptSite;
    int attemptMode;
    long attemptSince;
    /** {@link ThreadBlockingCounts} when last read: on creation, then on each slow acquisition. */
    private ThreadBlockingCounts blockingsSeen;

    /** This thread's own statistics per lock: open addressing by record id, grown by doubling. */
    private LockRecord[] statKeys = new LockRecord[8];
    private ThreadLockStats[] statValues = new ThreadLockStats[8];
    private int statCount;
    /** {@link RetiredLocks#passes} when this thread's statistics map last dropped retired records. */
    private int retirementsSeen;

    ThreadState(Thread owner) {
        this.threadId = owner.getId();
        this.threadName = owner.getName();
        this.thread = new WeakReference<>(owner);
        Arrays.fill(cachedSiteId, -1);
        Arrays.fill(viewSiteId, -1);
        this.blockingsSeen = ThreadBlockingCounts.of(threadId);
    }

    /**
     * Whether this thread blocked on a monitor ({@code monitor}) or waited (otherwise: parking
     * locks) since the last call, or since the thread was first seen: a slow acquisition in
     * which it did neither was descheduled, not contended. Any block since the last look
     * counts, so one on another lock may be taken for this one's, never the other way round.
     * Answers true when the counts cannot be read.
     */
    boolean blockedSinceLastLook(boolean monitor) {
        ThreadBlockingCounts now = ThreadBlockingCounts.of(threadId);
        ThreadBlockingCounts before = blockingsSeen;
        blockingsSeen = now;
        if (now == null || before == null) {
            return true;
        }
        return now.blocked() > before.blocked() || (!monitor && now.waited() > before.waited());
    }

    boolean threadAlive() {
        Thread owner = thread.get();
        return owner != null && owner.isAlive();
    }

    // ---- the site cache ----------------------------------------------------------------------

    /** The cache slot of {@code siteId} if it holds {@code lock}, else -1. */
    int cached(Object lock, int siteId) {
        int slot = siteId & CACHE_MASK;
        return cachedLock[slot] == lock && cachedSiteId[slot] == siteId ? slot : -1;
    }

    int cache(Object lock, int siteId, InstrumentedSite site, LockRecord record, ThreadLockStats own) {
        int slot = siteId & CACHE_MASK;
        cachedSiteId[slot] = -1; // a racy reader of recordLastLockedAt never pairs this id with the old record
        cachedLock[slot] = lock;
        cachedRecord[slot] = record;
        cachedStats[slot] = own;
        cachedSite[slot] = site;
        cachedSiteId[slot] = siteId;
        return slot;
    }

    /** Makes the entry in {@code slot} the one {@code memo*} names. */
    void memo(int slot) {
        memoLock = cachedLock[slot];
        memoSiteId = cachedSiteId[slot];
        memoRecord = cachedRecord[slot];
        memoMode = memoRecord.mode;
        memoStats = cachedStats[slot];
        memoSite = cachedSite[slot];
    }

    LockRecord cachedRecord(int slot) {
        return cachedRecord[slot];
    }


    /** The record this thread last locked at {@code siteId}, if the cache still has it. */
    LockRecord recordLastLockedAt(int siteId) {
        int slot = siteId & CACHE_MASK;
        LockRecord record = cachedRecord[slot];
        return cachedSiteId[slot] == siteId ? record : null;
    }

    /** True the first time this view is reported at this site (since the slot last changed). */
    boolean firstViewAt(Object view, int siteId) {
        int slot = siteId & CACHE_MASK;
        if (viewSeen[slot] == view && viewSiteId[slot] == siteId) {
            return false;
        }
        viewSeen[slot] = view;
        viewSiteId[slot] = siteId;
        return true;
    }

    // ---- held locks ------------------------------------------------------------------------

    /** One level of the held stack; the objects are reused, so pushing allocates nothing. */
    static final class Held {
        Object lock;
        LockRecord record;
        ThreadLockStats stats;
        /** Where the lock was taken. */
        InstrumentedSite site;
        /** The site of the call to a lock helper this acquisition was made for, or -1. */
        int sectionId;
        /** Acquisition time of a timed hold, else {@code NOT_TIMED}. */
        long since;
        /** {@link HoldTicks#now} at the acquisition: a release ticks later tells a long hold. */
        long tick;
        /** The wait before the acquisition, -1 when it did not wait; recorded after the release. */
        long waited;
        /** The mode the acquisition asked for (LockSink.READ, WRITE, EXCLUSIVE, or BY_CLASS: the record's). */
        int mode;
        /** The thread that held the lock when this acquisition began to wait (null: not known). */
        LockHolders.Sighting holder;
        int reentries;
        /** One of the entries a multi-key acquisition pushed, all released by one {@code close()}. */
        boolean multiKey;
    }

    private static Held[] newEntries(Held[] old, int length) {
        Held[] grown = Arrays.copyOf(old, length);
        for (int i = old.length; i < length; i++) {
            grown[i] = new Held();
        }
        return grown;
    }

    int depth() {
        return depth;
    }

    LockRecord recordAt(int index) {
        return held[index].record;
    }

    Object keyAt(int index) {
        return held[index].lock;
    }

    /** Index of {@code lock} on the stack, searching from the top; -1 if not held here. */
    int indexOf(Object lock) {
        for (int i = depth - 1; i >= 0; i--) {
            if (held[i].lock == lock) {
                return i;
            }
        }
        return -1;
    }

    void reenter(int index) {
        held[index].reentries++;
    }

    /** Pushes a new level and returns it for the caller to fill in. */
    Held push(Object lock) {
        if (depth == held.length) {
            held = newEntries(held, depth * 2);
        }
        Held entry = held[depth++];
        entry.lock = lock;
        entry.reentries = 0;
        entry.multiKey = false;
        return entry;
    }

    /**
     * Releases one level of {@code lock}. Returns the entry when that was the outermost level
     * (it is off the stack, and stays readable until the next push), {@link #INNER_LEVEL} for an
     * inner level of a reentrant hold, null when this thread does not hold it through an
     * instrumented site.
     */
    Held release(Object lock) {
        int index = depth - 1;
        Held entry;
        if (index < 0 || (entry = held[index]).lock != lock) {
            index = indexOf(lock);
            if (index < 0) {
                return null;
            }
            entry = held[index];
        }
        if (entry.reentries > 0) {
            entry.reentries--;
            return INNER_LEVEL;
        }
        int tail = depth - index - 1;
        if (tail > 0) {
            System.arraycopy(held, index + 1, held, index, tail);
            held[depth - 1] = entry; // the freed object goes back on top for reuse
        }
        depth--;
        entry.lock = null; // the site cache may keep the lock; the stack must not
        releasedLock = lock;
        releasedAt = entry.site;
        return entry;
    }

    /**
     * Pops {@code lock} when it is the top entry, held once, untimed, not long (released at
     * {@code tick}), not waited for and not part of a multi-key acquisition: a release with
     * nothing to record. False (and nothing
     * changed) otherwise.
     */
    boolean popUntimed(Object lock, long tick) {
        int index = depth - 1;
        if (index < 0) {
            return false;
        }
        Held entry = held[index];
        if (entry.lock != lock || entry.reentries != 0 || entry.since != LockSink.NOT_TIMED || entry.waited >= 0
                || entry.multiKey || HoldTicks.isLong(entry.tick, tick)) {
            return false;
        }
        entry.lock = null;
        depth = index;
        releasedLock = lock;
        releasedAt = entry.site;
        return true;
    }

    /** Holds {@code lock} lightly (see the fields), for the lock helper's site {@code section} (-1: none). */
    void holdLightly(Object lock, LockRecord record, ThreadLockStats stats, InstrumentedSite site, int mode, int section,
            long tick) {
        lightRecord = record;
        lightStats = stats;
        lightSite = site;
        lightMode = mode;
        lightTick = tick;
        lightSection = section;
        pendingSection = -1;
        lightLock = lock; // last: a racy reader that sees the lock sees its site (or a newer one of the same lock)
    }

    /**
     * Releases the light hold of {@code lightLock} when that is the whole story: the outermost
     * level, not long at {@code tick}. False (and nothing changed) otherwise.
     */
    boolean releaseLightly(long tick) {
        if (lightReentries != 0 || HoldTicks.isLong(lightTick, tick)) {
            return false;
        }
        lightLock = null;
        return true;
    }

    /**
     * Another thread asks (racily, see the class notes): where this thread took {@code lock} if it
     * holds it now, not for reading; else null. A light hold read while it changes may name another
     * site where this thread took the same lock, never another lock's.
     */
    InstrumentedSite heldAt(Object lock) {
        InstrumentedSite light = lightSite;
        int lightHeldFor = lightMode;
        if (lightLock == lock && lock != null && lightHeldFor != LockSink.READ && light != null) {
            return light;
        }
        Held[] entries = held;
        int top = Math.min(depth, entries.length);
        for (int i = 0; i < top; i++) {
            Held entry = entries[i];
            if (entry.lock == lock && entry.mode != LockSink.READ) {
                return entry.site;
            }
        }
        return null;
    }

    /**
     * A holder seen by the sampler while this thread was blocked on the monitor with identity hash
     * {@code identityHash}, in the timed attempt that began at {@code attemptSince}.
     */
    record SampledHolder(int identityHash, long attemptSince, LockHolders.Sighting holder) {
    }

    /** This thread, after its timed attempt on {@code monitor} waited: the holder sampled during that wait, or null. */
    LockHolders.Sighting holderSampledDuringAttempt(Object monitor) {
        SampledHolder sampled = sampledHolder;
        return sampled != null && sampled.attemptSince() == attemptSince
                && sampled.identityHash() == System.identityHashCode(monitor) ? sampled.holder() : null;
    }

    /** A monitor another thread saw this one hold: the object, its record and where it was taken. */
    record HeldMonitor(Object lock, LockRecord record, InstrumentedSite site) {
    }

    /**
     * The monitor sampler asks (racily, see the class notes): the lock this thread holds, not for
     * reading, whose record says it has this identity hash and class; null when none. An entry
     * reused while it is read names another lock and is not matched (its lock is read first and
     * again last).
     */
    HeldMonitor heldMonitor(int identityHash, String className) {
        Held[] entries = held;
        int top = Math.min(depth, entries.length);
        for (int i = 0; i < top; i++) {
            Held entry = entries[i];
            Object lock = entry.lock;
            LockRecord record = entry.record;
            InstrumentedSite site = entry.site;
            if (lock != null && record != null && site != null && entry.mode != LockSink.READ
                    && record.identityHash == identityHash && record.className.equals(className)
                    && entry.lock == lock && record.holds(lock, identityHash)) {
                return new HeldMonitor(lock, record, site);
            }
        }
        return null;
    }

    /** Another thread asks (racily): where this thread had taken {@code lock} if it released it last; else null. */
    InstrumentedSite releasedAt(Object lock) {
        InstrumentedSite at = releasedAt;
        return releasedLock == lock ? at : null;
    }

    /** The thread, while it lives. */
    Thread thread() {
        return thread.get();
    }

    /** What {@link #release} returns for an inner level of a reentrant hold. */
    static final Held INNER_LEVEL = new Held();

    // ---- this thread's own statistics ------------------------------------------------------

    /**
     * This thread's statistics of {@code record}, or null once the session's budget is spent.
     * {@code retirements} counts the reporter's passes that retired records so far
     * ({@link RetiredLocks#passes}).
     */
    ThreadLockStats statsFor(LockRecord record, AtomicInteger budget, boolean holdsWhenContendedOnly,
            int retirements) {
        int mask = statKeys.length - 1;
        for (int i = record.id & mask; ; i = (i + 1) & mask) {
            LockRecord key = statKeys[i];
            if (key == record) {
                return statValues[i];
            }
            if (key == null) {
                break;
            }
        }
        if (budget.get() <= 0 || budget.getAndDecrement() <= 0) {
            return null;
        }
        ThreadLockStats created = new ThreadLockStats(holdsWhenContendedOnly ? record : null);
        record.threadStats.add(created);
        if ((statCount + 1) * 2 > statKeys.length || retirements != retirementsSeen) {
            // Full, or records were retired since the last look: rebuilt without the records the
            // reporter has retired (their locks were collected; their figures are folded into
            // their label's), so their statistics are not kept alive by this table until it
            // fills, and grown only if what is left still fills a quarter of it, so a thread
            // that keeps meeting short-lived locks keeps a table as big as its live ones need.
            retirementsSeen = retirements;
            int live = 0;
            for (LockRecord key : statKeys) {
                if (key != null && !key.retired) {
                    live++;
                }
            }
            int length = statKeys.length;
            while ((live + 1) * 4 > length) {
                length *= 2;
            }
            LockRecord[] oldKeys = statKeys;
            ThreadLockStats[] oldValues = statValues;
            statKeys = new LockRecord[length];
            statValues = new ThreadLockStats[length];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null && !oldKeys[j].retired) {
                    put(oldKeys[j], oldValues[j]);
                }
            }
            statCount = live;
        }
        put(record, created);
        statCount++;
        return created;
    }

    /** How many records this thread keeps statistics of (retired ones not yet dropped included). */
    int statisticsKept() {
        return statCount;
    }

    private void put(LockRecord record, ThreadLockStats value) {
        int mask = statKeys.length - 1;
        int i = record.id & mask;
        while (statKeys[i] != null) {
            i = (i + 1) & mask;
        }
        statKeys[i] = record;
        statValues[i] = value;
    }
}
