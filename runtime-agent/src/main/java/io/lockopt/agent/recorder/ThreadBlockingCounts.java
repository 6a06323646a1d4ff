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
 * read answers {@link #UNKNOWN} and the recorder falls back to the time threshold alone.
 */
final class ThreadBlockingCounts {
    /** Neither count could be read. */
    static final long[] UNKNOWN = {-1L, -1L};

    private static final ThreadMXBean THREADS = threads();

    private ThreadBlockingCounts() {
    }

    /** {@code {blocked, waited}} of the thread with this id, {@link #UNKNOWN} when unavailable. */
    static long[] of(long threadId) {
        if (THREADS == null) {
            return UNKNOWN;
        }
        try {
            ThreadInfo info = THREADS.getThreadInfo(threadId);
            return info == null ? UNKNOWN : new long[] {info.getBlockedCount(), info.getWaitedCount()};
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN;
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
