package io.lockopt.benchmark.suites;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import com.google.common.util.concurrent.Striped;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import io.lockopt.locks.KeyedLocks;
import io.lockopt.locks.LockHandle;

/**
 * Suite {@code keyed}: updates spread over {@code keys} resources (accounts, instruments),
 * each update locking only what it touches. One global lock (the baseline) against lockopt's
 * {@link KeyedLocks} (a read/write lock per key, created on demand) and Guava's
 * {@link Striped} (a fixed array of padded locks, keys hashed onto stripes; the anchor).
 *
 * <p>Design notes. The per-key values live in {@link PaddedLongs}, so two threads updating
 * different keys never share a cache line (JMHSample_22): otherwise the striped variants
 * would be charged for false sharing, not for locking. The key sequence is a per-thread
 * xorshift, so keys are spread uniformly and differ between threads without a shared random
 * generator. Each update returns the new value (no dead code); {@code work} spends CPU inside
 * the critical section.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class KeyedBenchmark {

    /** The keyed-locking strategies, as factories of a strategy for {@code keys} keys. */
    public enum Impl {
        GLOBAL_LOCK(keys -> new GlobalLockUpdates()),
        LOCKOPT_KEYED_LOCKS(keys -> new LockoptKeyedUpdates()),
        GUAVA_STRIPED(GuavaStripedUpdates::new);

        private final IntFunction<KeyedUpdates> factory;

        Impl(IntFunction<KeyedUpdates> factory) {
            this.factory = factory;
        }

        KeyedUpdates create(int keys) {
            return factory.apply(keys);
        }
    }

    @Param
    public Impl impl;

    @Param({"64"})
    public int keys;

    /** Blackhole.consumeCPU tokens spent inside every critical section. */
    @Param({"0"})
    public int work;

    private KeyedUpdates updates;
    private PaddedLongs values;

    @Setup(Level.Trial)
    public void create() {
        updates = impl.create(keys);
        values = new PaddedLongs(keys);
    }

    /** Per-thread xorshift state; seeded differently per thread. */
    @State(Scope.Thread)
    public static class KeySequence {
        private static final AtomicInteger SEEDS = new AtomicInteger();
        int state = 0x9E3779B9 * (SEEDS.incrementAndGet() | 1);

        int next(int bound) {
            int x = state;
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            state = x;
            return (x & Integer.MAX_VALUE) % bound;
        }
    }

    @Benchmark
    @Threads(2)
    public long update(KeySequence sequence) {
        return updates.update(sequence.next(keys), values, work);
    }

    interface KeyedUpdates {
        long update(int key, PaddedLongs values, int work);
    }

    static long increment(int key, PaddedLongs values, int work) {
        long value = values.incrementAndGet(key);
        if (work > 0) {
            Blackhole.consumeCPU(work);
        }
        return value;
    }

    static final class GlobalLockUpdates implements KeyedUpdates {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public long update(int key, PaddedLongs values, int work) {
            lock.lock();
            try {
                return increment(key, values, work);
            } finally {
                lock.unlock();
            }
        }
    }

    static final class LockoptKeyedUpdates implements KeyedUpdates {
        private final KeyedLocks<Integer> locks = KeyedLocks.create("bench-keys");

        @Override
        public long update(int key, PaddedLongs values, int work) {
            try (LockHandle ignored = locks.write(key)) {
                return increment(key, values, work);
            }
        }
    }

    static final class GuavaStripedUpdates implements KeyedUpdates {
        private final Striped<Lock> stripes;

        GuavaStripedUpdates(int keys) {
            this.stripes = Striped.lock(keys);
        }

        @Override
        public long update(int key, PaddedLongs values, int work) {
            Lock lock = stripes.get(key);
            lock.lock();
            try {
                return increment(key, values, work);
            } finally {
                lock.unlock();
            }
        }
    }
}
