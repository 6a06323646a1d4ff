package io.lockopt.agent.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Who holds a busy lock, and where that thread took it: for a contended acquisition's "waited
 * on X held by thread T at S".
 *
 * <p>Design notes. Called by the waiting thread on the contended path only, never on an
 * uncontended one: before it blocks for a {@code Lock} or a {@code StampedLock} (the holder
 * still holds it: {@link #whileHeld}), or right after a monitor wait ({@link #afterMonitorWait}:
 * bytecode cannot tell a busy monitor before entering it, so the holder is the thread that still
 * has the monitor on its held stack, its exit hook not yet run, else the one that released it
 * last). It reads other threads' {@link ThreadState}s racily, plain reads of their held stacks
 * and of their last release, which only they write: the answer is a moment's, it may name a
 * thread that has just let go, and it is matched by the lock's identity, so it never names the
 * holder of another lock. Threads that took the lock at a site not instrumented are not on
 * any held stack: for a {@code ReentrantLock} and a read/write lock's write side the JDK's own
 * {@code toString()} ({@code [Locked by thread NAME]}, their {@code getOwner()} is protected)
 * still names the thread, without a site. The holder's stack is taken with
 * {@link Thread#getStackTrace} (a handshake with that thread, some tens of microseconds) once per
 * lock, holder thread and holder site ({@link LockRecord#sampleHolderStack}), while the waiter is
 * about to block anyway. A monitor's holder has moved on by the time its waiter is told: its
 * stack is taken during the wait by {@link MonitorHolderSampler}, keyed the same way. A
 * synchronized method's wait, reported by JFR with the monitor's previous owner, is matched to
 * where that thread took the monitor by {@link #afterMethodWait}.
 */
final class LockHolders {
    private static final String LOCKED_BY = "[Locked by thread ";
    /** Frames kept of a holder's stack: enough to see the critical section and who called it. */
    static final int STACK_FRAMES = 16;
    private static final String AGENT_PACKAGE = "io.lockopt.agent.";
    /** Method-handle plumbing (the recorder's slow paths are called through handles): never the application's. */
    private static final String INVOKE_PACKAGE = "java.lang.invoke.";

    /** A holder seen: its thread's name and where it took the lock (null: not known). */
    record Sighting(String thread, InstrumentedSite heldAt) {
    }

    private LockHolders() {
    }

    /**
     * Before {@code self} blocks on {@code lock} ({@code owner}: the read/write lock of a side,
     * else null; {@code record}: the lock's record, null when untracked): its holder, or null.
     * A reader waits on the write side's holder; a read hold has no single owner and is not named.
     */
    static Sighting whileHeld(ThreadStates threads, ThreadState self, Object lock, Object owner, LockRecord record) {
        Object exclusive = lock instanceof ReentrantReadWriteLock.ReadLock
                ? (owner instanceof ReentrantReadWriteLock rw ? rw.writeLock() : null) : lock;
        if (exclusive != null) {
            for (ThreadState other : threads.all()) {
                InstrumentedSite at = other == self ? null : other.heldAt(exclusive);
                if (at != null) {
                    if (record != null) {
                        record.sampleHolderStack(other, at);
                    }
                    return new Sighting(other.threadName, at);
                }
            }
        }
        String name = holderNamedByLock(lock, owner);
        return name == null ? null : new Sighting(name, null);
    }

    /** After {@code self} waited for {@code monitor}: the thread it waited on, or null. */
    static Sighting afterMonitorWait(ThreadStates threads, ThreadState self, Object monitor) {
        Sighting released = null;
        for (ThreadState other : threads.all()) {
            if (other == self) {
                continue;
            }
            InstrumentedSite at = other.heldAt(monitor);
            if (at != null) {
                return new Sighting(other.threadName, at);
            }
            InstrumentedSite releasedAt = other.releasedAt(monitor);
            if (releasedAt != null && released == null) {
                released = new Sighting(other.threadName, releasedAt);
            }
        }
        return released;
    }

    /**
     * A synchronized method's wait, reported by JFR a second or so later, names the thread that
     * held the monitor last ({@code holderName}, id {@code holderThreadId}): where it had taken it
     * is the one site it was sampled holding it at while others waited, else where it holds it now
     * or had taken it when it released it last, else not known.
     */
    static Sighting afterMethodWait(ThreadStates threads, LockRecord record, long holderThreadId, String holderName) {
        InstrumentedSite at = record.sampledHolderSite(holderName);
        ThreadState holder = at == null ? threads.byThreadId(holderThreadId) : null;
        Object monitor = record.lock.get();
        if (holder != null && monitor != null) {
            at = holder.heldAt(monitor);
            if (at == null) {
                at = holder.releasedAt(monitor);
            }
        }
        return new Sighting(holderName, at);
    }

    /** The holder a {@code ReentrantLock} or a write side names itself, or null. */
    static String holderNamedByLock(Object lock, Object owner) {
        Object exclusive = null;
        if (lock instanceof ReentrantLock || lock instanceof ReentrantReadWriteLock.WriteLock) {
            exclusive = lock;
        } else if (lock instanceof ReentrantReadWriteLock.ReadLock && owner instanceof ReentrantReadWriteLock rw) {
            exclusive = rw.writeLock();
        }
        if (exclusive == null) {
            return null;
        }
        String text = exclusive.toString();
        int at = text.lastIndexOf(LOCKED_BY);
        if (at < 0 || !text.endsWith("]")) {
            return null;
        }
        return text.substring(at + LOCKED_BY.length(), text.length() - 1);
    }

    /**
     * {@code thread}'s stack now, innermost first, as {@code Class.method:line}, without the agent's
     * own frames and the method-handle frames that lead into them (a holder caught in its release hook).
     */
    static List<String> stackOf(Thread thread) {
        if (thread == null) {
            return List.of();
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith(AGENT_PACKAGE) || frame.getClassName().startsWith(INVOKE_PACKAGE)) {
                continue;
            }
            frames.add(frame.getClassName() + "." + frame.getMethodName()
                    + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : ""));
            if (frames.size() == STACK_FRAMES) {
                break;
            }
        }
        return frames;
    }
}
