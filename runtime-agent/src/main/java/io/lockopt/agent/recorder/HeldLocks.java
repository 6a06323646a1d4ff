package io.lockopt.agent.recorder;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's view of its locks: the acquisitions it is attempting (announced before the
 * attempt, settled after), the stack of locks it holds (through instrumented sites), its own
 * per-lock statistics, and the reentrancy guard.
 *
 * <p>Design notes: confined to its thread (reached through a {@code ThreadLocal}); the
 * reporter reads only the immutable {@link #threadName}. Arrays grow by doubling, so a
 * thread allocates only until its deepest nesting has been seen once. Attempts are a stack
 * because a custom lock's own {@code tryLock} may take other instrumented locks between the
 * announcement and the outcome. A reentrant acquisition of a lock already on the held stack
 * bumps that entry's depth instead of pushing, so the hold time measured is the outermost
 * one. Entries keep the lock strongly only while it is held.
 */
final class HeldLocks {
    private static final int INITIAL_DEPTH = 8;

    final String threadName;
    /** Set while the recorder runs on this thread: a hook re-entered from recorder code passes through. */
    boolean busy;
    /** Site of a call to a lock helper whose acquisition is still to come; -1 when none. */
    int pendingSection = -1;

    // Attempts announced and not yet settled (a stack).
    private Object[] tryKeys = new Object[INITIAL_DEPTH];
    private LockRecord[] tryRecords = new LockRecord[INITIAL_DEPTH];
    private ThreadLockStats[] tryStats = new ThreadLockStats[INITIAL_DEPTH];
    private CallSite[] trySites = new CallSite[INITIAL_DEPTH];
    private CallSite[] trySections = new CallSite[INITIAL_DEPTH];
    private int[] tryModes = new int[INITIAL_DEPTH];
    private long[] trySince = new long[INITIAL_DEPTH];
    private int tries;

    // Locks held (a stack, with removal from the middle for out-of-order releases).
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

    HeldLocks(String threadName) {
        this.threadName = threadName;
    }

    // ---- attempts --------------------------------------------------------------------------

    void announce(Object key, LockRecord record, ThreadLockStats lockStats, CallSite site, CallSite section,
            int mode, long startedAt) {
        if (tries == tryKeys.length) {
            int grown = tries * 2;
            tryKeys = Arrays.copyOf(tryKeys, grown);
            tryRecords = Arrays.copyOf(tryRecords, grown);
            tryStats = Arrays.copyOf(tryStats, grown);
            trySites = Arrays.copyOf(trySites, grown);
            trySections = Arrays.copyOf(trySections, grown);
            tryModes = Arrays.copyOf(tryModes, grown);
            trySince = Arrays.copyOf(trySince, grown);
        }
        tryKeys[tries] = key;
        tryRecords[tries] = record;
        tryStats[tries] = lockStats;
        trySites[tries] = site;
        trySections[tries] = section;
        tryModes[tries] = mode;
        trySince[tries] = startedAt;
        tries++;
    }

    boolean attempting() {
        return tries > 0;
    }

    /** Drops the newest attempt; its fields stay readable through the {@code attempt*} accessors until the next announce. */
    void settle() {
        tries--;
        tryKeys[tries] = null;
    }

    Object attemptKey() {
        return tryKeys[tries - 1];
    }

    LockRecord attemptRecord() {
        return tryRecords[tries - 1];
    }

    ThreadLockStats attemptStats() {
        return tryStats[tries - 1];
    }

    CallSite attemptSite() {
        return trySites[tries - 1];
    }

    CallSite attemptSection() {
        return trySections[tries - 1];
    }

    int attemptMode() {
        return tryModes[tries - 1];
    }

    long attemptSince() {
        return trySince[tries - 1];
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
        locks[depth] = lock;
        records[depth] = record;
        stats[depth] = lockStats;
        sites[depth] = site;
        waitSites[depth] = waitSite;
        since[depth] = acquiredAt;
        waited[depth] = waitedNanos;
        reentries[depth] = 0;
        depth++;
    }

    /**
     * Releases one level of the entry at {@code index}. Returns true when that was the outermost
     * level (the entry is gone and the {@code last*} fields describe it).
     */
    boolean release(int index) {
        if (reentries[index] > 0) {
            reentries[index]--;
            return false;
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
        locks[depth] = null;
        records[depth] = null;
        stats[depth] = null;
        sites[depth] = null;
        waitSites[depth] = null;
        return true;
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
