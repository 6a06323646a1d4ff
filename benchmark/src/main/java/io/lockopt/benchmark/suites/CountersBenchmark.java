package io.lockopt.benchmark.suites;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Suite {@code counters}: a shared event counter under {@code synchronized}, a
 * {@code ReentrantLock}, an {@code AtomicLong} and a {@code LongAdder}; increment-only, and
 * increments with a concurrent reader.
 *
 * <p>Design notes: one counter per trial ({@code Scope.Benchmark}) shared by all threads,
 * which is the contention being measured. The lock-based counters keep their value between
 * padding ({@link PaddedValue}) so that nothing else written by the harness shares its line;
 * {@code LongAdder} pads its own cells.
 * {@code increment} has a heap side effect, so it cannot be eliminated; the reader returns the
 * value to JMH's implicit blackhole (JMHSample_08/09).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CountersBenchmark {

    /** The counter implementations, as factories (Caffeine's enum-typed {@code @Param}). */
    public enum Impl {
        SYNCHRONIZED(SynchronizedCounter::new),
        REENTRANT_LOCK(LockedCounter::new),
        ATOMIC_LONG(AtomicCounter::new),
        LONG_ADDER(AdderCounter::new);

        private final Supplier<Counter> factory;

        Impl(Supplier<Counter> factory) {
            this.factory = factory;
        }

        Counter create() {
            return factory.get();
        }
    }

    @Param
    public Impl impl;

    private Counter counter;

    @Setup
    public void createCounter() {
        counter = impl.create();
    }

    /** Every thread increments the one counter. */
    @Benchmark
    @Threads(2)
    public void increment() {
        counter.increment();
    }

    /** Increments while another thread keeps reading the total (metrics scrape, UI). */
    @Benchmark
    @Group("incrementWithReads")
    @GroupThreads(1)
    public void incrementer() {
        counter.increment();
    }

    @Benchmark
    @Group("incrementWithReads")
    @GroupThreads(1)
    public long reader() {
        return counter.get();
    }

    interface Counter {
        void increment();

        long get();
    }

    /** Left padding of {@link PaddedValue}: 7 longs keep earlier objects off the value's line. */
    abstract static class LeftPadding {
        long p01, p02, p03, p04, p05, p06, p07;
    }

    /** The hot field between padding; subclasses add the right padding. */
    abstract static class PaddedValue extends LeftPadding {
        long value;
    }

    abstract static class RightPadded extends PaddedValue {
        long p11, p12, p13, p14, p15, p16, p17;
    }

    static final class SynchronizedCounter extends RightPadded implements Counter {
        @Override
        public synchronized void increment() {
            value++;
        }

        @Override
        public synchronized long get() {
            return value;
        }
    }

    static final class LockedCounter extends RightPadded implements Counter {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public void increment() {
            lock.lock();
            try {
                value++;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long get() {
            lock.lock();
            try {
                return value;
            } finally {
                lock.unlock();
            }
        }
    }

    static final class AtomicCounter implements Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public void increment() {
            value.incrementAndGet();
        }

        @Override
        public long get() {
            return value.get();
        }
    }

    static final class AdderCounter implements Counter {
        private final LongAdder value = new LongAdder();

        @Override
        public void increment() {
            value.increment();
        }

        @Override
        public long get() {
            return value.sum();
        }
    }
}
