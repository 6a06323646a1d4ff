package primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.lockopt.locks.LockHandle;
import io.lockopt.locks.MeteredReadWriteLock;

/**
 * {@code rwlock.writerReaders} (1 writer + 3 readers on one lock, a four-field snapshot) in short
 * windows, the anchor ({@link ReentrantReadWriteLock}) and the subjects alternating window by
 * window in one JVM, so that a busy machine weighs on all of them alike; prints, per subject and
 * role, the median over the rounds of its throughput over the anchor's in the same round.
 * JMH runs one variant for seconds after another, and on this shared 2-CPU machine the load
 * changes between them as much as the variants differ; windows of a few hundred milliseconds,
 * paired, give a ratio whose spread can be read.
 *
 * <p>Each variant has a class of its own with its own loops (copies, on purpose), so that the
 * JIT's profiles of one do not pollute another's, as JMH's forks would ensure.
 *
 * <p>Run with scripts/issue13/writer-readers-pairs.sh [JAR] [ROUNDS] [WINDOW_MS] [SUBJECTS]:
 * SUBJECTS a comma-separated choice of {@code off}, {@code on} (the default: the metered lock
 * without and with statistics), {@code control} (the JDK lock against itself, which should read
 * about 1.0x) and {@code wrapped} (the JDK lock behind a minimal try-with-resources handle, the
 * shape of lockopt's API without its work). The bytes allocated per operation are printed
 * beside each ratio: a metered lock's handle that escaped shows as 40-56 B/op.
 */
public final class WriterReadersPairs {

    private static final int READERS = 3;
    /**
     * The same four threads for every window, as JMH's: until the eighth pass of 2026-12-04 a
     * lock's statistics stripe stayed with the first thread that recorded in it, so fresh
     * threads per window (this harness until the seventh) all recorded in the shared stripe,
     * with atomic adds on one line.
     */
    private static final List<java.util.concurrent.ExecutorService> WORKERS = workers();

