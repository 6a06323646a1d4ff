package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour that needs a second thread: contention, interrupts, optimistic retries, peaks. */
@SuppressWarnings("try") // handles held only for their effect
class MeteredReadWriteLockContentionTest {

    private static final long GENEROUS_SECONDS = 30;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitQueued(MeteredReadWriteLock lock, int threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        while (lock.queueLength() < threads) {
            assertThat(System.nanoTime()).as("threads never queued").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void recordsContendedWaitsAndHoldTimes() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("contended").holdTimeSampling(1).build();
        Future<?> reader;
        try (LockHandle w = lock.write()) {
            reader = pool.submit(() -> lock.read().close());
            awaitQueued(lock, 1);
            Thread.sleep(20);
        }
        reader.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        LockStats stats = lock.stats();
        ModeStats read = stats.read();
        assertThat(read.acquisitions()).isEqualTo(1);
        assertThat(read.contendedAcquisitions()).isEqualTo(1);
        assertThat(read.totalWaitNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(15));
        assertThat(read.maxWaitNanos()).isEqualTo(read.totalWaitNanos());
        assertThat(read.waitPercentileNanos(100)).isEqualTo(read.maxWaitNanos());
        assertThat(read.waitPercentileNanos(50)).isGreaterThanOrEqualTo(read.maxWaitNanos() * 8 / 9);
        ModeStats write = stats.write();
        assertThat(write.acquisitions()).isEqualTo(1);
        assertThat(write.contendedAcquisitions()).isZero();
        assertThat(write.totalHoldNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(write.maxHoldNanos()).isEqualTo(write.totalHoldNanos());
    }

    @Test
    void peakReadersCountsSimultaneousReaders() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("peak");
        int readers = 3;
        CountDownLatch allIn = new CountDownLatch(readers);
        CountDownLatch leave = new CountDownLatch(1);
        for (int i = 0; i < readers; i++) {
            pool.submit(() -> {
                try (LockHandle r = lock.read()) {
                    allIn.countDown();
                    leave.await();
                }
                return null;
            });
        }
        assertThat(allIn.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.stats().currentReaders()).isEqualTo(readers);
        leave.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.stats().peakReaders()).isEqualTo(readers);
        assertThat(lock.stats().currentReaders()).isZero();
    }

    @Test
    void interruptibleAcquisitionStopsOnInterrupt() throws Exception {
        for (boolean statistics : new boolean[] {true, false}) {
            MeteredReadWriteLock lock = MeteredReadWriteLock.builder("interruptible").statistics(statistics).build();
            Thread.currentThread().interrupt();
            assertThatThrownBy(lock::readInterruptibly).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();

            AtomicInteger interrupted = new AtomicInteger();
            Thread waiter;
            try (LockHandle w = lock.write()) {
                waiter = new Thread(() -> {
                    try (LockHandle w2 = lock.writeInterruptibly()) {
                        throw new AssertionError("acquired while the owner held the lock");
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    }
                });
                waiter.start();
                awaitQueued(lock, 1);
                waiter.interrupt();
                waiter.join(TimeUnit.SECONDS.toMillis(GENEROUS_SECONDS));
            }
            assertThat(waiter.isAlive()).isFalse();
            assertThat(interrupted).hasValue(1);
            assertThat(lock.stats().write().acquisitions()).isEqualTo(statistics ? 1 : 0);
            try (LockHandle r = lock.readInterruptibly(); LockHandle r2 = lock.readInterruptibly()) {
                assertThat(lock.stats().currentReaders()).isEqualTo(2);
            }
        }
    }

