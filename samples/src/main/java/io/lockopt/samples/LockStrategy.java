package io.lockopt.samples;

/** How {@link RealtimeDataManager} guards its state. All strategies give identical results. */
public enum LockStrategy {
    /** One {@code ReentrantLock} around everything: the regular-lock baseline. */
    EXCLUSIVE,
    /** lockopt's read/write lock with statistics: readers proceed together. */
    READ_WRITE,
    /** A read/write lock per timeframe, a lock-free ring buffer for ticks, a volatile last price. */
    FINE_GRAINED,
    /**
     * The read/write lock's optimistic reads (a seqlock version check, no shared write): readers
     * retry under the read lock only when a write overlapped; the feed takes the write lock.
     */
    OPTIMISTIC
}
