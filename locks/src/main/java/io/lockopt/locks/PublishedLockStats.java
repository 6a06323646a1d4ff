package io.lockopt.locks;

import java.util.function.ToLongFunction;

/** The MXBean of one registered lock: each attribute takes a fresh snapshot. */
final class PublishedLockStats implements LockStatsMXBean {

    private final MeteredReadWriteLock lock;

    PublishedLockStats(MeteredReadWriteLock lock) {
        this.lock = lock;
    }

    private long read(ToLongFunction<ModeStats> attribute) {
        return attribute.applyAsLong(lock.stats().read());
    }

    private long write(ToLongFunction<ModeStats> attribute) {
        return attribute.applyAsLong(lock.stats().write());
    }

    @Override
    public String getName() {
        return lock.name();
    }

    @Override
    public boolean isStatisticsEnabled() {
        return lock.statisticsEnabled();
    }

    @Override
    public long getReadAcquisitions() {
        return read(ModeStats::acquisitions);
    }

    @Override
    public long getReadContendedAcquisitions() {
        return read(ModeStats::contendedAcquisitions);
    }

    @Override
    public long getReadTimeouts() {
        return read(ModeStats::timeouts);
    }

    @Override
    public long getReadTotalWaitNanos() {
        return read(ModeStats::totalWaitNanos);
    }

    @Override
    public long getReadMaxWaitNanos() {
        return read(ModeStats::maxWaitNanos);
    }

    @Override
    public long getReadWaitP50Nanos() {
        return read(s -> s.waitPercentileNanos(50));
    }

    @Override
    public long getReadWaitP99Nanos() {
        return read(s -> s.waitPercentileNanos(99));
    }

    @Override
    public long getReadTotalHoldNanos() {
        return read(ModeStats::totalHoldNanos);
    }

    @Override
    public long getReadMaxHoldNanos() {
        return read(ModeStats::maxHoldNanos);
    }

    @Override
    public long getWriteAcquisitions() {
        return write(ModeStats::acquisitions);
    }

    @Override
    public long getWriteContendedAcquisitions() {
        return write(ModeStats::contendedAcquisitions);
    }

    @Override
    public long getWriteTimeouts() {
        return write(ModeStats::timeouts);
    }

    @Override
    public long getWriteTotalWaitNanos() {
        return write(ModeStats::totalWaitNanos);
    }

    @Override
    public long getWriteMaxWaitNanos() {
        return write(ModeStats::maxWaitNanos);
    }

    @Override
    public long getWriteWaitP50Nanos() {
        return write(s -> s.waitPercentileNanos(50));
    }

    @Override
    public long getWriteWaitP99Nanos() {
        return write(s -> s.waitPercentileNanos(99));
    }

    @Override
    public long getWriteTotalHoldNanos() {
        return write(ModeStats::totalHoldNanos);
    }

    @Override
    public long getWriteMaxHoldNanos() {
        return write(ModeStats::maxHoldNanos);
    }

    @Override
    public long getCurrentReaders() {
        return lock.stats().currentReaders();
    }

    @Override
    public long getPeakReaders() {
        return lock.stats().peakReaders();
    }

    @Override
    public long getOptimisticReads() {
        return lock.stats().optimisticReads();
    }

    @Override
    public long getOptimisticRetries() {
        return lock.stats().optimisticRetries();
    }
}