    @Test
    void timedAcquisitionKeepsTheInterruptAndStillTimesOut() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("timed-interrupt");
        try (LockHandle w = lock.write()) {
            Future<Boolean> keptInterrupt = pool.submit(() -> {
                Thread.currentThread().interrupt();
                try {
                    lock.write(Duration.ofMillis(30)).close();
                    return false;
                } catch (LockTimeoutException e) {
                    return Thread.currentThread().isInterrupted();
                }
            });
            assertThat(keptInterrupt.get(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lock.stats().write().timeouts()).isEqualTo(1);
        try (LockHandle w = lock.write(Duration.ofSeconds(GENEROUS_SECONDS))) {
            assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
        }
    }

    @Test
    void aReaderQueuesBehindAWaitingWriterInsteadOfBargingPastIt() throws Exception {
        // With statistics a reader tries tryLock() first, which would barge past a queued
        // writer; the lock's count of waiting writers is what stops it (writer starvation).
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("no-barging");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Future<?> writer;
        Future<?> lateReader;
        try (LockHandle r = lock.read()) {
            writer = pool.submit(() -> {
                try (LockHandle w = lock.write()) {
                    order.add("writer");
                }
            });
            awaitQueued(lock, 1);
            lateReader = pool.submit(() -> {
                try (LockHandle r2 = lock.read()) {
                    order.add("reader");
                }
            });
            awaitQueued(lock, 2);
            assertThat(order).isEmpty();
        }
        writer.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        lateReader.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        assertThat(order).containsExactly("writer", "reader");
        assertThat(lock.stats().read().contendedAcquisitions()).isEqualTo(1);
        assertThat(lock.stats().write().contendedAcquisitions()).isEqualTo(1);
    }

    @Test
    void writersThatGaveUpNoLongerHoldReadersBack() throws Exception {
        // A writer that timed out or was interrupted while waiting leaves the count of waiting
        // writers as it found it: a reader arriving afterwards takes the fast path, uncontended.
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("writers-gave-up");
        try (LockHandle r = lock.read()) {
            Future<Boolean> timedOut = pool.submit(() -> {
                try {
                    lock.write(Duration.ofMillis(20)).close();
                    return false;
                } catch (LockTimeoutException e) {
                    return true;
                }
            });
            assertThat(timedOut.get(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
            Thread waiter = new Thread(() -> {
                try (LockHandle w = lock.writeInterruptibly()) {
                    throw new AssertionError("acquired while a reader held the lock");
                } catch (InterruptedException expected) {
                    // given up
                }
            });
            waiter.start();
            awaitQueued(lock, 1);
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(GENEROUS_SECONDS));
            assertThat(waiter.isAlive()).isFalse();
            pool.submit(() -> lock.read().close()).get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        }
        ModeStats read = lock.stats().read();
        assertThat(read.acquisitions()).isEqualTo(2);
        assertThat(read.contendedAcquisitions()).isZero();
    }

    @Test
    void aWriterThatWaitedHoldsReadersBackUntilItsReleaseOnly() throws Exception {
        // A writer that waited stays counted while it holds the lock (its decrement is a write to
        // the line every reader loads, kept out of the critical section) and leaves at its
        // release: a reader arriving afterwards takes the fast path, uncontended.
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("writer-waited");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> writer;
        try (LockHandle r = lock.read()) {
            writer = pool.submit(() -> {
                try (LockHandle w = lock.write()) {
                    held.countDown();
                    release.await();
                }
                return null;
            });
            awaitQueued(lock, 1);
        }
        assertThat(held.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        writer.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        pool.submit(() -> lock.read().close()).get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        LockStats stats = lock.stats();
        assertThat(stats.write().contendedAcquisitions()).isEqualTo(1);
        assertThat(stats.read().acquisitions()).isEqualTo(2);
        assertThat(stats.read().contendedAcquisitions()).isZero();
    }

    @Test
    void optimisticReadRetriesUnderTheReadLockAfterAConcurrentWrite() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("optimistic-retry").holdTimeSampling(1).build();
        int[] value = {1};
        AtomicInteger runs = new AtomicInteger();
        int seen = lock.optimisticRead(() -> {
            if (runs.incrementAndGet() == 1) {
                try {
                    pool.submit(() -> {
                        try (LockHandle w = lock.write()) {
                            value[0] = 2;
                        }
                    }).get(GENEROUS_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return -1; // stale: must be discarded
            }
            assertThat(lock.stats().currentReaders()).isEqualTo(1);
            return value[0];
        });
        assertThat(seen).isEqualTo(2);
        assertThat(runs).hasValue(2);
        LockStats stats = lock.stats();
        assertThat(stats.optimisticReads()).isEqualTo(1);
        assertThat(stats.optimisticRetries()).isEqualTo(1);
        assertThat(stats.read().acquisitions()).isEqualTo(1);
    }

    @Test
    void optimisticReadDiscardsAnExceptionFromAnInvalidatedRun() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("optimistic-exception");
        AtomicInteger runs = new AtomicInteger();
        String seen = lock.optimisticRead(() -> {
            if (runs.incrementAndGet() == 1) {
                try {
                    pool.submit(() -> lock.write().close()).get(GENEROUS_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                throw new IndexOutOfBoundsException("half-written state");
            }
            return "consistent";
        });
        assertThat(seen).isEqualTo("consistent");
        assertThatThrownBy(() -> lock.optimisticRead(() -> {
            throw new IllegalStateException("real failure");
        })).isInstanceOf(IllegalStateException.class).hasMessage("real failure");
    }

    @Test
    void timeoutMessageNamesLockModeAndWait() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("ledger");
        try (LockHandle r = lock.read()) {
            Future<LockTimeoutException> failure = pool.submit(() -> {
                try {
                    lock.write(Duration.ofMillis(20)).close();
                    return null;
                } catch (LockTimeoutException e) {
                    return e;
                }
            });
            LockTimeoutException e = failure.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).matches("timed out acquiring WRITE lock 'ledger': waited [0-9.]+ (us|ms|s) \\(timeout 20.0 ms\\)");
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(20));
            assertThat(e.waited()).isPositive();
        }
    }
}
