package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * What the primitives cost in memory, measured with JOL as the running JVM lays the objects
 * out (compressed oops and class pointers on the default heap): the whole object graph
 * reachable from an instance, shared constants excluded by measuring a difference where they
 * would otherwise count. Prints the figures quoted in docs/benchmarks.md and checks the
 * budgets of issue 13: a metered lock with statistics off at most twice a
 * {@code ReentrantReadWriteLock}, a live {@code KeyedLocks} key with statistics off at most
 * 256 bytes.
 */
class FootprintTest {

    private static final int KEYS = 1_000;

    /** Bytes of the graph of {@code root} minus those of {@code shared} (e.g. the class's constants). */
    private static long bytes(Object root) {
        return GraphLayout.parseInstance(root).totalSize();
    }

    @Test
    void meteredLockWithoutStatisticsCostsAtMostTwiceTheJdkLock() {
        long jdk = bytes(new ReentrantReadWriteLock());
        MeteredReadWriteLock plain = MeteredReadWriteLock.builder("footprint").statistics(false).build();
        MeteredReadWriteLock metered = MeteredReadWriteLock.builder("footprint").build();
        // The name and the shared DISABLED recorder are reachable from the lock; the name is the
        // caller's string, the recorder a constant shared by every lock: neither is per lock.
        long shared = GraphLayout.parseInstance("footprint", LockStatsRecorder.DISABLED).totalSize();
        long plainBytes = bytes(plain) - shared;
        long meteredBytes = bytes(metered) - GraphLayout.parseInstance("footprint").totalSize();
        System.out.printf(Locale.ROOT, "footprint: ReentrantReadWriteLock %d B, MeteredReadWriteLock statistics off %d B,"
                + " statistics on %d B (before the first contended wait, which adds the wait histograms)%n",
                jdk, plainBytes, meteredBytes);
        assertThat(plainBytes).isLessThanOrEqualTo(2 * jdk);
        assertThat(meteredBytes).isGreaterThan(plainBytes);
    }

    /** The padded seqlock word exists only once the lock has been read optimistically. */
    @Test
    void optimisticReadsAddThePaddedVersionWordOnFirstUse() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("footprint").statistics(false).build();
        long before = bytes(lock);
        assertThat(lock.validate(lock.tryOptimisticRead())).isTrue();
        long word = bytes(lock) - before;
        System.out.printf(Locale.ROOT, "footprint: the version word of optimistic reads adds %d B%n", word);
        // Two lines of padding each side of one long: between 2 and 5 cache lines.
        assertThat(word).isBetween(128L + 8, 5 * 64L);
    }

    @Test
    void liveKeyWithoutStatisticsCostsAtMost256Bytes() {
        KeyedLocks<Integer> locks = KeyedLocks.<Integer>builder("k").statistics(false).idleCapacity(0).build();
        long empty = bytes(locks);
        List<KeyedLocks.Retention> retained = new ArrayList<>();
        for (int key = 0; key < KEYS; key++) {
            retained.add(locks.retain(1_000_000 + key));
        }
        // Includes the boxed key, the map node and the map's table growth, the entry, its lock,
        // and the lock's name ("k[1000123]"), which KeyedLocks builds per key.
        long perKey = (bytes(locks) - empty - GraphLayout.parseInstance(LockStatsRecorder.DISABLED).totalSize()) / KEYS;
        System.out.printf(Locale.ROOT, "footprint: KeyedLocks, statistics off: %d B per live key%n", perKey);
        assertThat(locks.size()).isEqualTo(KEYS);
        assertThat(perKey).isLessThanOrEqualTo(256);
        retained.forEach(KeyedLocks.Retention::close);
        assertThat(locks.size()).isZero();
    }
}
