package io.lockopt.agent.bootstrap;

/**
 * What the instrumented call sites report to. Lives on the bootstrap class path next to
 * {@link LockHooks}; the one implementation (the recorder) lives in the agent's own loader.
 *
 * <p>Implementations must never throw and never block: they run inside the application's
 * locking code. All times are {@link System#nanoTime()} values.
 */
public interface LockSink {
    /** Access mode an acquisition asked for; exclusive locks use {@link #EXCLUSIVE}. */
    int EXCLUSIVE = 0;
    int READ = 1;
    int WRITE = 2;
    /** The hook does not know the mode: the sink derives it from the lock's class. */
    int BY_CLASS = 3;

    /** The current thread acquired {@code lock} at {@code site} after waiting {@code waitedNanos}. */
    void acquired(Object lock, int site, int mode, long acquiredAtNanos, long waitedNanos, boolean contended);

    /** The current thread is about to release {@code lock} (it held it; measured just before the release). */
    void released(Object lock, int site, long releasedAtNanos);

    /** A {@code tryLock} at {@code site} gave up without the lock. */
    void tryFailed(Object lock, int site);

    /** {@code view} is the read or write side of the read/write lock {@code owner}. */
    void viewOf(Object view, Object owner, int mode, int site);

    /**
     * The current thread calls a method that acquires a lock and returns holding it; the
     * acquisition it makes is attributed to {@code site}, the call, where the critical section is.
     */
    void enteringSection(int site);

    /** The current thread is about to ask lockopt's read/write lock {@code lock} for a handle. */
    void lockoptAcquiring(Object lock, int site);

    /** ... and got {@code handle}, in {@code mode} (READ or WRITE); closing the handle releases it. */
    void lockoptAcquired(Object handle, int mode, int site);

    /** The current thread is about to close a handle (release) it got from lockopt's read/write lock. */
    void lockoptReleasing(Object handle, int site);

    /** The current thread is about to enter the monitor of {@code monitor} at {@code site}. */
    void monitorEntering(Object monitor, int site);

    /** The current thread entered the monitor announced by {@link #monitorEntering}. */
    void monitorEntered(int site);
}
