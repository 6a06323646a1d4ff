package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * JFR's monitor events in this JVM, mapped to a synchronized method registered by hand: waits
 * at the method's entry are attributed to its site, waits in a synchronized block are not.
 *
 * <p>No wall-clock tolerance: each wait is forced (the waiters are seen blocked before the
 * holder lets go), and its recorded duration is checked against bounds that hold on any
 * machine: at least the time the test kept it blocked, at most what the waiter itself measured
 * around its call.
 */
class MonitorEnterStreamTest {
    private static final Object BLOCK = new Object();
    private static final long GENEROUS_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Tells the test a thread holds the monitor; keeps it held until the test lets go. */
    record Gate(CountDownLatch entered, CountDownLatch letGo) {
        Gate() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        void pass() throws InterruptedException {
            entered.countDown();
            letGo.await();
        }
    }

    /** The monitor of {@link #hold} is the instance; {@link #block} waits inside the method. */
    static final class Contended {
        synchronized long hold(Gate gate) throws InterruptedException {
            long acquired = System.nanoTime();
            gate.pass();
            return acquired;
        }

        long block(Gate gate) throws InterruptedException {
            synchronized (BLOCK) {
                long acquired = System.nanoTime();
                gate.pass();
                return acquired;
            }
        }
    }

    private record Wait(int site, long threadId, String thread, long nanos, String holder) {
    }

    @Test
    void attributesWaitsAtASynchronizedMethodsEntryOnly() throws Exception {
        InstrumentedSites sites = new InstrumentedSites();
        String type = Contended.class.getName();
        int hold = sites.registerSynchronizedMethod(type, Contended.class.getClassLoader(), "hold",
                MethodType.methodType(long.class, Gate.class).toMethodDescriptorString(), type + ".this", "this",
                "synchronized-method").id();
        sites.registerSynchronizedMethod(type, Contended.class.getClassLoader(), "block",
                MethodType.methodType(long.class, Gate.class).toMethodDescriptorString(), type + ".this", "this",
                "synchronized-method");
        Queue<Wait> waits = new ConcurrentLinkedQueue<>();
        MonitorEnterStream stream = MonitorEnterStream.start(sites,
                (site, threadId, thread, nanos, holderId, holder) -> waits.add(new Wait(site, threadId, thread, nanos, holder)));
        Contention atEntry;
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!stream.running() && stream.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(stream.failure()).isNull();
            assertThat(stream.running()).isTrue();

            Contended contended = new Contended();
            // Inside the block first: its events are committed before the entry's, so by the
            // time the entry's have arrived the block's were delivered too (and must be ignored).
            contend(BLOCK, contended::block);
            atEntry = contend(contended, contended::hold);

            long delivered = System.nanoTime() + GENEROUS_NANOS;
            while (waits.size() < 2 && System.nanoTime() < delivered) {
                Thread.sleep(20);
            }
        } finally {
            stream.drainAndClose(true);
        }

        assertThat(waits).hasSize(2).allSatisfy(wait -> {
            assertThat(wait.site()).isEqualTo(hold);
            assertThat(wait.thread()).isIn(atEntry.waited().keySet());
            assertThat(wait.threadId()).isPositive();
            assertThat(wait.nanos()).isBetween(atEntry.keptBlocked(), atEntry.waited().get(wait.thread()));
            // JFR's previous owner: contender-0 for the first waiter in, the first for the second.
            assertThat(wait.holder()).startsWith("contender-").isNotEqualTo(wait.thread());
        });
        assertThat(waits).extracting(Wait::holder).contains("contender-0");
        assertThat(waits).extracting(Wait::thread).doesNotHaveDuplicates();
        long ended = System.nanoTime() + GENEROUS_NANOS;
        while (streamThreadAlive() && System.nanoTime() < ended) {
            Thread.sleep(20);
        }
        assertThat(streamThreadAlive()).as("lockopt-monitor-waits still running").isFalse();
    }

    private static boolean streamThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("lockopt-monitor-waits"));
    }

    private interface Body {
        long run(Gate gate) throws InterruptedException;
    }

    /**
     * A forced contention: how long the test kept the waiters blocked after seeing them blocked,
     * and what each waiter measured from just before its call to the monitor's acquisition.
     */
    private record Contention(long keptBlocked, Map<String, Long> waited) {
    }

    /**
     * contender-0 takes {@code monitor} through {@code body} and keeps it; contender-1 and -2
     * call {@code body} too and block; 20 ms after both are seen blocked, the holder lets go.
     */
    private static Contention contend(Object monitor, Body body) throws InterruptedException {
        Gate gate = new Gate();
        Map<String, Long> waited = new ConcurrentHashMap<>();
        Thread holder = contender("contender-0", gate, body, waited);
        holder.start();
        assertThat(gate.entered().await(30, TimeUnit.SECONDS)).as("holder entered").isTrue();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Thread waiter = contender("contender-" + i, gate, body, waited);
            waiter.start();
            waiters.add(waiter);
        }
        for (Thread waiter : waiters) {
            assertThat(Waiters.awaitBlocked(waiter, monitor)).as("%s blocked", waiter.getName()).isTrue();
        }
        long blocked = System.nanoTime();
        Thread.sleep(20);
        long keptBlocked = System.nanoTime() - blocked;
        gate.letGo().countDown();
        holder.join();
        for (Thread waiter : waiters) {
            waiter.join();
        }
        waited.remove("contender-0");
        return new Contention(keptBlocked, waited);
    }

    private static Thread contender(String name, Gate gate, Body body, Map<String, Long> waited) {
        return new Thread(() -> {
            try {
                long before = System.nanoTime();
                long acquired = body.run(gate);
                waited.put(name, acquired - before);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }
}
