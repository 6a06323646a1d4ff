package primitives;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import com.google.common.util.concurrent.Striped;

import io.lockopt.locks.KeyedLocks;
import io.lockopt.locks.LockHandle;
import io.lockopt.locks.MeteredReadWriteLock;

/**
 * The single-thread paths of issue 13's targets, timed in CPU time of the measuring thread
 * (ThreadMXBean) rather than wall time, so that a busy machine (other builds on the same 2
 * cores) stretches neither side: each round times the anchor and the subject one after the
 * other in the same JVM, and the median of the rounds is printed with the ratio. One subject
 * per JVM, as JMH forks do, so that the JIT's profile is not polluted by the other variants.
 * Complements {@code lockopt bench} (wall-clock JMH, the figures the targets table checks);
 * it is how the before/after of a change to an uncontended path can be seen on this machine.
 *
 * <p>Run with scripts/issue13/primitive-cpu-time.sh; subjects: {@code read-stats},
 * {@code read-no-stats}, {@code write-stats}, {@code write-no-stats} (anchor:
 * ReentrantReadWriteLock; the writes store a field), {@code optimistic-supplier},
 * {@code optimistic-long}, {@code optimistic-stamp} (anchor: StampedLock optimistic), {@code keyed-stats},
 * {@code keyed-no-stats} (anchor: Guava Striped, 64 keys).
 */
public final class PrimitiveCpuTime {

    private static final int OPS = 2_000_000;
    private static final int ROUNDS = 15;
    private static final int KEYS = 64;

    private long bid = 1;
    private long ask = 2;
    private long sections;
    private final long[] values = new long[KEYS * 8];
    private static final Integer[] KEY_OBJECTS = new Integer[KEYS];

    static {
        for (int i = 0; i < KEYS; i++) {
            KEY_OBJECTS[i] = i;
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PrimitiveCpuTime read-stats|read-no-stats|write-stats|write-no-stats|optimistic-supplier|optimistic-long|optimistic-stamp|keyed-stats|keyed-no-stats");
            System.exit(2);
        }
        PrimitiveCpuTime bench = new PrimitiveCpuTime();
        String subject = args[0];
        LongUnaryOperator anchor;
        LongUnaryOperator measured;
        String anchorName;
        switch (subject) {
            case "read-stats", "read-no-stats" -> {
                ReentrantReadWriteLock jdk = new ReentrantReadWriteLock();
                MeteredReadWriteLock lock = MeteredReadWriteLock.builder("read")
                        .statistics(subject.equals("read-stats")).build();
                anchorName = "ReentrantReadWriteLock";
                anchor = n -> bench.jdkRead(jdk, n);
                measured = n -> bench.meteredRead(lock, n);
            }
            case "write-stats", "write-no-stats" -> {
                ReentrantReadWriteLock jdk = new ReentrantReadWriteLock();
                MeteredReadWriteLock lock = MeteredReadWriteLock.builder("write")
                        .statistics(subject.equals("write-stats")).build();
                anchorName = "ReentrantReadWriteLock";
                anchor = n -> bench.jdkWrite(jdk, n);
                measured = n -> bench.meteredWrite(lock, n);
            }
            case "optimistic-supplier", "optimistic-long", "optimistic-stamp" -> {
                StampedLock stamped = new StampedLock();
                MeteredReadWriteLock lock = MeteredReadWriteLock.create("optimistic");
                anchorName = "StampedLock optimistic";
                anchor = n -> bench.stampedOptimistic(stamped, n);
                measured = switch (subject) {
                    case "optimistic-stamp" -> n -> bench.meteredStamp(lock, n);
                    case "optimistic-long" -> n -> bench.meteredLong(lock, n);
                    default -> n -> bench.meteredSupplier(lock, n);
                };
            }
            case "keyed-stats", "keyed-no-stats" -> {
                Striped<Lock> striped = Striped.lock(KEYS);
                KeyedLocks<Integer> keyed = KeyedLocks.<Integer>builder("keys")
                        .statistics(subject.equals("keyed-stats")).build();
                anchorName = "Guava Striped";
                anchor = n -> bench.striped(striped, n);
                measured = n -> bench.keyed(keyed, n);
            }
            default -> throw new IllegalArgumentException("unknown subject: " + subject);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<double[]> times = List.of(new double[ROUNDS], new double[ROUNDS]);
        List<LongUnaryOperator> both = List.of(anchor, measured);
        long sink = 0;
        for (int round = -3; round < ROUNDS; round++) { // three rounds of warm-up
            for (int i = 0; i < 2; i++) {
                long start = threads.getCurrentThreadCpuTime();
                sink += both.get(i).applyAsLong(OPS);
                long nanos = threads.getCurrentThreadCpuTime() - start;
                if (round >= 0) {
                    times.get(i)[round] = nanos / (double) OPS;
                }
            }
        }
        List<Double> medians = new ArrayList<>();
        for (double[] t : times) {
            Arrays.sort(t);
            medians.add(t[ROUNDS / 2]);
        }
        System.out.printf("%s: %s %.2f ns/op, lockopt %.2f ns/op; lockopt takes %.2fx the time (throughput %.2fx)%s%n",
                subject, anchorName, medians.get(0), medians.get(1), medians.get(1) / medians.get(0),
                medians.get(0) / medians.get(1), sink == 42 ? " " : "");
    }

    private long jdkRead(ReentrantReadWriteLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            lock.readLock().lock();
            try {
                sum += bid + ask;
            } finally {
                lock.readLock().unlock();
            }
        }
        return sum;
    }

