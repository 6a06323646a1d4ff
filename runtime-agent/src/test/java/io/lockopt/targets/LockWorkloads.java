package io.lockopt.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A target JVM for the agent's integration tests, driven by commands on stdin, one per line,
 * answering on stdout. It measures the truth itself (nanoTime around each wait and each
 * critical section) so a test can compare the agent's figures with it.
 *
 * <p>Lives outside {@code io.lockopt.agent} on purpose: that package is never instrumented.
 */
public final class LockWorkloads {
    static final ReentrantLock hot = new ReentrantLock();
    static final ReentrantLock quiet = new ReentrantLock();
    static final Object MONITOR = new Object();
    static final ReentrantLock first = new ReentrantLock();
    static final ReentrantLock second = new ReentrantLock();
    static final ReentrantReadWriteLock table = new ReentrantReadWriteLock();
    static final java.util.concurrent.locks.StampedLock stamped = new java.util.concurrent.locks.StampedLock();
    static final Lock probe = new ProbeLock();
    static final ReentrantLock helped = new ReentrantLock();
    static final ReentrantLock busy = new ReentrantLock();
    static final java.util.concurrent.locks.StampedLock slowStamped = new java.util.concurrent.locks.StampedLock();
    static long counter;

    private LockWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.strip().split("\\s+");
            switch (words[0]) {
                case "contend" -> contend(Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                        Integer.parseInt(words[3]));
                case "monitor" -> monitor(Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                        Integer.parseInt(words[3]));
                case "quiet" -> quiet(Integer.parseInt(words[1]));
                case "order" -> order(words[1]);
                case "readers" -> readers(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                case "stamped" -> stamped(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                case "stampedhold" -> stampedHold(Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                        Integer.parseInt(words[3]));
                case "helpers" -> helpers(Integer.parseInt(words[1]));
                case "spin" -> spin(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                case "syncmethods" -> SynchronizedWorkloads.contend(Integer.parseInt(words[1]),
                        Integer.parseInt(words[2]), Integer.parseInt(words[3]));
                case "syncexits" -> SynchronizedWorkloads.exits(Integer.parseInt(words[1]));
                case "synccheck" -> SynchronizedWorkloads.check();
                case "churn" -> ChurnedLocks.churn(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                case "gc" -> {
                    System.gc();
                    System.out.println("DONE gc");
                }
                case "threads" -> threads();
                case "probe" -> probe();
                case "jfr" -> System.out.println("JFR initialized=" + jdk.jfr.FlightRecorder.isInitialized());
                case "check" -> check();
                case "exit" -> {
                    System.out.println("BYE");
                    return;
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
    }

    /**
     * {@code threads} threads each take {@link #hot} {@code rounds} times and hold it {@code holdMillis}.
     * Prints the waits and holds, and the span of each whole lock-to-unlock call: the agent times
     * inside its hooks, so each hold it sees is at least the hold here and, with the wait it saw,
     * at most the span (a thread preempted just after its unlock lengthens the agent's hold only).
     */
    private static void contend(int threads, int rounds, int holdMillis) throws InterruptedException {
        AtomicLong waited = new AtomicLong();
        AtomicLong held = new AtomicLong();
        AtomicLong spanned = new AtomicLong();
        LongAccumulator shortest = new LongAccumulator(Math::min, Long.MAX_VALUE);
        runThreads(threads, () -> {
            for (int i = 0; i < rounds; i++) {
                long before = System.nanoTime();
                hot.lock();
                long acquired = System.nanoTime();
                try {
                    sleep(holdMillis);
                    counter++;
                } finally {
                    long releasing = System.nanoTime();
                    hot.unlock();
                    spanned.addAndGet(System.nanoTime() - before);
                    waited.addAndGet(acquired - before);
                    held.addAndGet(releasing - acquired);
                    shortest.accumulate(releasing - acquired);
                }
            }
        });
        System.out.println("TRUTH wait=" + waited.get() + " hold=" + held.get() + " span=" + spanned.get()
                + " minhold=" + shortest.get());
    }

    /** As {@link #contend}, with a synchronized block: holds, and spans from before the block to after it. */
    private static void monitor(int threads, int rounds, int holdMillis) throws InterruptedException {
        AtomicLong held = new AtomicLong();
        AtomicLong spanned = new AtomicLong();
        runThreads(threads, () -> {
            for (int i = 0; i < rounds; i++) {
                long before = System.nanoTime();
                synchronized (MONITOR) {
                    long acquired = System.nanoTime();
                    sleep(holdMillis);
                    held.addAndGet(System.nanoTime() - acquired);
                }
                spanned.addAndGet(System.nanoTime() - before);
            }
        });
        System.out.println("TRUTH hold=" + held.get() + " span=" + spanned.get());
    }

    private static void quiet(int rounds) {
        for (int i = 0; i < rounds; i++) {
            quiet.lock();
            try {
                counter++;
            } finally {
                quiet.unlock();
            }
        }
        System.out.println("DONE quiet");
    }

    /** Takes {@link #first} and {@link #second} in the given order: "ab" or "ba". */
    private static void order(String which) throws InterruptedException {
        Lock outer = which.equals("ab") ? first : second;
        Lock inner = which.equals("ab") ? second : first;
        Thread thread = new Thread(() -> {
            outer.lock();
            try {
                inner.lock();
                try {
                    counter++;
                } finally {
                    inner.unlock();
                }
            } finally {
                outer.unlock();
            }
        }, "order-" + which);
        thread.start();
        thread.join();
        System.out.println("DONE order " + which);
    }

    private static void readers(int threads, int rounds) throws InterruptedException {
        runThreads(threads, () -> {
            for (int i = 0; i < rounds; i++) {
                table.readLock().lock();
                try {
                    if (counter < 0) {
                        System.out.println("impossible");
                    }
                } finally {
                    table.readLock().unlock();
                }
                if (i % 10 == 0) {
                    table.writeLock().lock();
                    try {
                        counter++;
                    } finally {
                        table.writeLock().unlock();
                    }
                }
            }
        });
        System.out.println("DONE readers");
    }

    private static void stamped(int threads, int rounds) throws InterruptedException {
        runThreads(threads, () -> {
            for (int i = 0; i < rounds; i++) {
                long read = stamped.readLock();
                try {
                    if (counter < 0) {
                        System.out.println("impossible");
                    }
                } finally {
                    stamped.unlockRead(read);
                }
                long write = stamped.writeLock();
                try {
                    counter++;
                } finally {
                    stamped.unlockWrite(write);
                }
            }
        });
        System.out.println("DONE stamped");
    }

    /** {@code threads} threads each take {@link #slowStamped}'s write lock {@code rounds} times and hold it {@code holdMillis}. */
    private static void stampedHold(int threads, int rounds, int holdMillis) throws InterruptedException {
        runThreads(threads, () -> {
            for (int i = 0; i < rounds; i++) {
                long write = slowStamped.writeLock();
                try {
                    sleep(holdMillis);
                    counter++;
                } finally {
                    slowStamped.unlockWrite(write);
                }
            }
        });
        System.out.println("DONE stampedhold");
    }

    /** One thread takes {@link #busy} {@code rounds} times, holding it about {@code micros} each time. */
    private static void spin(int rounds, int micros) {
        long held = 0;
        long spanned = 0;
        for (int i = 0; i < rounds; i++) {
            long before = System.nanoTime();
            busy.lock();
            long acquired = System.nanoTime();
            try {
                long until = acquired + micros * 1_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } finally {
                long releasing = System.nanoTime();
                busy.unlock();
                spanned += System.nanoTime() - before;
                held += releasing - acquired;
            }
        }
        System.out.println("TRUTH hold=" + held + " span=" + spanned);
    }

    /** Critical sections opened and closed by helper methods, as RealtimeDataManager does. */
    private static void helpers(int rounds) {
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            sum += readThroughHelpers();
            if (i % 4 == 0) {
                writeThroughHelpers();
            }
        }
        System.out.println("DONE helpers " + sum);
    }

    private static long readThroughHelpers() {
        lockHelped();
        try {
            return counter;
        } finally {
            unlockHelped();
        }
    }

    private static void writeThroughHelpers() {
        lockHelped();
        try {
            bump();
        } finally {
            unlockHelped();
        }
    }

    private static void bump() {
        counter++;
    }

    private static void lockHelped() {
        if (!helped.tryLock()) {
            helped.lock();
        }
    }

    private static void unlockHelped() {
        helped.unlock();
    }

    /** The names of the live threads, sorted, on one line. */
    private static void threads() {
        System.out.println("THREADS " + Thread.getAllStackTraces().keySet().stream()
                .map(t -> t.getName() + (t.isDaemon() ? "(daemon)" : "")).sorted()
                .collect(java.util.stream.Collectors.joining("|")));
    }

        /** Whether calls to a lock in this class currently go through the agent's hooks. */
    @SuppressWarnings("LockNotBeforeTry") // an empty section: only taking the lock matters here
    private static void probe() {
        probe.lock();
        probe.unlock();
        System.out.println("PROBE instrumented=" + ((ProbeLock) probe).calledThroughHooks);
    }

    /** The transformed methods still do what they did: the counter moves by exactly the work done. */
    private static void check() throws InterruptedException {
        long before = counter;
        contend(2, 5, 0);
        quiet(100);
        long expected = before + 10 + 100;
        System.out.println(counter == expected ? "CHECK ok" : "CHECK wrong counter=" + counter + " expected=" + expected);
    }

    private static void runThreads(int count, Runnable body) throws InterruptedException {
        runThreads("worker-", count, body);
    }

    /** Starts {@code count} threads named {@code prefix0, prefix1, ...} together and waits for them. */
    static void runThreads(String prefix, int count, Runnable body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run();
            }, prefix + i);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static void sleep(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A lock that notes whether its caller was the agent's hook class. */
    static final class ProbeLock implements Lock {
        private final ReentrantLock delegate = new ReentrantLock();
        volatile boolean calledThroughHooks;

        @Override
        public void lock() {
            calledThroughHooks = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst())
                    .map(frame -> frame.getClassName().equals("io.lockopt.agent.bootstrap.LockHooks"))
                    .orElse(false);
            delegate.lock();
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            delegate.lockInterruptibly();
        }

        @Override
        public boolean tryLock() {
            // The hooks try first; report the caller here too, as lock() may not be reached.
            calledThroughHooks = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst())
                    .map(frame -> frame.getClassName().equals("io.lockopt.agent.bootstrap.LockHooks"))
                    .orElse(false);
            return delegate.tryLock();
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            return delegate.tryLock(time, unit);
        }

        @Override
        public void unlock() {
            delegate.unlock();
        }

        @Override
        public Condition newCondition() {
            return delegate.newCondition();
        }
    }
}
