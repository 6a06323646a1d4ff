package fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workload of scripts/profile-fidelity.sh: locks with known contention, run under
 * {@code lockopt profile}, measuring the truth itself with {@code System.nanoTime()} around
 * every wait and every critical section. It writes the true totals to the file named by its
 * argument ({@code key=value} lines) and exits; the script compares them with the profile.
 *
 * <ul>
 * <li>{@code contended}: a ReentrantLock that 4 threads take 10 times each, thread i holding it
 *     5·(i+1) ms;
 * <li>{@code monitor}: a {@code synchronized} block that 3 threads enter 8 times each, thread i
 *     holding it 6·(i+1) ms;
 * <li>{@code journal}: a {@code synchronized} method that 3 threads call 8 times each, thread i
 *     holding its monitor 4·(i+1) ms (holds only: the waits of synchronized methods come from
 *     JFR, which the profile does not start without {@code --jfr});
 * <li>{@code solo}: a ReentrantLock taken 20,000 times by one thread: never contended;
 * <li>{@code accounts} and {@code ledger}: taken accounts→ledger by one thread, then, after it
 *     ended, ledger→accounts by another: an inverted lock order without a deadlock.
 * </ul>
 *
 * <p>Design notes. Each phase's threads start together on a latch and are joined before the
 * next phase, so phases never overlap. Truth totals are {@link AtomicLong}s added to after each
 * release (outside the critical section, so they do not lengthen it). The lock-order threads
 * run one after the other, so they cannot deadlock.
 */
public final class ProfileFidelity {
    static final ReentrantLock contended = new ReentrantLock();
    static final Object monitor = new Object();
    static final ReentrantLock solo = new ReentrantLock();
    static final ReentrantLock accounts = new ReentrantLock();
    static final ReentrantLock ledger = new ReentrantLock();
    static final ReentrantLock probe = new ProbeLock();
    static final Journal journal = new Journal();
    static long counter;

    private ProfileFidelity() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ProfileFidelity TRUTH-FILE");
            System.exit(2);
        }
        // The agent installs its instrumentation on a thread of its own: start once it is in.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!instrumented()) {
            if (System.nanoTime() > deadline) {
                System.err.println("ProfileFidelity: not instrumented after 60 s; is it running under lockopt profile?");
                System.exit(3);
            }
            Thread.sleep(20);
        }
        List<String> truth = new ArrayList<>();
        contendedPhase(truth, 4, 10, 5);
        monitorPhase(truth, 3, 8, 6);
        methodPhase(truth, 3, 8, 4);
        soloPhase(truth, 20_000);
        orderPhase(truth);
        Path file = Path.of(args[0]);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "truth", ".tmp");
        Files.write(temp, truth, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A fresh invocation each time: true once calls to locks in this class go through the agent's hooks. */
    private static boolean instrumented() {
        probe.lock();
        probe.unlock();
        return ((ProbeLock) probe).calledThroughHooks;
    }

    private static void contendedPhase(List<String> truth, int threads, int rounds, int holdStepMillis)
            throws InterruptedException {
        AtomicLong waited = new AtomicLong();
        AtomicLong held = new AtomicLong();
        runThreads("contended", threads, index -> {
            for (int i = 0; i < rounds; i++) {
                long before = System.nanoTime();
                contended.lock();
                long acquired = System.nanoTime();
                try {
                    sleep(holdStepMillis * (index + 1));
                    counter++;
                } finally {
                    long releasing = System.nanoTime();
                    contended.unlock();
                    waited.addAndGet(acquired - before);
                    held.addAndGet(releasing - acquired);
                }
            }
        });
        truth.add("contended.acquisitions=" + threads * rounds);
        truth.add("contended.waitNanos=" + waited.get());
        truth.add("contended.holdNanos=" + held.get());
    }

    private static void monitorPhase(List<String> truth, int threads, int rounds, int holdStepMillis)
            throws InterruptedException {
        AtomicLong waited = new AtomicLong();
        AtomicLong held = new AtomicLong();
        runThreads("monitor", threads, index -> {
            for (int i = 0; i < rounds; i++) {
                long before = System.nanoTime();
                long acquired;
                long releasing;
                synchronized (monitor) {
                    acquired = System.nanoTime();
                    sleep(holdStepMillis * (index + 1));
                    counter++;
                    releasing = System.nanoTime();
                }
                waited.addAndGet(acquired - before);
                held.addAndGet(releasing - acquired);
            }
        });
        truth.add("monitor.acquisitions=" + threads * rounds);
        truth.add("monitor.waitNanos=" + waited.get());
        truth.add("monitor.holdNanos=" + held.get());
    }

    private static void methodPhase(List<String> truth, int threads, int rounds, int holdStepMillis)
            throws InterruptedException {
        AtomicLong held = new AtomicLong();
        runThreads("method", threads, index -> {
            for (int i = 0; i < rounds; i++) {
                held.addAndGet(journal.post(holdStepMillis * (index + 1)));
            }
        });
        truth.add("method.acquisitions=" + threads * rounds);
        truth.add("method.holdNanos=" + held.get());
    }

    private static void soloPhase(List<String> truth, int rounds) throws InterruptedException {
        runThreads("solo", 1, index -> {
            for (int i = 0; i < rounds; i++) {
                solo.lock();
                try {
                    counter++;
                } finally {
                    solo.unlock();
                }
            }
        });
        truth.add("solo.acquisitions=" + rounds);
        truth.add("solo.contended=0");
    }

    /** accounts→ledger, then (the first thread has ended) ledger→accounts. */
    private static void orderPhase(List<String> truth) throws InterruptedException {
        runThreads("order-ab", 1, index -> nested(accounts, ledger));
        runThreads("order-ba", 1, index -> nested(ledger, accounts));
        truth.add("order.cycle=accounts,ledger");
    }

    private static void nested(Lock outer, Lock inner) {
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
    }

    private interface Body {
        void run(int index);
    }

    private static void runThreads(String name, int count, Body body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run(index);
            }, name + "-" + i);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Its monitor is taken by the JVM on entry to {@link #post}: no bytecode acquires it. */
    static final class Journal {
        private long entries;

        /** Holds the monitor about {@code millis}; returns how long, from the first statement to the last. */
        synchronized long post(int millis) {
            long entered = System.nanoTime();
            sleep(millis);
            entries++;
            return System.nanoTime() - entered;
        }
    }

    /** A lock that notes whether the agent's hooks called it, as they do from instrumented code. */
    static final class ProbeLock extends ReentrantLock {
        volatile boolean calledThroughHooks;

        private void noteCaller() {
            calledThroughHooks = StackWalker.getInstance().walk(frames -> frames.skip(2).findFirst())
                    .map(frame -> frame.getClassName().equals("io.lockopt.agent.bootstrap.LockHooks"))
                    .orElse(false);
        }

        @Override
        public void lock() {
            noteCaller();
            super.lock();
        }

        @Override
        public boolean tryLock() {
            // The hooks may try first; lock() is then not reached.
            noteCaller();
            return super.tryLock();
        }
    }
}
