package io.lockopt.agent.recorder;

import java.util.Arrays;

/**
 * One thread's stack of locks it currently holds (through instrumented sites), plus the
 * reentrancy guard and the pending monitor entry of that thread.
 *
 * <p>Design notes: confined to its thread (reached through a {@code ThreadLocal}); the
 * reporter reads only the immutable {@link #threadName}. Arrays grow by doubling, so a
 * thread that nests locks allocates only until its deepest nesting has been seen once. A
 * reentrant acquisition of a lock already on the stack bumps that entry's depth instead of
 * pushing, so the hold time measured is the outermost one. Entries keep the lock strongly
 * only while it is held.
 */
final class HeldLocks {
    private static final int INITIAL_DEPTH = 8;

    final String threadName;
    /** Set while the recorder runs on this thread: a hook re-entered from recorder code passes through. */
    boolean busy;

    /** Site of a call to a lock helper whose acquisition is still to come; -1 when none. */
    int pendingSection = -1;

    Object pendingLockopt;
    long pendingLockoptSince;

    Object pendingMonitor;
    long pendingMonitorSince;

    private Object[] locks = new Object[INITIAL_DEPTH];
    private LockRecord[] records = new LockRecord[INITIAL_DEPTH];
    private CallSite[] sites = new CallSite[INITIAL_DEPTH];
    private long[] since = new long[INITIAL_DEPTH];
    private int[] reentries = new int[INITIAL_DEPTH];
    private int depth;

    HeldLocks(String threadName) {
        this.threadName = threadName;
    }

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

    void push(Object lock, LockRecord record, CallSite site, long acquiredAt) {
        if (depth == locks.length) {
            int grown = depth * 2;
            locks = Arrays.copyOf(locks, grown);
            records = Arrays.copyOf(records, grown);
            sites = Arrays.copyOf(sites, grown);
            since = Arrays.copyOf(since, grown);
            reentries = Arrays.copyOf(reentries, grown);
        }
        locks[depth] = lock;
        records[depth] = record;
        sites[depth] = site;
        since[depth] = acquiredAt;
        reentries[depth] = 0;
        depth++;
    }

    /**
     * Releases one level of the entry at {@code index}. Returns true when that was the outermost
     * level (the entry is gone and {@link #lastSince}/{@link #lastRecord}/{@link #lastSite} describe it).
     */
    boolean release(int index) {
        if (reentries[index] > 0) {
            reentries[index]--;
            return false;
        }
        lastRecord = records[index];
        lastSite = sites[index];
        lastSince = since[index];
        int tail = depth - index - 1;
        if (tail > 0) {
            System.arraycopy(locks, index + 1, locks, index, tail);
            System.arraycopy(records, index + 1, records, index, tail);
            System.arraycopy(sites, index + 1, sites, index, tail);
            System.arraycopy(since, index + 1, since, index, tail);
            System.arraycopy(reentries, index + 1, reentries, index, tail);
        }
        depth--;
        locks[depth] = null;
        records[depth] = null;
        sites[depth] = null;
        return true;
    }

    LockRecord lastRecord;
    CallSite lastSite;
    long lastSince;
}
