import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;

import com.google.common.util.concurrent.Striped;

import io.lockopt.locks.KeyedLocks;
import io.lockopt.locks.LockHandle;
import io.lockopt.locks.MeteredReadWriteLock;

/**
 * {@code keyed.update} (THREADS threads, {@code -Dkeys=64} keys, xorshift keys per thread, a
 * padded counter per key) in short windows, Guava's {@code Striped.lock} (the anchor) and the
 * subjects alternating window by window in one JVM; prints per subject the median ratio to the
 * anchor with its quartiles, and the bytes allocated per operation (a {@code KeyedLocks} handle
 * that escaped shows as 40 B/op). Subjects: {@code control} (Striped against itself),
 * {@code on}/{@code off} ({@code KeyedLocks} with and without statistics),
 * {@code array-on}/{@code array-off} (a {@code MeteredReadWriteLock} per key in an array: the
 * lock without the key lookup).
 *
 * <p>The worker threads are the same for every window, as JMH's are: until the eighth pass of
 * 2026-12-04 a statistics stripe stayed with the first thread that recorded in it, so fresh
 * threads per window all recorded in the shared stripe (statistics on 0.55-0.62x of Striped
 * with fresh threads, 0.88-0.97x with these); now a stripe whose owner ended is taken over,
 * and a fresh thread's first acquisition of each key still takes the slow path. Each variant has its own loop (copies,
 * on purpose), so that the JIT's profiles of one do not pollute another's.
 *
 * <p>Run with scripts/issue13/keyed-pairs.sh [JAR] [ROUNDS] [WINDOW_MS] [THREADS] [SUBJECTS].
 */
