package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // handles held only for their effect
class KeyedLocksTest {

    /** Locks reclaimed as soon as their last user lets go: what most tests here observe. */
    private static <K> KeyedLocks<K> reclaiming(String name) {
        return KeyedLocks.<K>builder(name).idleCapacity(0).build();
    }

    @Test
    void idleLocksAreKeptForReuseUpToTheCapacity() {
        KeyedLocks<Integer> locks = KeyedLocks.<Integer>builder("idle").idleCapacity(8).build();
        for (int i = 0; i < 1_000; i++) {
            locks.write(i).close();
        }
        assertThat(locks.size()).isEqualTo(8);
        // The newest idle keys kept their locks and statistics.
        assertThat(locks.stats(999)).hasValueSatisfying(s -> assertThat(s.write().acquisitions()).isEqualTo(1));
        assertThat(locks.stats(0)).isEmpty();
        locks.write(999).close();
        assertThat(locks.stats(999)).hasValueSatisfying(s -> assertThat(s.write().acquisitions()).isEqualTo(2));
        assertThat(KeyedLocks.create("default").toString()).contains("default");
        assertThatThrownBy(() -> KeyedLocks.builder("bad").idleCapacity(-1)).hasMessageContaining("idleCapacity");
    }

    @Test
    void idleReuseRacingWithEvictionNeverSplitsAKey() throws Exception {
        // Keys outnumber the idle capacity, so entries are evicted while other threads reuse them.
        KeyedLocks<Integer> locks = KeyedLocks.<Integer>builder("evict").idleCapacity(2).build();
        int threads = 4;
        int rounds = 20_000;
        long[] counters = new long[4];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        int key = (i + seed) & 3;
                        try (LockHandle h = locks.write(key)) {
                            counters[key]++;
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Arrays.stream(counters).sum()).isEqualTo((long) threads * rounds);
        assertThat(locks.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void createsOnDemandAndReclaimsWhenReleased() {
        KeyedLocks<String> locks = reclaiming("accounts");
        assertThat(locks.name()).isEqualTo("accounts");
        try (LockHandle a = locks.write("a"); LockHandle b = locks.read("b")) {
            assertThat(locks.size()).isEqualTo(2);
            assertThat(locks.stats("a")).hasValueSatisfying(s -> {
                assertThat(s.name()).isEqualTo("accounts[a]");
                assertThat(s.write().acquisitions()).isEqualTo(1);
            });
            assertThat(locks.allStats()).containsOnlyKeys("a", "b");
        }
        assertThat(locks.size()).isZero();
        assertThat(locks.stats("a")).isEmpty();
    }

    @Test
    void memoryStaysBoundedByKeysInUse() {
        KeyedLocks<Integer> locks = reclaiming("many");
        try (LockHandle pinned = locks.read(-1)) {
            for (int i = 0; i < 10_000; i++) {
                locks.write(i).close();
            }
            assertThat(locks.size()).isEqualTo(1);
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void statisticsAccumulateWhileTheKeyStaysInUse() {
        KeyedLocks<String> locks = reclaiming("per-key");
        try (LockHandle outer = locks.read("k")) {
            locks.read("k").close();
            locks.readAll(List.of("k", "k")).close();
            assertThat(locks.stats("k")).hasValueSatisfying(s -> {
                assertThat(s.read().acquisitions()).isEqualTo(3);
                assertThat(s.currentReaders()).isEqualTo(1);
                assertThat(s.peakReaders()).isEqualTo(2);
            });
        }
        KeyedLocks<String> quiet = KeyedLocks.<String>builder("quiet").statistics(false).fair(true).build();
        try (LockHandle h = quiet.write("k")) {
            assertThat(quiet.stats("k")).hasValueSatisfying(s -> assertThat(s.statisticsEnabled()).isFalse());
        }
    }

    @Test
    void retainedKeyKeepsItsLockAndStatisticsBetweenUses() {
        KeyedLocks<String> locks = reclaiming("retained");
        KeyedLocks.Retention retention = locks.retain("k");
        assertThat(locks.size()).isEqualTo(1);
        locks.write("k").close();
        locks.readAll(List.of("k", "other")).close();
        assertThat(locks.size()).isEqualTo(1);
        assertThat(locks.stats("k")).hasValueSatisfying(s -> {
            assertThat(s.write().acquisitions()).isEqualTo(1);
            assertThat(s.read().acquisitions()).isEqualTo(1);
        });
        retention.close();
        retention.close(); // harmless
        assertThat(locks.size()).isZero();
        assertThat(locks.stats("k")).isEmpty();
    }

    @Test
    void reclaimRacingWithReacquisitionNeverSplitsAKey() throws Exception {
        // Threads hammer one key so entries die and are recreated all the time; the write lock
        // must still exclude: a counter updated under it never loses an increment.
        KeyedLocks<String> locks = reclaiming("churn");
        int threads = 4;
        int rounds = 20_000;
        long[] counter = new long[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        try (LockHandle h = locks.write("hot")) {
                            counter[0]++;
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter[0]).isEqualTo((long) threads * rounds);
        assertThat(locks.size()).isZero();
    }

    @Test
    void multiKeyAcquisitionHoldsAllAndReleasesAll() {
        KeyedLocks<Integer> locks = reclaiming("multi");
        LockHandle all = locks.writeAll(List.of(3, 1, 2, 1));
        assertThat(locks.size()).isEqualTo(3);
        assertThat(locks.allStats().values()).allSatisfy(s -> assertThat(s.write().acquisitions()).isEqualTo(1));
        all.close();
        all.close();
        assertThat(locks.size()).isZero();
        try (LockHandle r = locks.readAll(List.of(5, 6))) {
            assertThat(locks.size()).isEqualTo(2);
        }
        locks.writeAll(List.of()).close();
        assertThat(locks.size()).isZero();
    }

    @Test
    void multiKeyHoldsExcludeOtherThreads() throws Exception {
        KeyedLocks<String> locks = reclaiming("exclusive");
        AtomicBoolean readerGotIn = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            locks.read("y").close();
            readerGotIn.set(true);
        }, "reader");
        try (LockHandle both = locks.writeAll(List.of("x", "y"))) {
            reader.start();
            // Parked on y's lock, not merely not yet started: only then does "not in" prove exclusion.
            awaitParkedOnALock(reader);
            assertThat(readerGotIn).isFalse();
            both.close();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(reader.isAlive()).as("reader still blocked after the release").isFalse();
        assertThat(readerGotIn).isTrue();
        assertThat(locks.size()).isZero();
    }

    /**
     * The hot path locks the entry it read from the key's slot; if that entry was reclaimed in
     * between (and the key's next entry is held), it must see the entry dead and queue on the
     * next one, not hold the dead lock beside the next entry's holder. The window is opened by
     * a key whose {@code equals}, called by the hot path between the slot read and the lock,
     * waits. Statistics off: with them, a thread's first acquisition of a lock takes the slow
     * path (it has no statistics stripe there yet).
     */
    @Test
    void theHotPathRetriesAnEntryReclaimedAfterItsSlotWasRead() throws Exception {
        KeyedLocks<GatedKey> locks = KeyedLocks.<GatedKey>builder("slot").idleCapacity(0).statistics(false).build();
        GatedKey key = new GatedKey(7);
        LockHandle first = locks.write(key); // through the map: the entry takes its slot
        Thread stale = new Thread(() -> locks.write(new GatedKey(7)).close(), "stale");
        key.gate(stale);
        stale.start();
        key.awaitGated(); // the stale thread read the entry from the slot and compares keys
        first.close(); // the entry is reclaimed: dead, out of the map and the slot
        assertThat(locks.size()).isZero();
        try (LockHandle next = locks.write(key)) {
            key.open();
            awaitParkedOnALock(stale); // queued on the new entry, not inside with a dead lock
        }
        stale.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(stale.isAlive()).isFalse();
        assertThat(locks.size()).isZero();
    }

    /** A key whose {@code equals}, called in one given thread, waits until the test opens it. */
    private static final class GatedKey {
        private final int id;
        private final CountDownLatch gated = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile Thread gatedThread;

        GatedKey(int id) {
            this.id = id;
        }

        void gate(Thread thread) {
            gatedThread = thread;
        }

        void awaitGated() throws InterruptedException {
            assertThat(gated.await(30, TimeUnit.SECONDS)).as("equals called by the gated thread").isTrue();
        }

        void open() {
            opened.countDown();
        }

        @Override
        public boolean equals(Object other) {
            if (Thread.currentThread() == gatedThread && gated.getCount() > 0) {
                gated.countDown();
                try {
                    opened.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return other instanceof GatedKey that && that.id == id;
        }

        @Override
        public int hashCode() {
            return id;
        }

        @Override
        public String toString() {
            return "key" + id;
        }
    }

    /**
     * Waits (30 s at most) until {@code thread} is parked in a JDK lock's queue. A
     * {@link KeyedLocks} read or write parks nowhere else: the map's slow path synchronizes
     * (BLOCKED, not WAITING), so a parked thread is a queued waiter. The blocker is the JDK
     * lock's sync: an {@link AbstractQueuedSynchronizer} on Java 17, an
     * {@link AbstractQueuedLongSynchronizer} on Java 25, whose {@code ReentrantReadWriteLock}
     * counts holds in a {@code long}.
     */
    private static void awaitParkedOnALock(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(thread.getState() == Thread.State.WAITING && isLockQueue(LockSupport.getBlocker(thread)))) {
            assertThat(thread.isAlive()).as("%s ended without waiting", thread.getName()).isTrue();
            assertThat(System.nanoTime()).as("%s never queued on a lock", thread.getName()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static boolean isLockQueue(Object blocker) {
        return blocker instanceof AbstractQueuedSynchronizer || blocker instanceof AbstractQueuedLongSynchronizer;
    }

    @Test
    void releasingFromAnotherThreadFailsAndKeepsTheKeyPinned() throws Exception {
        KeyedLocks<String> locks = reclaiming("owner");
        LockHandle handle = locks.writeAll(List.of("a", "b"));
        Throwable failure = CompletableFuture.supplyAsync(() -> {
            try {
                handle.close();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(locks.size()).isEqualTo(2);
        handle.close();
        assertThat(locks.size()).isZero();
    }

    /** "Aa" and "BB" share a hash code: the tie-break must still give every thread one order. */
    @Test
    void hashCollisionsStillGiveOneOrder() throws Exception {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        KeyedLocks<String> locks = reclaiming("collisions");
        int[] counter = {0};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> order : List.of(List.of("Aa", "BB"), List.of("BB", "Aa"))) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        try (LockHandle both = locks.writeAll(order)) {
                            counter[0]++;
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter[0]).isEqualTo(10_000);
        assertThat(locks.size()).isZero();
    }

    @Test
    void rejectsNullKeys() {
        KeyedLocks<String> locks = reclaiming("nulls");
        assertThatThrownBy(() -> locks.read(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> locks.write(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> locks.stats(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> locks.writeAll(null)).isInstanceOf(NullPointerException.class).hasMessage("keys");
        assertThatThrownBy(() -> locks.readAll(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> reclaiming(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> reclaiming("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> KeyedLocks.<String>builder("n").keyOrder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("keyOrder");
        assertThat(locks.size()).isZero();
    }
}
