package io.lockopt.locks;

/**
 * A named lock's statistics as JMX sees them (JConsole, VisualVM, {@code jcmd}), registered by
 * {@link LockRegistry} as {@code <domain>:type=Lock,name="<lock name>"}. Every attribute is read
 * live from the lock; times are nanoseconds.
 */
public interface LockStatsMXBean {

    String getName();

    boolean isStatisticsEnabled();

    long getReadAcquisitions();

    long getReadContendedAcquisitions();

    long getReadTimeouts();

    long getReadTotalWaitNanos();

    long getReadMaxWaitNanos();

    long getReadWaitP50Nanos();

    long getReadWaitP99Nanos();

    long getReadTotalHoldNanos();

    long getReadMaxHoldNanos();

    long getWriteAcquisitions();

    long getWriteContendedAcquisitions();

    long getWriteTimeouts();

    long getWriteTotalWaitNanos();

    long getWriteMaxWaitNanos();

    long getWriteWaitP50Nanos();

    long getWriteWaitP99Nanos();

    long getWriteTotalHoldNanos();

    long getWriteMaxHoldNanos();

    long getCurrentReaders();

    long getPeakReaders();

    long getOptimisticReads();

    long getOptimisticRetries();
}
