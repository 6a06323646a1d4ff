package io.lockopt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.recorder.LockRecorder;
import io.lockopt.agent.recorder.SnapshotRequest;
import io.lockopt.agent.wire.Snapshot;
import io.lockopt.locks.KeyedLocks;
import io.lockopt.locks.LockHandle;
import io.lockopt.locks.LockTimeoutException;
import io.lockopt.locks.MeteredReadWriteLock;

/**
 * Code that takes lockopt's own {@link MeteredReadWriteLock} (plain, interruptible and timed
 * acquisitions), rewritten as the agent rewrites it and run with a recorder attached.
 */
class LockoptLockRewritingTest {
    private static final String SUBJECT = Subject.class.getName();

    private RewrittenSubject rewritten;
    private LockRecorder recorder;
    private Object subject;

    public static class Subject {
        public final MeteredReadWriteLock rw = MeteredReadWriteLock.create("subject");
        public int value;

        public int read() {
            try (LockHandle read = rw.read()) {
                return value;
            }
        }

        public void write(int v) throws InterruptedException {
            try (LockHandle write = rw.writeInterruptibly()) {
                value = v;
            }
        }

        public int readWithin(long millis) throws LockTimeoutException {
            try (LockHandle read = rw.read(Duration.ofMillis(millis))) {
                return value;
            }
        }

        public void writeWithin(long millis, int v) throws LockTimeoutException {
            try (LockHandle write = rw.write(Duration.ofMillis(millis))) {
                value = v;
            }
        }

        public final KeyedLocks<String> books = KeyedLocks.create("books");
        public final java.util.Map<String, Integer> prices = new java.util.concurrent.ConcurrentHashMap<>();

        public Integer price(String symbol) {
            try (LockHandle read = books.read(symbol)) {
                return prices.get(symbol);
            }
        }

        public void reprice(java.util.List<String> symbols, int price) {
            try (LockHandle write = books.writeAll(symbols)) {
                for (String symbol : symbols) {
                    prices.put(symbol, price);
                }
            }
        }

        /** The keyed locks come from a parameter: only their name labels them here. */
        public Integer priceVia(KeyedLocks<String> locks, String symbol) {
            try (LockHandle read = locks.read(symbol)) {
                return prices.get(symbol);
            }
        }

        public void clearEurUsd() {
            try (LockHandle write = books.write("EURUSD")) {
                prices.remove("EURUSD");
            }
        }
    }

    @BeforeEach
    void rewriteAndAttach() throws Exception {
        rewritten = new RewrittenSubject(Subject.class);
        recorder = rewritten.recorder;
        subject = rewritten.instance;
    }

    @AfterEach
    void detach() {
        rewritten.close();
    }

    private Object call(String name, Object... arguments) throws Throwable {
        return rewritten.call(name, arguments);
    }

    @Test
    void eachKeyOfKeyedLocksIsOneLockLabelledByFieldAndKey() throws Throwable {
        call("reprice", List.of("EURUSD", "USDJPY"), 5);
        call("reprice", List.of("USDJPY", "EURUSD"), 6);
        assertThat(call("price", "EURUSD")).isEqualTo(6);
        assertThat(call("price", "USDJPY")).isEqualTo(6);
        assertThat(call("price", "USDJPY")).isEqualTo(6);
        call("clearEurUsd");
        Object books = subject.getClass().getField("books").get(subject);
        call("priceVia", books, "GBPUSD");
        Snapshot named = recorder.snapshot(new SnapshotRequest("s", 1, false, null, 0L, 0L, 1, 0L));
        assertThat(keyLock(named, "books[GBPUSD]").labelSource()).isEqualTo("name");
        // A later acquisition through the field gives the better label.
        call("price", "GBPUSD");

        Snapshot snapshot = recorder.snapshot(new SnapshotRequest("s", 1, true, "stop", 0L, 0L, 1, 0L));
        Snapshot.LockStats eurUsd = keyLock(snapshot, SUBJECT + ".books[EURUSD]");
        Snapshot.LockStats usdJpy = keyLock(snapshot, SUBJECT + ".books[USDJPY]");
        assertThat(eurUsd.kindName()).isEqualTo("lockopt KeyedLocks");
        assertThat(eurUsd.className()).isEqualTo("io.lockopt.locks.KeyedLocks");
        assertThat(eurUsd.labelSource()).isEqualTo("field");
        assertThat(eurUsd.reads() + ":" + eurUsd.writes()).isEqualTo("1:3");
        assertThat(usdJpy.reads() + ":" + usdJpy.writes()).isEqualTo("2:2");
        assertThat(keyLock(snapshot, SUBJECT + ".books[GBPUSD]").acquisitions()).isEqualTo(2);
        assertThat(eurUsd.holds().getTotalCount()).isEqualTo(4);
        // One close() released both keys of each writeAll; the library's own order is not a cycle.
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
        assertThat(snapshot.edges()).isEmpty();
    }

    private static Snapshot.LockStats keyLock(Snapshot snapshot, String label) {
        return snapshot.locks().stream().filter(l -> label.equals(l.label())).findFirst()
                .orElseThrow(() -> new AssertionError("no lock " + label + " in "
                        + snapshot.locks().stream().map(Snapshot.LockStats::label).toList()));
    }

    @Test
    void countsPlainInterruptibleAndTimedAcquisitionsAndTimeoutsAsFailures() throws Throwable {
        call("write", 7);
        assertThat(call("read")).isEqualTo(7);
        assertThat(call("readWithin", 100L)).isEqualTo(7);
        call("writeWithin", 100L, 8);

        // Another thread holds the write lock (outside instrumented code): the timed read times out.
        MeteredReadWriteLock rw = (MeteredReadWriteLock) subject.getClass().getField("rw").get(subject);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (LockHandle write = rw.write()) {
                holding.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        holding.await();
        assertThatThrownBy(() -> call("readWithin", 20L)).isInstanceOf(LockTimeoutException.class);
        release.countDown();
        writer.join();
        // The next attempt notices that the previous one ended without the lock.
        assertThat(call("readWithin", 100L)).isEqualTo(8);

        Snapshot snapshot = recorder.snapshot(new SnapshotRequest("s", 1, true, "stop", 0L, 0L, 1, 0L));
        Snapshot.LockStats stats = snapshot.locks().stream().filter(l -> (SUBJECT + ".rw").equals(l.label()))
                .findFirst().orElseThrow(() -> new AssertionError(snapshot.locks().toString()));
        assertThat(stats.kindName()).isEqualTo("lockopt MeteredReadWriteLock");
        assertThat(stats.acquisitions()).isEqualTo(5);
        assertThat(stats.reads()).isEqualTo(3);
        assertThat(stats.writes()).isEqualTo(2);
        assertThat(stats.tryFailures()).isEqualTo(1);
        assertThat(snapshot.counters().unmatchedReleases()).isZero();
        assertThat(snapshot.sites()).extracting(Snapshot.SiteStats::operation)
                .contains("lockopt read", "lockopt writeInterruptibly", "lockopt read(timeout)",
                        "lockopt write(timeout)");
    }
}
