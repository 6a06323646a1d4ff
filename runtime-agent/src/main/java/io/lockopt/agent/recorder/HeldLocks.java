package io.lockopt.agent.recorder;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's view of its locks: the stack of locks it holds (through instrumented sites),
 * the timed attempts it is making on locks that cannot be probed, a per-site cache of what
 * each site last locked, and its own per-lock statistics.
 *
 * <p>Design notes: written only by its thread (found through {@link ThreadStates}). The
 * reporter reads only the immutable {@link #threadName}; a JFR-reported wait may read
 * {@link #recordLastLockedAt} from another thread, a racy read of one reference that at worst
 * names a lock this site locked earlier. Arrays grow by doubling, so a thread allocates only
 * until its deepest nesting has been seen once. A reentrant acquisition of a lock already on
 * the held stack bumps that entry's depth instead of pushing, so the hold time measured is the
 * outermost one. The site cache is direct-mapped by site id and keeps the last lock object
 * of each slot strongly: at most {@link #CACHE_SLOTS} locks per thread stay reachable until
 * the session ends, the price of finding a lock's statistics without hashing it.
 */
final class HeldLocks {
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

    // ---- the site cache: what the site with this slot's id last locked -----------------------
    private final int[] cachedSiteId = new int[CACHE_SLOTS];
    private final Object[] cachedLock = new Object[CACHE_SLOTS];
    private final LockRecord[] cachedRecord = new LockRecord[CACHE_SLOTS];
    private final ThreadLockStats[] cachedStats = new ThreadLockStats[CACHE_SLOTS];
    private final CallSite[] cachedSite = new CallSite[CACHE_SLOTS];
    /** Read/write views already reported at a site (same direct mapping). */
    private final int[] viewSiteId = new int[CACHE_SLOTS];
    private final Object[] viewSeen = new Object[CACHE_SLOTS];

    // ---- timed attempts (monitors, lockopt's handles): a stack ------------------------------
    private Object[] tryLocks = new Object[INITIAL_DEPTH];
    private int[] trySites = new int[INITIAL_DEPTH];
    private int[] tryModes = new int[INITIAL_DEPTH];
    private long[] trySince = new long[INITIAL_DEPTH];
    private int tries;
    /** The attempt {@link #popAttempt} removed. */
    Object attemptLock;
    int attemptSite;
    int attemptMode;
    long attemptSince;

    // ---- locks held (a stack, with removal from the middle for out-of-order releases) -------
    private Object[] locks = new Object[INITIAL_DEPTH];
    private LockRecord[] records = new LockRecord[INITIAL_DEPTH];
    private ThreadLockStats[] stats = new ThreadLockStats[INITIAL_DEPTH];
    private CallSite[] sites = new CallSite[INITIAL_DEPTH];
    private CallSite[] waitSites = new CallSite[INITIAL_DEPTH];
    private long[] since = new long[INITIAL_DEPTH];
    private long[] waited = new long[INITIAL_DEPTH];
    private int[] reentries = new int[INITIAL_DEPTH];
    private int depth;

    /** This thread's own statistics per lock: open addressing by record id, grown by doubling. */
    private LockRecord[] statKeys = new LockRecord[8];
    private ThreadLockStats[] statValues = new ThreadLockStats[8];
    private int statCount;

    // What the last outermost release removed (read right after release()).
    LockRecord lastRecord;
    ThreadLockStats lastStats;
    CallSite lastSite;
    CallSite lastWaitSite;
    long lastSince;
    long lastWaited;

    HeldLocks(Thread owner) {
        this.threadId = owner.getId();
        this.threadName = owner.getName();
        this.thread = new WeakReference<>(owner);
        Arrays.fill(cachedSiteId, -1);
        Arrays.fill(viewSiteId, -1);
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

    int cache(Object lock, int siteId, CallSite site, LockRecord record, ThreadLockStats own) {
        int slot = siteId & CACHE_MASK;
        cachedSiteId[slot] = -1; // a racy reader of recordLastLockedAt never pairs this id with the old record
        cachedLock[slot] = lock;
        cachedRecord[slot] = record;
        cachedStats[slot] = own;
        cachedSite[slot] = site;
        cachedSiteId[slot] = siteId;
        return slot;
    }

    LockRecord cachedRecord(int slot) {
        return cachedRecord[slot];
    }

    ThreadLockStats cachedStats(int slot) {
        return cachedStats[slot];
    }

    CallSite cachedSite(int slot) {
        return cachedSite[slot];
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

    // ---- timed attempts ----------------------------------------------------------------------

    void pushAttempt(Object lock, int siteId, int mode, long startedAt) {
        if (tries == tryLocks.length) {
            int grown = tries * 2;
            tryLocks = Arrays.copyOf(tryLocks, grown);
            trySites = Arrays.copyOf(trySites, grown);
            tryModes = Arrays.copyOf(tryModes, grown);
            trySince = Arrays.copyOf(trySince, grown);
        }
        tryLocks[tries] = lock;
        trySites[tries] = siteId;
        tryModes[tries] = mode;
        trySince[tries] = startedAt;
        tries++;
    }

    /** Removes the newest attempt into the {@code attempt*} fields; false when there is none. */
    boolean popAttempt() {
        if (tries == 0) {
            return false;
        }
        tries--;
        attemptLock = tryLocks[tries];
        attemptSite = trySites[tries];
        attemptMode = tryModes[tries];
        attemptSince = trySince[tries];
        tryLocks[tries] = null;
        return true;
    }

    // ---- held locks ------------------------------------------------------------------------

    int depth() {
        return depth;
    }

    LockRecord recordAt(int index) {
        return records[index];
    }

    /** Index of {@code lock} on the stack, searching from the top; -1 if not held here. */
    int indexOf(Object lock) {
        for (int i = depth - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return i;
            }
        }
        return -1;
    }

    void reenter(int index) {
        reentries[index]++;
    }

    /** {@code waitedNanos} is -1 for an uncontended acquisition; a wait is recorded after the release. */
    void push(Object lock, LockRecord record, ThreadLockStats lockStats, CallSite site, long acquiredAt,
            long waitedNanos, CallSite waitSite) {
        if (depth == locks.length) {
            int grown = depth * 2;
            locks = Arrays.copyOf(locks, grown);
            records = Arrays.copyOf(records, grown);
            stats = Arrays.copyOf(stats, grown);
            sites = Arrays.copyOf(sites, grown);
            waitSites = Arrays.copyOf(waitSites, grown);
            since = Arrays.copyOf(since, grown);
            waited = Arrays.copyOf(waited, grown);
            reentries = Arrays.copyOf(reentries, grown);
        }
        int top = depth;
        locks[top] = lock;
        records[top] = record;
        stats[top] = lockStats;
        sites[top] = site;
        waitSites[top] = waitSite;
        since[top] = acquiredAt;
        waited[top] = waitedNanos;
        reentries[top] = 0;
        depth = top + 1;
    }

    /**
     * Releases one level of {@code lock}. Returns 1 when that was the outermost level (the entry
     * is gone and the {@code last*} fields describe it), 0 for an inner level of a reentrant
     * hold, -1 when this thread does not hold it through an instrumented site.
     */
    int release(Object lock) {
        int index = depth - 1;
        if (index < 0 || locks[index] != lock) {
            index = indexOf(lock);
            if (index < 0) {
                return -1;
            }
        }
        if (reentries[index] > 0) {
            reentries[index]--;
            return 0;
        }
        lastRecord = records[index];
        lastStats = stats[index];
        lastSite = sites[index];
        lastWaitSite = waitSites[index];
        lastSince = since[index];
        lastWaited = waited[index];
        int tail = depth - index - 1;
        if (tail > 0) {
            System.arraycopy(locks, index + 1, locks, index, tail);
            System.arraycopy(records, index + 1, records, index, tail);
            System.arraycopy(stats, index + 1, stats, index, tail);
            System.arraycopy(sites, index + 1, sites, index, tail);
            System.arraycopy(waitSites, index + 1, waitSites, index, tail);
            System.arraycopy(since, index + 1, since, index, tail);
            System.arraycopy(waited, index + 1, waited, index, tail);
            System.arraycopy(reentries, index + 1, reentries, index, tail);
        }
        depth--;
        locks[depth] = null; // the site cache may keep it; the stack must not
        return 1;
    }

    // ---- this thread's own statistics ------------------------------------------------------

    /** This thread's statistics of {@code record}, or null once the session's budget is spent. */
    ThreadLockStats statsFor(LockRecord record, AtomicInteger budget) {
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
        ThreadLockStats created = new ThreadLockStats();
        record.threadStats.add(created);
        if ((statCount + 1) * 2 > statKeys.length) {
            LockRecord[] oldKeys = statKeys;
            ThreadLockStats[] oldValues = statValues;
            statKeys = new LockRecord[oldKeys.length * 2];
            statValues = new ThreadLockStats[oldKeys.length * 2];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    put(oldKeys[j], oldValues[j]);
                }
            }
        }
        put(record, created);
        statCount++;
        return created;
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
