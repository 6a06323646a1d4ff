package io.lockopt.agent.recorder;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The name of the thread holding a busy lock, read through the JDK's public API alone: the
 * {@code toString()} of a {@link ReentrantLock} and of a {@link ReentrantReadWriteLock}'s write
 * lock ends in {@code [Locked by thread NAME]} while a thread holds it (their {@code getOwner()}
 * is protected, and opening {@code java.util.concurrent.locks} to the agent would outlive a
 * profile session). A reader waits on the write lock's holder, found through the read/write
 * lock the read side belongs to. Other locks (monitors, {@code StampedLock}, read holds, which
 * have no single owner) have no known holder.
 *
 * <p>Called on the contended path only, just before the caller blocks: a few hundred
 * nanoseconds of string building against a wait that parks. The answer is a moment's: the
 * holder may release before the caller even blocks.
 */
final class LockHolders {
    private static final String LOCKED_BY = "[Locked by thread ";

    private LockHolders() {
    }

    /** The holder of {@code lock} ({@code owner}: the read/write lock of a side, else null); null when not known. */
    static String holderOf(Object lock, Object owner) {
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
}
