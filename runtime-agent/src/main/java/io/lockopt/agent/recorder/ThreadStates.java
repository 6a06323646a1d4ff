package io.lockopt.agent.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the calling thread's {@link ThreadState} on every hooked lock operation, in a few
 * loads: a direct-mapped table indexed by the thread's id.
 *
 * <p>Design notes. A thread's state has one home for the session, chosen when the thread is
 * first seen: its slot ({@code id & MASK}) if that is free or belongs to a thread that has
 * died, else the overflow map (two live threads whose ids collide modulo the table size; slow
 * but rare). Thread ids are never reused within a JVM, so comparing the occupant's id with the
 * caller's is a complete ownership check and the state needs no reference to its thread
 * beyond a weak one for the liveness test. Readers load slots with plain reads: a thread that
 * finds its own state wrote it itself; a thread that sees a stale or half-published occupant
 * only learns that the id does not match (the id is final), and then claims or falls back
 * through a compare-and-set on the slot. States are never moved, so a thread's held-lock stack
 * cannot be split between two objects. Every state is also kept in {@link #all} (by id) so
 * the recorder can attribute an event reported for another thread (a JFR event) to it.
 */
final class ThreadStates {
    private static final int SLOTS = 4096;
    static final int MASK = SLOTS - 1;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(ThreadState[].class);

    private final ThreadState[] slots = new ThreadState[SLOTS];
    private final ConcurrentHashMap<Long, ThreadState> all = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ThreadState> overflow = new ConcurrentHashMap<>();

    /** The calling thread's state, created on first use. */
    ThreadState current() {
        Thread thread = Thread.currentThread();
        long id = thread.getId();
        ThreadState state = slots[(int) id & MASK];
        if (state != null && state.threadId == id) {
            return state;
        }
        return slowPath(thread, id);
    }

    /**
     * The table itself, for a caller that inlines {@link #current}'s first probe (saving a
     * load per lookup) and calls {@link #slowPath} when it misses.
     */
    ThreadState[] slots() {
        return slots;
    }

    ThreadState slowPath(Thread thread, long id) {
        ThreadState state = overflow.get(id);
        if (state != null) {
            return state;
        }
        ThreadState created = new ThreadState(thread);
        int slot = (int) id & MASK;
        while (true) {
            ThreadState occupant = (ThreadState) SLOT.getVolatile(slots, slot);
            if (occupant != null && occupant.threadId == id) {
                return occupant;
            }
            if (occupant == null || !occupant.threadAlive()) {
                if (SLOT.compareAndSet(slots, slot, occupant, created)) {
                    if (occupant != null) {
                        all.remove(occupant.threadId, occupant);
                    }
                    all.put(id, created);
                    return created;
                }
                continue;
            }
            overflow.put(id, created);
            all.put(id, created);
            return created;
        }
    }

    /** The state of the thread with this id, if it ever reported; any thread may ask. */
    ThreadState byThreadId(long id) {
        return all.get(id);
    }

    /** Every state still known (the reporter's view; states of dead threads may linger). */
    Collection<ThreadState> all() {
        return all.values();
    }
}
