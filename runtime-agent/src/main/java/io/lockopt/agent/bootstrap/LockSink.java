package io.lockopt.agent.bootstrap;

/**
 * What the instrumented call sites report to. Lives on the bootstrap class path next to
 * {@link LockHooks}; the one implementation (the recorder) lives in the agent's own loader.
 *
 * <p>The common case is one call per acquisition and one per release: a lock that could be
 * taken at once is reported by {@link #acquired} after the fact, with no clock read and no
 * announcement before the attempt; only an acquisition that had to block carries its wait
 * ({@link #acquiredAfterWait}). Locks that cannot be probed without blocking (monitors,
 * lockopt's handle-based lock) bracket the attempt with {@link #acquiringTimed} and
 * {@link #acquiredTimed}. Implementations must never throw and never block. All times are
 * {@link System#nanoTime()} values.
 *
 * <p>An abstract class, not an interface: with one subclass loaded, the JIT binds the hooks'
 * calls statically (no interface dispatch) and can inline the recorder's small fast paths
 * into the application's code.
 */
public abstract class LockSink {
    /** Access mode an acquisition asked for; exclusive locks use {@link #EXCLUSIVE}. */
    public static final int EXCLUSIVE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    /** The hook does not know the mode: the sink derives it from the lock's class. */
    public static final int BY_CLASS = 3;
    /** In place of a time: the hook did not read the clock. */
    public static final long NOT_TIMED = Long.MIN_VALUE;

    /** The current thread took {@code lock} at {@code site} without waiting. */
    public abstract void acquired(Object lock, int site, int mode);

    /** The current thread took {@code lock} at {@code site} at {@code acquiredAtNanos} after blocking {@code waitedNanos}. */
    public abstract void acquiredAfterWait(Object lock, int site, int mode, long waitedNanos, long acquiredAtNanos);

    /**
     * The current thread found {@code lock} busy at {@code site} and is about to block on it: the
     * moment the sink can still see who holds it. Called only on the contended path, before the
     * blocking call whose end {@link #acquiredAfterWait} (or {@link #failed}) reports.
     */
    public abstract void contending(Object lock, int site);

    /** A non-blocking or timed attempt on {@code lock} at {@code site} gave up without the lock. */
    public abstract void failed(Object lock, int site, int mode);

    /** The current thread released {@code lock} (reported right after the release). */
    public abstract void released(Object lock, int site);

    /** {@code view} is the read or write side of the read/write lock {@code owner}. */
    public abstract void viewOf(Object view, Object owner, int mode, int site);

    /**
     * The current thread calls a method that acquires a lock and returns holding it; the
     * acquisition it makes is attributed to {@code site}, the call, where the critical section is.
     */
    public abstract void enteringSection(int site);

    /**
     * The current thread is about to block in an acquisition that cannot be probed first (a
     * monitor, lockopt's handle-based lock): the sink starts the clock itself. Such attempts
     * never nest on one thread, and one that ends in an exception (a timeout, an interrupt) is
     * never followed by {@link #acquiredTimed}: the next announcement supersedes it.
     */
    public abstract void acquiringTimed(Object lock, int site, int mode);

    /**
     * Like {@link #acquiringTimed}, for lockopt's {@code KeyedLocks}: {@code keyOrKeys} is the key
     * ({@code read}/{@code write}) or the collection of keys ({@code readAll}/{@code writeAll},
     * {@code allKeys} true) whose locks the call takes; each key's lock is one lock instance.
     */
    public abstract void acquiringKeyed(Object keyedLocks, Object keyOrKeys, int mode, boolean allKeys, int site);

    /**
     * ... and got it at {@code site}; {@code key} is what the release will name (the monitor,
     * or the handle whose {@code close()} releases lockopt's lock).
     */
    public abstract void acquiredTimed(Object key, int site);
}