    @SuppressWarnings("try")
    private long meteredRead(MeteredReadWriteLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            try (LockHandle held = lock.read()) {
                sum += bid + ask;
            }
        }
        return sum;
    }

    private long jdkWrite(ReentrantReadWriteLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            lock.writeLock().lock();
            try {
                bid = i;
                sum += bid + ask;
            } finally {
                lock.writeLock().unlock();
            }
        }
        return sum;
    }

    @SuppressWarnings("try")
    private long meteredWrite(MeteredReadWriteLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            try (LockHandle held = lock.write()) {
                bid = i;
                sum += bid + ask;
            }
        }
        return sum;
    }

    private long stampedOptimistic(StampedLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            long stamp = lock.tryOptimisticRead();
            sections++;
            long value = bid + ask;
            if (stamp != 0L && lock.validate(stamp)) {
                sum += value;
            } else {
                stamp = lock.readLock();
                try {
                    sum += bid + ask;
                } finally {
                    lock.unlockRead(stamp);
                }
            }
        }
        return sum;
    }

    @SuppressWarnings("try")
    private long meteredStamp(MeteredReadWriteLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            long stamp = lock.tryOptimisticRead();
            sections++;
            long value = bid + ask;
            if (lock.validate(stamp)) {
                sum += value;
            } else {
                try (LockHandle held = lock.read()) {
                    sum += bid + ask;
                }
            }
        }
        return sum;
    }

    private long meteredSupplier(MeteredReadWriteLock lock, long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            long offset = i & 1; // captured: the lambda is a new object per call unless it is scalar-replaced
            sum += lock.optimisticRead(() -> {
                sections++;
                return bid + ask + offset;
            });
        }
        return sum;
    }

    /**
     * optimisticReadLong (2026-12-04), through a constant method handle so that this file still
     * compiles against a jar from before it (the subject then fails at once); C2 inlines a
     * constant handle like a direct call.
     */
    private static final MethodHandle OPTIMISTIC_READ_LONG = optimisticReadLong();

    private static MethodHandle optimisticReadLong() {
        try {
            return MethodHandles.publicLookup().findVirtual(MeteredReadWriteLock.class, "optimisticReadLong",
                    MethodType.methodType(long.class, LongSupplier.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private long meteredLong(MeteredReadWriteLock lock, long n) {
        if (OPTIMISTIC_READ_LONG == null) {
            throw new IllegalStateException("this jar's MeteredReadWriteLock has no optimisticReadLong");
        }
        long sum = 0;
        for (long i = 0; i < n; i++) {
            long offset = i & 1;
            try {
                sum += (long) OPTIMISTIC_READ_LONG.invokeExact(lock, (LongSupplier) () -> {
                    sections++;
                    return bid + ask + offset;
                });
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        return sum;
    }

    private long striped(Striped<Lock> locks, long n) {
        long sum = 0;
        int x = 1;
        for (long i = 0; i < n; i++) {
            x = next(x);
            Lock lock = locks.get(KEY_OBJECTS[x & (KEYS - 1)]);
            lock.lock();
            try {
                sum += ++values[(x & (KEYS - 1)) * 8];
            } finally {
                lock.unlock();
            }
        }
        return sum;
    }

    @SuppressWarnings("try")
    private long keyed(KeyedLocks<Integer> locks, long n) {
        long sum = 0;
        int x = 1;
        for (long i = 0; i < n; i++) {
            x = next(x);
            try (LockHandle held = locks.write(KEY_OBJECTS[x & (KEYS - 1)])) {
                sum += ++values[(x & (KEYS - 1)) * 8];
            }
        }
        return sum;
    }

    /** Xorshift: keys spread uniformly, the same sequence for both sides. */
    private static int next(int x) {
        x ^= x << 13;
        x ^= x >>> 17;
        return x ^ (x << 5);
    }
}
