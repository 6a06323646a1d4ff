package io.lockopt.agent.bootstrap;

/**
 * What the instrumented call sites report to. Lives on the bootstrap class path next to
 * {@link LockHooks}; the one implementation (the recorder) lives in the agent's own loader.
 *
 * <p>The calls are ordered so that almost nothing runs while the application holds the lock:
 * {@link #acquiring} does the lookups before the attempt, {@link #acquired} only notes the
 * outcome, and {@link #released} runs after the release. Implementations must never throw
 * and never block. All times are {@link System#nanoTime()} values.
 */
public interface LockSink {
    /** Access mode an acquisition asked for; exclusive locks use {@link #EXCLUSIVE}. */
    int EXCLUSIVE = 0;
    int READ = 1;
    int WRITE = 2;
    /** The hook does not know the mode: the sink derives it from the lock's class. */
    int BY_CLASS = 3;
    /** In place of a time: the hook did not read the clock; the sink reads it if it times this one. */
    long NOT_TIMED = Long.MIN_VALUE;

    /** The current thread is about to try to acquire {@code lock} at {@code site}. */
    void acquiring(Object lock, int site, int mode);

    /** The attempt announced by {@link #acquiring} succeeded, after waiting {@code waitedNanos}. */
    void acquired(long acquiredAtNanos, long waitedNanos, boolean contended);

    /** The attempt announced by {@link #acquiring} gave up without the lock (a failed tryLock). */
    void abandoned();

    /** The current thread released {@code lock} (measured right after the release). */
    void released(Object lock, int site, long releasedAtNanos);

    /** {@code view} is the read or write side of the read/write lock {@code owner}. */
    void viewOf(Object view, Object owner, int mode, int site);

    /**
     * The current thread calls a method that acquires a lock and returns holding it; the
     * acquisition it makes is attributed to {@code site}, the call, where the critical section is.
     */
    void enteringSection(int site);

    /**
     * The current thread is about to block in an acquisition that cannot be probed first (a
     * monitor, lockopt's handle-based lock): the sink starts the clock itself.
     */
    void acquiringTimed(Object lock, int site, int mode);

    /**
     * ... and got it; {@code key} is what the release will name (the monitor, or the handle
     * whose {@code close()} releases lockopt's lock).
     */
    void acquiredTimed(Object key);
}
