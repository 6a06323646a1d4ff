package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * JFR's monitor events in this JVM, mapped to a synchronized method registered by hand: waits
 * at the method's entry are attributed to its site, waits in a synchronized block are not.
 */
class MonitorEnterStreamTest {
    private static final Object BLOCK = new Object();

    /** The monitor of {@link #hold} is the instance; {@link #block} waits inside the method. */
    static final class Contended {
        synchronized long hold(long millis) throws InterruptedException {
            long acquired = System.nanoTime();
            Thread.sleep(millis);
            return acquired;
        }

        void block(long millis) throws InterruptedException {
            synchronized (BLOCK) {
                Thread.sleep(millis);
            }
        }
    }

    private record Wait(int site, long threadId, String thread, long nanos) {
    }

    @Test
    void attributesWaitsAtASynchronizedMethodsEntryOnly() throws Exception {
        CallSites sites = new CallSites();
        int hold = sites.registerSynchronizedMethod(Contended.class.getName(), Contended.class.getClassLoader(), "hold",
                "(J)J", Contended.class.getName() + ".this", "this", "synchronized-method").id();
        sites.registerSynchronizedMethod(Contended.class.getName(), Contended.class.getClassLoader(), "block", "(J)V",
                Contended.class.getName() + ".this", "this", "synchronized-method");
        Queue<Wait> waits = new ConcurrentLinkedQueue<>();
        AtomicLong truth = new AtomicLong();
        MonitorEnterStream stream = MonitorEnterStream.start(sites,
                (site, threadId, thread, nanos) -> waits.add(new Wait(site, threadId, thread, nanos)));
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!stream.running() && stream.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(stream.failure()).isNull();
            assertThat(stream.running()).isTrue();

            Contended contended = new Contended();
            run(3, () -> {
                for (int i = 0; i < 3; i++) {
                    long before = System.nanoTime();
                    truth.addAndGet(contended.hold(20) - before);
                }
            });
            run(3, () -> {
                for (int i = 0; i < 3; i++) {
                    contended.block(20);
                }
            });
        } finally {
            stream.drainAndClose(true);
        }

        assertThat(waits).isNotEmpty().allSatisfy(wait -> {
            assertThat(wait.site()).isEqualTo(hold);
            assertThat(wait.thread()).startsWith("contender-");
            assertThat(wait.threadId()).isPositive();
        });
        long measured = waits.stream().mapToLong(Wait::nanos).sum();
        assertThat((double) measured).isCloseTo(truth.get(), within(0.15 * truth.get()));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("lockopt-monitor-waits"));
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private static void run(int count, Body body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "contender-" + i);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
