package io.lockopt.agent.recorder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The JVM's own counts of how often a thread blocked to enter a monitor and how often it waited
 * (parked, slept, {@code Object.wait}): what tells a slow acquisition that really waited for
 * its lock from one whose thread was only descheduled between the two hooks.
 *
 * <p>Design notes: reading them costs about half a microsecond ({@code getThreadInfo} without
 * a stack trace needs no safepoint), so the recorder reads them only on its slow path, after
 * an acquisition already took {@link LockRecorder#MONITOR_CONTENDED_NANOS} or longer, and
 * once when it first sees a thread. Blocked counts need no contention monitoring switched on.
 * When the management API is missing (a runtime linked without {@code java.management}) every
 * read answers {@code null} and the recorder falls back to the time threshold alone.
 *
 * @param blocked times the thread blocked to enter or re-enter a monitor
 * @param waited  times it waited: parked, slept or {@code Object.wait}
 */
record ThreadBlockingCounts(long blocked, long waited) {

    /** The JVM's thread management, null when this runtime has none (also read by {@link MonitorHolderSampler}). */
    static final ThreadMXBean THREADS = threads();

    /** The counts of the thread with this id, {@code null} when they cannot be read. */
    static ThreadBlockingCounts of(long threadId) {
        if (THREADS == null) {
            return null;
        }
        try {
            ThreadInfo info = THREADS.getThreadInfo(threadId);
            return info == null ? null : new ThreadBlockingCounts(info.getBlockedCount(), info.getWaitedCount());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static ThreadMXBean threads() {
        try {
            return ManagementFactory.getThreadMXBean();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
