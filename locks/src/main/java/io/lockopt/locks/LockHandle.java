package io.lockopt.locks;

/**
 * One acquisition of a lock, released by {@link #close()}; meant for try-with-resources:
 * {@code try (LockHandle r = lock.read()) { ... }}.
 *
 * <p>A handle belongs to the thread that acquired it. Closing it a second time does nothing.
 * Closing it from a thread that does not hold the lock throws
 * {@link IllegalMonitorStateException}, as the JDK locks do, and leaves the handle open.
 */
public interface LockHandle extends AutoCloseable {

    /** Releases the lock; a no-op if this handle was already released. */
    @Override
    void close();
}
