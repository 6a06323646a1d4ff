package io.lockopt.agent.jmx;

/**
 * One measured lock on the platform MBeanServer, {@code io.lockopt:type=Lock,name=<label>}: what
 * the always-on agent counted since the JVM started. A read/write lock is one MXBean (both
 * sides); its {@code Read*} and {@code Write*} attributes come from its two sides when they are
 * separate lock objects ({@code ReentrantReadWriteLock}, any {@code ReadWriteLock}) and are 0
 * for a lock taken both ways through one object ({@code StampedLock}, lockopt's
 * {@code MeteredReadWriteLock}), whose {@link #getReads()} and {@link #getWrites()} still split
 * the acquisitions. Times are nanoseconds; hold figures cover the timed holds (sampled on hot
 * locks, and only once a lock was contended under the default {@code holds=contended}), counted
 * with their sampling weights. Values are at most a second old.
 */
public interface LockMXBean {
    String getLabel();

    /** {@code ReentrantLock}, {@code ReentrantReadWriteLock}, {@code StampedLock}, {@code synchronized}, ... */
    String getKind();

    String getLockClass();

    long getAcquisitions();

    long getContended();

    long getReads();

    long getWrites();

    long getReentrant();

    long getTryFailures();

    long getWaitCount();

    long getWaitTotalNanos();

    long getWaitP50Nanos();

    long getWaitP90Nanos();

    long getWaitP99Nanos();

    long getWaitMaxNanos();

    long getHoldCount();

    long getHoldTotalNanos();

    long getHoldP50Nanos();

    long getHoldP90Nanos();

    long getHoldP99Nanos();

    long getHoldMaxNanos();

    long getReadContended();

    long getReadWaitTotalNanos();

    long getReadWaitP99Nanos();

    long getReadHoldP99Nanos();

    long getWriteContended();

    long getWriteWaitTotalNanos();

    long getWriteWaitP99Nanos();

    long getWriteHoldP99Nanos();
}
