package io.lockopt.benchmark.suites;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import io.lockopt.locks.LockHandle;
import io.lockopt.locks.MeteredReadWriteLock;

/**
 * Suite {@code rwlock}: a read-mostly price snapshot (bid, ask, last, volume) guarded by each
 * kind of lock.
 *
 * <ul>
 * <li>{@code read}: readers only; with the default single thread this is the uncontended
 *     acquire + read + release path, with {@code --threads N} it shows read parallelism.</li>
 * <li>{@code writerReaders}: 1 writer and 3 readers in an asymmetric group
 *     (JMHSample_15_Asymmetric); JMH reports the group total and each role, so writer
 *     starvation shows up instead of hiding in a total.</li>
 * <li>{@code readMostly}: every thread reads nine times, then writes once (a 90/10 mix).</li>
 * </ul>
 *
 * <p>Design notes. The snapshot lives in {@code Scope.Benchmark} (symmetric benchmarks) or
 * {@code Scope.Group} (the group) state: all threads of a run race on it through the variant's
 * lock, which is the point. Writers derive new values from a per-thread sequence, and readers
 * return the sum of the fields, so neither can be folded to a constant or eliminated
 * (JMHSample_08/10). {@code work} burns CPU inside the critical section
 * ({@link Blackhole#consumeCPU}) to model longer sections. Optimistic variants count a read as
 * retried when its section ran more than once ({@link ReadCounters}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RwLockBenchmark {

    /** The guarded-snapshot implementations, as factories. */
    public enum Impl {
        SYNCHRONIZED(SynchronizedQuotes::new),
        REENTRANT_LOCK(ExclusiveLockQuotes::new),
        REENTRANT_READ_WRITE_LOCK(ReadWriteLockQuotes::new),
        STAMPED_LOCK(() -> new StampedQuotes(false)),
        STAMPED_LOCK_OPTIMISTIC(() -> new StampedQuotes(true)),
        LOCKOPT(() -> new LockoptQuotes(true, Reading.LOCKED)),
        LOCKOPT_NO_STATS(() -> new LockoptQuotes(false, Reading.LOCKED)),
        /**
         * {@code optimisticReadLong(LongSupplier)}: the convenience form for a section that
         * computes a long (as this one does), with a capturing lambda. Until 2026-12-04 it used
         * {@code optimisticRead(Supplier)}, which boxes the sum: 16 B/op once the value leaves
         * {@code Long}'s cache (every write in readMostly), more than the read itself.
         */
        LOCKOPT_OPTIMISTIC(() -> new LockoptQuotes(true, Reading.OPTIMISTIC_LAMBDA)),
        /** {@code tryOptimisticRead()}/{@code validate(stamp)}: the same shape as STAMPED_LOCK_OPTIMISTIC. */
        LOCKOPT_OPTIMISTIC_STAMP(() -> new LockoptQuotes(true, Reading.OPTIMISTIC_STAMP)),
        COPY_ON_WRITE(CopyOnWriteQuotes::new);

        private final Supplier<Quotes> factory;

        Impl(Supplier<Quotes> factory) {
            this.factory = factory;
        }

        Quotes create() {
            return factory.get();
        }
    }

    /** The shared snapshot of one run. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param
        public Impl impl;

        /** Blackhole.consumeCPU tokens spent inside every critical section. */
        @Param({"0"})
        public int work;

        Quotes quotes;

        @Setup(Level.Trial)
        public void create() {
            quotes = impl.create();
            quotes.update(1, 0);
        }
    }

    /** The snapshot shared by one reader/writer group. */
    @State(Scope.Group)
    public static class GroupShared extends Shared {
    }

    /** Per-thread sequence numbers for writers and the 90/10 mix. */
    @State(Scope.Thread)
    public static class Sequence {
        long next = 1;
    }

    /** Writes in the 90/10 mix, per thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class WriteCounters {
        public long writes;

        @Setup(Level.Iteration)
        public void clear() {
            writes = 0;
        }
    }

    @Benchmark
    @Threads(1)
    public long read(Shared shared, ReadCounters counters) {
        return shared.quotes.read(shared.work, counters);
    }

    @Benchmark
    @Group("writerReaders")
    @GroupThreads(1)
    public void writer(GroupShared shared, Sequence sequence) {
        shared.quotes.update(++sequence.next, shared.work);
    }

    @Benchmark
    @Group("writerReaders")
    @GroupThreads(3)
    public long reader(GroupShared shared, ReadCounters counters) {
        return shared.quotes.read(shared.work, counters);
    }

    @Benchmark
    @Threads(2)
    public long readMostly(Shared shared, Sequence sequence, ReadCounters reads, WriteCounters writes) {
        long n = ++sequence.next;
        if (n % 10 == 0) {
            shared.quotes.update(n, shared.work);
            writes.writes++;
            return n;
        }
        return shared.quotes.read(shared.work, reads);
    }

    interface Quotes {
        void update(long sequence, int work);

        long read(int work, ReadCounters counters);
    }

    /** The mutable fields the lock-based variants guard. */
    static class MutableQuote {
        long bid;
        long ask;
        long last;
        long volume;

        final void apply(long sequence) {
            bid = sequence;
            ask = sequence + 1;
            last = sequence;
            volume++;
        }

        final long sum() {
            return bid + ask + last + volume;
        }
    }

    static void spend(int work) {
        if (work > 0) {
            Blackhole.consumeCPU(work);
        }
    }

    static final class SynchronizedQuotes extends MutableQuote implements Quotes {
        @Override
        public synchronized void update(long sequence, int work) {
            apply(sequence);
            spend(work);
        }

        @Override
        public long read(int work, ReadCounters counters) {
            long value;
            synchronized (this) {
                value = sum();
                spend(work);
            }
            counters.read(false);
            return value;
        }
    }

    static final class ExclusiveLockQuotes extends MutableQuote implements Quotes {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public void update(long sequence, int work) {
            lock.lock();
            try {
                apply(sequence);
                spend(work);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long read(int work, ReadCounters counters) {
            long value;
            lock.lock();
            try {
                value = sum();
                spend(work);
            } finally {
                lock.unlock();
            }
            counters.read(false);
            return value;
        }
    }

    static final class ReadWriteLockQuotes extends MutableQuote implements Quotes {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        @Override
        public void update(long sequence, int work) {
            lock.writeLock().lock();
            try {
                apply(sequence);
                spend(work);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public long read(int work, ReadCounters counters) {
            long value;
            lock.readLock().lock();
            try {
                value = sum();
                spend(work);
            } finally {
                lock.readLock().unlock();
            }
            counters.read(false);
            return value;
        }
    }

    static final class StampedQuotes extends MutableQuote implements Quotes {
        private final StampedLock lock = new StampedLock();
        private final boolean optimistic;

        StampedQuotes(boolean optimistic) {
            this.optimistic = optimistic;
        }

        @Override
        public void update(long sequence, int work) {
            long stamp = lock.writeLock();
            try {
                apply(sequence);
                spend(work);
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        @Override
        public long read(int work, ReadCounters counters) {
            if (optimistic) {
                long stamp = lock.tryOptimisticRead();
                long value = sum();
                spend(work);
                if (stamp != 0L && lock.validate(stamp)) {
                    counters.read(false);
                    return value;
                }
                counters.read(true);
            } else {
                counters.read(false);
            }
            long stamp = lock.readLock();
            try {
                long value = sum();
                spend(work);
                return value;
            } finally {
                lock.unlockRead(stamp);
            }
        }
    }

    /** How a lockopt variant reads. */
    enum Reading {
        LOCKED, OPTIMISTIC_LAMBDA, OPTIMISTIC_STAMP
    }

    static final class LockoptQuotes extends MutableQuote implements Quotes {
        private final MeteredReadWriteLock lock;
        private final Reading reading;

        LockoptQuotes(boolean statistics, Reading reading) {
            this.lock = MeteredReadWriteLock.builder("bench-quotes").statistics(statistics).build();
            this.reading = reading;
        }

        @Override
        public void update(long sequence, int work) {
            try (LockHandle ignored = lock.write()) {
                apply(sequence);
                spend(work);
            }
        }

        @Override
        public long read(int work, ReadCounters counters) {
            if (reading == Reading.OPTIMISTIC_STAMP) {
                long stamp = lock.tryOptimisticRead();
                long value = sum();
                spend(work);
                if (lock.validate(stamp)) {
                    counters.read(false);
                    return value;
                }
                counters.read(true);
                try (LockHandle ignored = lock.read()) {
                    value = sum();
                    spend(work);
                }
                return value;
            }
            if (reading == Reading.OPTIMISTIC_LAMBDA) {
                long before = counters.sectionRuns;
                long value = lock.optimisticReadLong(() -> {
                    counters.sectionRuns++;
                    spend(work);
                    return sum();
                });
                counters.read(counters.sectionRuns - before > 1);
                return value;
            }
            long value;
            try (LockHandle ignored = lock.read()) {
                value = sum();
                spend(work);
            }
            counters.read(false);
            return value;
        }
    }

    /** A volatile immutable snapshot: readers take no lock; writers copy under a monitor. */
    static final class CopyOnWriteQuotes implements Quotes {
        private record Quote(long bid, long ask, long last, long volume) {
        }

        private volatile Quote current = new Quote(0, 0, 0, 0);

        @Override
        public synchronized void update(long sequence, int work) {
            Quote previous = current;
            spend(work);
            current = new Quote(sequence, sequence + 1, sequence, previous.volume() + 1);
        }

        @Override
        public long read(int work, ReadCounters counters) {
            Quote quote = current;
            spend(work);
            counters.read(false);
            return quote.bid() + quote.ask() + quote.last() + quote.volume();
        }
    }
}
