package io.lockopt.locks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * A named read/write lock with try-with-resources handles, timeouts, contention statistics and
 * an optimistic read.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Underlying lock.</b> {@link ReentrantReadWriteLock}: it is reentrant (a service calling
 *     back into itself under the lock does not deadlock), offers a fair mode, timed and
 *     interruptible acquisition, downgrading (write, then read, then release the write), and
 *     throws {@link IllegalMonitorStateException} when a thread releases what it does not hold.
 *     {@link StampedLock} has none of these, but it has the cheapest optimistic read, so it is
 *     used only for that: a writer takes the StampedLock's write lock right after the outermost
 *     {@code ReentrantReadWriteLock} write acquisition and gives it back right before the
 *     matching release. Only writers touch the StampedLock's write lock, and they are already
 *     serialized by the read/write lock, so that extra CAS never waits. An optimistic reader
 *     validates its stamp against it and, on failure, reruns under the real read lock.</li>
 * <li><b>Who races with whom.</b> Readers and writers race on the JDK locks, which are safe by
 *     construction. All threads race on the statistics recorder ({@code LongAdder}s and
 *     max-accumulators, see {@link ConcurrentLockStatsRecorder}). {@code writeStamp} is written
 *     and read only by the thread holding the write lock; the read/write lock's release/acquire
 *     orders it between successive writers. A {@link LockHandle} is used by one thread; its
 *     {@code released} flag is therefore a plain field.</li>
 * <li><b>Cost.</b> With statistics off an acquisition is the JDK lock plus one small handle
 *     object, and the write path adds the uncontended StampedLock CAS; no counters, no clock.
 *     With statistics on, the uncontended path tries {@code tryLock()} first and reads the clock
 *     only when it has to wait, so wait times cost nothing until there is contention. Hold
 *     times need the clock at acquire and release, two {@code System.nanoTime()} calls that
 *     alone cost more than an uncontended lock, so by default one hold in
 *     {@value #DEFAULT_HOLD_TIME_SAMPLING} (chosen with {@link ThreadLocalRandom}) is timed and
 *     the total scaled up: an unbiased estimate for about 1/16 of the clock cost. Locks whose
 *     hold times matter more than their speed set {@link Builder#holdTimeSampling(int)} to 1.</li>
 * <li><b>Current and peak readers.</b> Not a counter of their own (readers would then contend
 *     on a second cache line): after each read acquisition the read-hold count is read from the
 *     lock's state word, which the acquisition just wrote, and offered to a max-accumulator
 *     that writes only on a new peak. Reentrant read holds count again.</li>
 * <li><b>Fairness and starvation.</b> {@code tryLock()} barges past queued threads, even on a
 *     fair lock, and on the read side it skips the non-fair lock's rule that readers wait when
 *     a writer is first in the queue: with many readers a writer would starve. So the fast path
 *     is taken only when nobody is queued.</li>
 * </ul>
 */
public final class MeteredReadWriteLock {

    /** By default one hold in this many is timed; see {@link Builder#holdTimeSampling(int)}. */
    public static final int DEFAULT_HOLD_TIME_SAMPLING = 16;

    private final String name;
    private final boolean fair;
    private final boolean metered;
    private final int holdSampleMask;
    private final ReentrantReadWriteLock rwLock;
    private final Lock readLock;
    private final Lock writeLock;
    private final StampedLock writeVersions = new StampedLock();
    private final LockStatsRecorder recorder;
    /** The StampedLock write stamp of the current writer; see the design notes. */
    private long writeStamp;

    private MeteredReadWriteLock(Builder builder) {
        this.name = builder.name;
        this.fair = builder.fair;
        this.metered = builder.statistics;
        this.holdSampleMask = builder.holdTimeSampling - 1;
        this.rwLock = new ReentrantReadWriteLock(fair);
        this.readLock = rwLock.readLock();
        this.writeLock = rwLock.writeLock();
        this.recorder = metered ? new ConcurrentLockStatsRecorder() : LockStatsRecorder.DISABLED;
    }

    /** A non-fair lock with statistics on. */
    public static MeteredReadWriteLock create(String name) {
        return builder(name).build();
    }

    /** Starts building a lock; {@code name} identifies it in statistics, JMX and exceptions. */
    public static Builder builder(String name) {
        return new Builder(requireName(name, "name"));
    }

    public String name() {
        return name;
    }

    public boolean isFair() {
        return fair;
    }

    public boolean statisticsEnabled() {
        return metered;
    }

    /** Whether the current thread holds the write lock. */
    public boolean isWriteLockedByCurrentThread() {
        return rwLock.isWriteLockedByCurrentThread();
    }

    /** An estimate of the number of threads waiting for this lock, for monitoring and tests. */
    public int queueLength() {
        return rwLock.getQueueLength();
    }

    /** Acquires the read lock, waiting as long as it takes. */
    public LockHandle read() {
        return acquire(LockMode.READ, readLock);
    }

    /** Acquires the write lock, waiting as long as it takes. */
    public LockHandle write() {
        return acquire(LockMode.WRITE, writeLock);
    }

    /**
     * Acquires the read lock, waiting at most {@code timeout}. An interrupt does not end the
     * wait; it is kept and re-asserted on return.
     *
     * @throws LockTimeoutException if the lock was not available in time
     */
    public LockHandle read(Duration timeout) throws LockTimeoutException {
        return acquireTimed(LockMode.READ, readLock, timeout);
    }

    /**
     * Acquires the write lock, waiting at most {@code timeout}. An interrupt does not end the
     * wait; it is kept and re-asserted on return.
     *
     * @throws LockTimeoutException if the lock was not available in time
     */
    public LockHandle write(Duration timeout) throws LockTimeoutException {
        return acquireTimed(LockMode.WRITE, writeLock, timeout);
    }

    /** Acquires the read lock unless the thread is interrupted first or while waiting. */
    public LockHandle readInterruptibly() throws InterruptedException {
        return acquireInterruptibly(LockMode.READ, readLock);
    }

    /** Acquires the write lock unless the thread is interrupted first or while waiting. */
    public LockHandle writeInterruptibly() throws InterruptedException {
        return acquireInterruptibly(LockMode.WRITE, writeLock);
    }

    /**
     * Runs {@code reader} without locking and returns its result if no write happened
     * meanwhile; otherwise runs it again under the read lock (counted as a retry). For tiny
     * read sections of plain fields: {@code reader} may see a half-written state on the first
     * run, so it must not loop on, or act upon, what it reads; an exception it throws on an
     * invalidated run is discarded and the read retried.
     */
    public <T> T optimisticRead(Supplier<T> reader) {
        Objects.requireNonNull(reader, "reader");
        long stamp = writeVersions.tryOptimisticRead();
        if (stamp != 0L) {
            try {
                T value = reader.get();
                if (writeVersions.validate(stamp)) {
                    if (metered) {
                        recorder.recordOptimisticRead(false);
                    }
                    return value;
                }
            } catch (RuntimeException e) {
                if (writeVersions.validate(stamp)) {
                    throw e;
                }
            }
        }
        if (metered) {
            recorder.recordOptimisticRead(true);
        }
        LockHandle handle = read();
        try {
            return reader.get();
        } finally {
            handle.close();
        }
    }

    /** An immutable snapshot of this lock's statistics. */
    public LockStats stats() {
        return recorder.snapshot(name, rwLock.getReadLockCount());
    }

    @Override
    public String toString() {
        return "MeteredReadWriteLock[" + name + ", " + rwLock + "]";
    }

    private LockHandle acquire(LockMode mode, Lock lock) {
        if (!metered) {
            lock.lock();
            return acquired(mode);
        }
        if (tryWithoutWaiting(lock)) {
            recorder.recordUncontended(mode);
            return acquired(mode);
        }
        long start = System.nanoTime();
        lock.lock();
        recorder.recordContended(mode, System.nanoTime() - start);
        return acquired(mode);
    }

    private LockHandle acquireInterruptibly(LockMode mode, Lock lock) throws InterruptedException {
        if (!metered) {
            lock.lockInterruptibly();
            return acquired(mode);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before acquiring " + mode + " lock '" + name + "'");
        }
        if (tryWithoutWaiting(lock)) {
            recorder.recordUncontended(mode);
            return acquired(mode);
        }
        long start = System.nanoTime();
        lock.lockInterruptibly();
        recorder.recordContended(mode, System.nanoTime() - start);
        return acquired(mode);
    }

    private LockHandle acquireTimed(LockMode mode, Lock lock, Duration timeout) throws LockTimeoutException {
        long timeoutNanos = requireTimeout(timeout);
        if (tryWithoutWaiting(lock)) {
            if (metered) {
                recorder.recordUncontended(mode);
            }
            return acquired(mode);
        }
        long start = System.nanoTime();
        boolean locked = tryLockUninterruptibly(lock, start, timeoutNanos);
        long waited = System.nanoTime() - start;
        if (!locked) {
            if (metered) {
                recorder.recordTimeout(mode);
            }
            throw new LockTimeoutException(name, mode, timeout, Duration.ofNanos(waited));
        }
        if (metered) {
            recorder.recordContended(mode, waited);
        }
        return acquired(mode);
    }

    private boolean tryWithoutWaiting(Lock lock) {
        // tryLock() barges past queued threads; for the read side that defeats the non-fair
        // lock's own guard against writer starvation (readers wait when a writer is queued
        // first), so the fast path is taken only when nobody is queued.
        return !rwLock.hasQueuedThreads() && lock.tryLock();
    }

    private static boolean tryLockUninterruptibly(Lock lock, long start, long timeoutNanos) {
        boolean interrupted = false;
        long remaining = timeoutNanos;
        try {
            while (true) {
                try {
                    return lock.tryLock(remaining, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    remaining = timeoutNanos - (System.nanoTime() - start);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Bookkeeping once the JDK lock is held: optimistic-read version, peak readers, hold clock. */
    private LockHandle acquired(LockMode mode) {
        if (mode == LockMode.WRITE) {
            if (rwLock.getWriteHoldCount() == 1) {
                writeStamp = writeVersions.writeLock();
            }
        } else if (metered) {
            recorder.recordReadHolds(rwLock.getReadLockCount());
        }
        if (metered && (holdSampleMask == 0 || (ThreadLocalRandom.current().nextInt() & holdSampleMask) == 0)) {
            return new Handle(this, mode, System.nanoTime(), true);
        }
        return new Handle(this, mode, 0L, false);
    }

    private void release(Handle handle) {
        long end = handle.timed ? System.nanoTime() : 0L;
        if (handle.mode == LockMode.READ) {
            readLock.unlock();
        } else {
            // Not the owner: hold count 0, the version stays, and unlock() throws as it should.
            if (rwLock.getWriteHoldCount() == 1) {
                writeVersions.unlockWrite(writeStamp);
            }
            writeLock.unlock();
        }
        if (handle.timed) {
            recorder.recordHold(handle.mode, end - handle.startNanos, holdSampleMask + 1);
        }
    }

    static String requireName(String value, String argument) {
        Objects.requireNonNull(value, argument);
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
        return value;
    }

    private static long requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        // Durations beyond ~292 years saturate: the wait is unbounded in practice.
        return timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    /** One acquisition; owned by the acquiring thread, see {@link LockHandle}. */
    private static final class Handle implements LockHandle {
        private final MeteredReadWriteLock lock;
        private final LockMode mode;
        private final long startNanos;
        private final boolean timed;
        private boolean released;

        Handle(MeteredReadWriteLock lock, LockMode mode, long startNanos, boolean timed) {
            this.lock = lock;
            this.mode = mode;
            this.startNanos = startNanos;
            this.timed = timed;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            lock.release(this);
            released = true;
        }

        @Override
        public String toString() {
            return mode + " handle of '" + lock.name + "'" + (released ? " (released)" : "");
        }
    }

    /** Options of a {@link MeteredReadWriteLock}. */
    public static final class Builder {
        private final String name;
        private boolean fair;
        private boolean statistics = true;
        private int holdTimeSampling = DEFAULT_HOLD_TIME_SAMPLING;

        private Builder(String name) {
            this.name = name;
        }

        /** Fair: waiting threads get the lock roughly in arrival order. Default: non-fair. */
        public Builder fair(boolean fair) {
            this.fair = fair;
            return this;
        }

        /** Whether to keep statistics. Default: on. Off costs no counter update and no clock read. */
        public Builder statistics(boolean statistics) {
            this.statistics = statistics;
            return this;
        }

        /**
         * Measure the hold time of one in {@code everyNth} acquisitions (chosen at random) and
         * scale the total accordingly; 1 measures every hold exactly. Default:
         * {@value MeteredReadWriteLock#DEFAULT_HOLD_TIME_SAMPLING}.
         *
         * @param everyNth a power of two, at least 1
         */
        public Builder holdTimeSampling(int everyNth) {
            if (everyNth < 1 || Integer.bitCount(everyNth) != 1) {
                throw new IllegalArgumentException("everyNth must be a positive power of two: " + everyNth);
            }
            this.holdTimeSampling = everyNth;
            return this;
        }

        public MeteredReadWriteLock build() {
            return new MeteredReadWriteLock(this);
        }
    }
}