public final class KeyedPairs {
    static final int KEYS = Integer.getInteger("keys", 64);
    static final int STRIDE = 16;
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    abstract static class Variant {
        final String name;
        final long[] values = new long[(KEYS + 1) * STRIDE];
        volatile boolean stop;
        double lastBytesPerOp;
        Variant(String name) { this.name = name; }
        abstract long loop(int seed);

        final double window(int threads, long millis) throws InterruptedException {
            stop = false;
            long[] counts = new long[threads];
            long[] allocated = new long[threads];
            CountDownLatch done = new CountDownLatch(threads);
            long begin = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int index = t;
                WORKERS.get(t).submit(() -> {
                    long before = ALLOCATION.getCurrentThreadAllocatedBytes();
                    counts[index] = loop(SEEDS[index] = next(SEEDS[index]));
                    allocated[index] = ALLOCATION.getCurrentThreadAllocatedBytes() - before;
                    done.countDown();
                });
            }
            Thread.sleep(millis);
            stop = true;
            done.await();
            double micros = (System.nanoTime() - begin) / 1e3;
            long ops = Arrays.stream(counts).sum();
            lastBytesPerOp = (double) Arrays.stream(allocated).sum() / Math.max(1, ops);
            return ops / micros;
        }
    }

    /** The same worker threads for every window, as JMH's: each keeps its statistics stripe. */
    static final List<java.util.concurrent.ExecutorService> WORKERS = new ArrayList<>();
    static final int[] SEEDS = {0x9E3779B9, 0x7F4A7C15, 0x2545F491, 0x6C8E9CF5};

    static int next(int x) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x; }

    static final class StripedVariant extends Variant {
        final Striped<Lock> stripes = Striped.lock(KEYS);
        StripedVariant() { super("striped"); }
        @Override long loop(int x) {
            long n = 0, sink = 0;
            while (!stop) {
                x = next(x);
                int key = (x & Integer.MAX_VALUE) % KEYS;
                Lock lock = stripes.get(key);
                lock.lock();
                try { sink += ++values[(key + 1) * STRIDE]; } finally { lock.unlock(); }
                n++;
            }
            return n + (sink == 42 ? 1 : 0);
        }
    }

    static final class StripedControl extends Variant {
        final Striped<Lock> stripes = Striped.lock(KEYS);
        StripedControl() { super("control"); }
        @Override long loop(int x) {
            long n = 0, sink = 0;
            while (!stop) {
                x = next(x);
                int key = (x & Integer.MAX_VALUE) % KEYS;
                Lock lock = stripes.get(key);
                lock.lock();
                try { sink += ++values[(key + 1) * STRIDE]; } finally { lock.unlock(); }
                n++;
            }
            return n + (sink == 42 ? 1 : 0);
        }
    }

    static final class KeyedOn extends Variant {
        final KeyedLocks<Integer> locks = KeyedLocks.create("on");
        KeyedOn() { super("keyed-on"); }
        @Override long loop(int x) {
            long n = 0, sink = 0;
            while (!stop) {
                x = next(x);
                int key = (x & Integer.MAX_VALUE) % KEYS;
                try (LockHandle ignored = locks.write(key)) { sink += ++values[(key + 1) * STRIDE]; }
                n++;
            }
            return n + (sink == 42 ? 1 : 0);
        }
    }

    static final class KeyedOff extends Variant {
        final KeyedLocks<Integer> locks = KeyedLocks.<Integer>builder("off").statistics(false).build();
        KeyedOff() { super("keyed-off"); }
        @Override long loop(int x) {
            long n = 0, sink = 0;
            while (!stop) {
                x = next(x);
                int key = (x & Integer.MAX_VALUE) % KEYS;
                try (LockHandle ignored = locks.write(key)) { sink += ++values[(key + 1) * STRIDE]; }
                n++;
            }
            return n + (sink == 42 ? 1 : 0);
        }
    }

    static final class ArrayOn extends Variant {
        final MeteredReadWriteLock[] locks = new MeteredReadWriteLock[KEYS];
        ArrayOn() { super("array-on"); for (int i = 0; i < KEYS; i++) locks[i] = MeteredReadWriteLock.create("k" + i); }
        @Override long loop(int x) {
            long n = 0, sink = 0;
            while (!stop) {
                x = next(x);
                int key = (x & Integer.MAX_VALUE) % KEYS;
                try (LockHandle ignored = locks[key].write()) { sink += ++values[(key + 1) * STRIDE]; }
                n++;
            }
            return n + (sink == 42 ? 1 : 0);
        }
    }

    static final class ArrayOff extends Variant {
        final MeteredReadWriteLock[] locks = new MeteredReadWriteLock[KEYS];
        ArrayOff() { super("array-off"); for (int i = 0; i < KEYS; i++) locks[i] = MeteredReadWriteLock.builder("k" + i).statistics(false).build(); }
        @Override long loop(int x) {
            long n = 0, sink = 0;
            while (!stop) {
                x = next(x);
                int key = (x & Integer.MAX_VALUE) % KEYS;
                try (LockHandle ignored = locks[key].write()) { sink += ++values[(key + 1) * STRIDE]; }
                n++;
            }
            return n + (sink == 42 ? 1 : 0);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        for (int t = 0; t < 4; t++) {
            WORKERS.add(java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread th = new Thread(r);
                th.setDaemon(true);
                return th;
            }));
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long window = args.length > 1 ? Long.parseLong(args[1]) : 300;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String subjects = args.length > 3 ? args[3] : "on,off";
        Map<String, java.util.function.Supplier<Variant>> all = new LinkedHashMap<>();
        all.put("control", StripedControl::new);
        all.put("on", KeyedOn::new);
        all.put("off", KeyedOff::new);
        all.put("array-on", ArrayOn::new);
        all.put("array-off", ArrayOff::new);
        Variant anchor = new StripedVariant();
        List<Variant> subs = new ArrayList<>();
        for (String s : subjects.split(",")) subs.add(all.get(s).get());
        for (int w = 0; w < 3; w++) {
            anchor.window(threads, window);
            for (Variant v : subs) v.window(threads, window);
        }
        double[] a = new double[rounds];
        double[][] r = new double[subs.size()][rounds];
        double[][] b = new double[subs.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            a[i] = anchor.window(threads, window);
            for (int s = 0; s < subs.size(); s++) {
                r[s][i] = subs.get(s).window(threads, window) / a[i];
                b[s][i] = subs.get(s).lastBytesPerOp;
            }
        }
        System.out.printf("anchor striped, %d threads: %.2f ops/us (median of %d windows of %d ms)%n", threads, q(a, 2), rounds, window);
        for (int s = 0; s < subs.size(); s++) {
            System.out.printf("%-10s %.2fx [%.2f..%.2f]  %.1f B/op%n", subs.get(s).name, q(r[s], 2), q(r[s], 1), q(r[s], 3), q(b[s], 2));
        }
    }

    /** The q-th quartile (1, 2, 3) of {@code values}. */
    static double q(double[] values, int q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length / 4.0) - 1; // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
