package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VolatileIncrementTest {
    private final RuleTester tester = RuleTester.of(new VolatileIncrement());

    @Test
    void positive() {
        tester.check("""
                class Stats {
                    private volatile long hits;
                    private volatile int misses;
                    private static volatile int errors;

                    void record() {
                        hits++; // expect-low: VolatileIncrement Stats.hits
                        --misses; // expect-low: VolatileIncrement
                        this.hits += 2; // expect-low: VolatileIncrement
                        errors = errors + 1; // expect-low: VolatileIncrement
                    }
                    void forget() {
                        hits--; // expect-low: VolatileIncrement
                    }
                }
                """);
    }

    @Test
    void negative() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Stats {
                    private volatile long hits;
                    private long plain;
                    private volatile boolean open;
                    private final Lock lock = new ReentrantLock();

                    Stats() {
                        hits++;
                    }

                    synchronized void locked() {
                        hits++;
                    }

                    void underLock() {
                        lock.lock();
                        try {
                            hits += 1;
                        } finally {
                            lock.unlock();
                        }
                    }

                    /** Called only by the owner of this object's monitor. */
                    private void checkedOut() {
                        assert Thread.holdsLock(this);
                        hits--;
                    }

                    void fine(long hits) {
                        plain++;
                        open = true;
                        this.hits = 5;
                        hits++;
                        long local = 0;
                        local++;
                    }
                }
                """);
    }

    /** A boolean that only ever moves one way, a running total, or a field one method updates is low-confidence. */
    @Test
    void oneWayFlagsAndComputedTotalsAreLowConfidence() {
        tester.check("""
                class Client {
                    private volatile boolean seenReadWrite;
                    private volatile long hash;
                    private volatile int hits;
                    void connected(boolean readOnly, long digest) {
                        seenReadWrite |= !readOnly; // expect-low: VolatileIncrement
                        hash += digest; // expect-low: VolatileIncrement
                        hits += 1; // expect-low: VolatileIncrement
                    }
                    void disconnected(long digest) {
                        seenReadWrite &= true; // expect-low: VolatileIncrement
                        hash -= digest; // expect-low: VolatileIncrement
                        hits -= 1; // expect-low: VolatileIncrement
                    }
                }
                """);
    }

    /** bookkeeper's hash map sections extend StampedLock and update their volatile size under writeLock(). */
    @Test
    void aClassThatIsAStampedLockHoldsItselfWithItsOwnWriteLock() {
        tester.check("""
                import java.util.concurrent.locks.StampedLock;
                final class Section extends StampedLock {
                    private volatile int size;
                    void put() {
                        long stamp = writeLock();
                        try {
                            ++size;
                        } finally {
                            unlockWrite(stamp);
                        }
                    }
                    void remove() {
                        long stamp = writeLock();
                        try {
                            size--;
                        } finally {
                            unlockWrite(stamp);
                        }
                    }
                    int size() { return size; }
                }
                """);
    }

    /**
     * The class shows concurrent writers (it updates the field under a lock, or atomically,
     * elsewhere): said in {@code otherWritersShown}; still low, as every update is (held-out record).
     */
    @Test
    void updatesBesideLockedOrAtomicUpdatesOfTheSameFieldSayOtherWritersAreShown() {
        var findings = tester.check("""
                import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
                class Pool {
                    private static final AtomicIntegerFieldUpdater<Pool> REFS =
                            AtomicIntegerFieldUpdater.newUpdater(Pool.class, "refs");
                    private volatile int refs;
                    private volatile int permits;
                    private volatile int size;
                    void retain() {
                        REFS.incrementAndGet(this);
                    }
                    void release() {
                        refs--; // expect-low: VolatileIncrement Pool.refs
                    }
                    synchronized void acquire() {
                        permits--;
                    }
                    void giveBack() {
                        permits++; // expect-low: VolatileIncrement Pool.permits
                        permits += size; // expect-low: VolatileIncrement
                    }
                    void onNext() {
                        size++; // expect-low: VolatileIncrement
                    }
                    void onComplete() {
                        size++; // expect-low: VolatileIncrement
                    }
                }
                """);
        assertThat(findings).extracting(f -> f.properties().get("otherWritersShown"))
                .containsExactly("true", "true", "false", "false", "false");
    }

    /**
     * mongodb's pool: the update beside the locked ones runs in a lambda that a lock runner
     * ({@code withLock(lock, () -> ..)}) runs holding that lock: every update holds it. A helper not
     * named for locking that is handed the lock is no evidence either way (low).
     */
    @Test
    void anUpdateInALambdaALockRunnerRunsHoldsTheLock() {
        tester.check("""
                import java.util.concurrent.locks.*;
                class Permits {
                    private final ReentrantLock lock = new ReentrantLock();
                    private volatile int permits;
                    void acquire() {
                        lock.lock();
                        try {
                            permits--;
                        } finally {
                            lock.unlock();
                        }
                    }
                    void release() {
                        withLock(lock, () -> permits++);
                    }
                    void take() {
                        guarded(lock, () -> permits--); // expect-low: VolatileIncrement Permits.permits
                    }
                    private static void guarded(Lock lock, Runnable action) {
                        lock.lock();
                        try {
                            action.run();
                        } finally {
                            lock.unlock();
                        }
                    }
                    private static void withLock(Lock lock, Runnable action) {
                        lock.lock();
                        try {
                            action.run();
                        } finally {
                            lock.unlock();
                        }
                    }
                }
                """);
    }
}