    private static List<java.util.concurrent.ExecutorService> workers() {
        List<java.util.concurrent.ExecutorService> workers = new ArrayList<>();
        for (int t = 0; t <= READERS; t++) {
            workers.add(java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task);
                thread.setDaemon(true);
                return thread;
            }));
        }
        return workers;
    }
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    /** One variant: a lock, a snapshot, and the loops of its four threads. */
    abstract static class Variant {
        final String name;
        long bid;
        long ask;
        long last;
        long volume;
        volatile boolean stop;
        /** Bytes allocated per operation by the four threads in the last window. */
        double lastBytesPerOp;
        /** The writer's CPU time over the last window's wall-clock time. */
        double lastWriterCpuShare;
        /** Writes per microsecond of the writer's own CPU time in the last window. */
        double lastWritesPerCpuMicro;

        Variant(String name) {
            this.name = name;
        }

        abstract long readLoop();

        abstract long writeLoop();

        /** Runs 1 writer and 3 readers for {@code millis}; returns {writes, reads} per microsecond. */
        final double[] window(long millis) throws InterruptedException {
            stop = false;
            long[] counts = new long[READERS + 1];
            long[] allocated = new long[READERS + 1];
            long[] cpu = new long[READERS + 1];
            CountDownLatch done = new CountDownLatch(READERS + 1);
            long begin = System.nanoTime();
            for (int t = 0; t <= READERS; t++) {
                int index = t;
                WORKERS.get(t).execute(() -> {
                    long allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
                    long cpuBefore = ALLOCATION.getCurrentThreadCpuTime();
                    counts[index] = index == 0 ? writeLoop() : readLoop();
                    cpu[index] = ALLOCATION.getCurrentThreadCpuTime() - cpuBefore;
                    allocated[index] = ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore;
                    done.countDown();
                });
            }
            Thread.sleep(millis);
            stop = true;
            long elapsed = System.nanoTime() - begin;
            done.await();
            long reads = 0;
            long bytes = 0;
            for (int t = 0; t <= READERS; t++) {
                reads += t == 0 ? 0 : counts[t];
                bytes += allocated[t];
            }
            lastBytesPerOp = (double) bytes / (reads + counts[0]);
            lastWriterCpuShare = (double) cpu[0] / elapsed;
            lastWritesPerCpuMicro = counts[0] / (cpu[0] / 1_000.0);
            double micros = elapsed / 1_000.0;
            return new double[] {counts[0] / micros, reads / micros};
        }
    }

    static final class Jdk extends Variant {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        Jdk() {
            super("ReentrantReadWriteLock");
        }

        @Override
        long readLoop() {
            long n = 0;
            long sink = 0;
            while (!stop) {
                lock.readLock().lock();
                try {
                    sink += bid + ask + last + volume;
                } finally {
                    lock.readLock().unlock();
                }
                n++;
            }
            return sink == 42 ? n + 1 : n;
        }

        @Override
        long writeLoop() {
            long n = 0;
            while (!stop) {
                lock.writeLock().lock();
                try {
                    bid = n;
                    ask = n + 1;
                    last = n;
                    volume++;
                } finally {
                    lock.writeLock().unlock();
                }
                n++;
            }
            return n;
        }
    }

    static final class JdkCopy extends Variant {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        JdkCopy() {
            super("ReentrantReadWriteLock (control)");
        }

        @Override
        long readLoop() {
            long n = 0;
            long sink = 0;
            while (!stop) {
                lock.readLock().lock();
                try {
                    sink += bid + ask + last + volume;
                } finally {
                    lock.readLock().unlock();
                }
                n++;
            }
            return sink == 42 ? n + 1 : n;
        }

        @Override
        long writeLoop() {
            long n = 0;
            while (!stop) {
                lock.writeLock().lock();
                try {
                    bid = n;
                    ask = n + 1;
                    last = n;
                    volume++;
                } finally {
                    lock.writeLock().unlock();
                }
                n++;
            }
            return n;
        }
    }

    /** Diagnostic: the JDK lock behind a minimal handle, the shape of lockopt's API without its work. */
    static final class Wrapped {
        private final ReentrantReadWriteLock rwLock = new ReentrantReadWriteLock();

        LockHandle read() {
            rwLock.readLock().lock();
            return new H(this, true);
        }

        LockHandle write() {
            rwLock.writeLock().lock();
            return new H(this, false);
        }

        private static final class H implements LockHandle {
            private final Wrapped owner;
            private final boolean read;
            private boolean released;

            H(Wrapped owner, boolean read) {
                this.owner = owner;
                this.read = read;
            }

            @Override
            public void close() {
                if (released) {
                    return;
                }
                if (read) {
                    owner.rwLock.readLock().unlock();
                } else {
                    owner.rwLock.writeLock().unlock();
                }
                released = true;
            }
        }
    }

    static final class JdkWrapped extends Variant {
        private final Wrapped lock = new Wrapped();

        JdkWrapped() {
            super("JDK lock behind a minimal handle");
        }

        @Override
        long readLoop() {
            long n = 0;
            long sink = 0;
            while (!stop) {
                try (LockHandle ignored = lock.read()) {
                    sink += bid + ask + last + volume;
                }
                n++;
            }
            return sink == 42 ? n + 1 : n;
        }

        @Override
        long writeLoop() {
            long n = 0;
            while (!stop) {
                try (LockHandle ignored = lock.write()) {
                    bid = n;
                    ask = n + 1;
                    last = n;
                    volume++;
                }
                n++;
            }
            return n;
        }
    }

    static final class MeteredOff extends Variant {
        private final MeteredReadWriteLock lock = MeteredReadWriteLock.builder("off").statistics(false).build();

        MeteredOff() {
            super("MeteredReadWriteLock, statistics off");
        }

        @Override
        long readLoop() {
            long n = 0;
            long sink = 0;
            while (!stop) {
                try (LockHandle ignored = lock.read()) {
                    sink += bid + ask + last + volume;
                }
                n++;
            }
            return sink == 42 ? n + 1 : n;
        }

        @Override
        long writeLoop() {
            long n = 0;
            while (!stop) {
                try (LockHandle ignored = lock.write()) {
                    bid = n;
                    ask = n + 1;
                    last = n;
                    volume++;
                }
                n++;
            }
            return n;
        }
    }

    static final class MeteredOn extends Variant {
        private final MeteredReadWriteLock lock = MeteredReadWriteLock.builder("on").build();

        MeteredOn() {
            super("MeteredReadWriteLock, statistics on");
        }

        @Override
        long readLoop() {
            long n = 0;
            long sink = 0;
            while (!stop) {
                try (LockHandle ignored = lock.read()) {
                    sink += bid + ask + last + volume;
                }
                n++;
            }
            return sink == 42 ? n + 1 : n;
        }

        @Override
        long writeLoop() {
            long n = 0;
            while (!stop) {
                try (LockHandle ignored = lock.write()) {
                    bid = n;
                    ask = n + 1;
                    last = n;
                    volume++;
                }
                n++;
            }
            return n;
        }

        String stats() {
            return lock.stats().toString();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long window = args.length > 1 ? Long.parseLong(args[1]) : 300;
        int warmup = 3;
        Variant anchor = new Jdk();
        String only = args.length > 2 ? args[2] : "off,on";
        List<Variant> chosen = new ArrayList<>();
        for (String key : only.split(",")) {
            chosen.add(switch (key) {
                case "control" -> new JdkCopy();
                case "wrapped" -> new JdkWrapped();
                case "off" -> new MeteredOff();
                case "on" -> new MeteredOn();
                default -> throw new IllegalArgumentException("subject: control|wrapped|off|on, not " + key);
            });
        }
        Variant[] subjects = chosen.toArray(new Variant[0]);
        double[][][] ratios = new double[subjects.length][2][rounds];
        double[][] bytes = new double[subjects.length + 1][rounds];
        double[][] anchorScores = new double[2][rounds];
        // Per subject: the writer's CPU share, and its writes per CPU-us over the anchor's.
        double[][] cpuShares = new double[subjects.length + 1][rounds];
        double[][] perCpu = new double[subjects.length][rounds];
        for (int round = -warmup; round < rounds; round++) {
            double[] a = anchor.window(window);
            for (int s = 0; s < subjects.length; s++) {
                double[] m = subjects[s].window(window);
                if (round >= 0) {
                    bytes[s + 1][round] = subjects[s].lastBytesPerOp;
                    ratios[s][0][round] = m[0] / a[0];
                    ratios[s][1][round] = m[1] / a[1];
                    cpuShares[s + 1][round] = subjects[s].lastWriterCpuShare;
                    perCpu[s][round] = subjects[s].lastWritesPerCpuMicro / anchor.lastWritesPerCpuMicro;
                }
            }
            if (round >= 0) {
                bytes[0][round] = anchor.lastBytesPerOp;
                cpuShares[0][round] = anchor.lastWriterCpuShare;
                anchorScores[0][round] = a[0];
                anchorScores[1][round] = a[1];
            }
        }
        System.out.printf("anchor %s: writer %.2f, readers %.2f ops/us, %.1f B/op (medians of %d windows of %d ms)%n",
                anchor.name, median(anchorScores[0]), median(anchorScores[1]), median(bytes[0]), rounds, window);
        for (int s = 0; s < subjects.length; s++) {
            System.out.printf("%-40s writer %.2fx [%.2f..%.2f]  readers %.2fx [%.2f..%.2f]  %.1f B/op%n", subjects[s].name,
                    median(ratios[s][0]), quartile(ratios[s][0], 1), quartile(ratios[s][0], 3),
                    median(ratios[s][1]), quartile(ratios[s][1], 1), quartile(ratios[s][1], 3), median(bytes[s + 1]));
        }
        System.out.printf("writer's CPU share of the wall clock: anchor %.0f%%", 100 * median(cpuShares[0]));
        for (int s = 0; s < subjects.length; s++) {
            System.out.printf(", %s %.0f%% (writes per writer CPU-us %.2fx the anchor's)", subjects[s].name,
                    100 * median(cpuShares[s + 1]), median(perCpu[s]));
        }
        System.out.println();
        for (Variant subject : subjects) {
            if (subject instanceof MeteredOn on) {
                System.out.println(on.stats());
            }
        }
    }

    private static double median(double[] values) {
        return quartile(values, 2);
    }

    /** The q-th quartile (1, 2, 3) of {@code values}, nearest rank. */
    private static double quartile(double[] values, int q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * q / 4)];
    }
}
