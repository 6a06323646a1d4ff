package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // handles held only for their effect
class MeteredReadWriteLockTest {

    @Test
    void readAndWriteHandlesReleaseOnClose() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("prices");
        try (LockHandle r = lock.read()) {
            assertThat(lock.stats().currentReaders()).isEqualTo(1);
        }
        try (LockHandle w = lock.write()) {
            assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
        }
        assertThat(lock.isWriteLockedByCurrentThread()).isFalse();
        assertThat(lock.stats().currentReaders()).isZero();
        assertThat(lock.name()).isEqualTo("prices");
    }

    @Test
    void countsAcquisitionsPerMode() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("counts");
        for (int i = 0; i < 3; i++) {
            lock.read().close();
        }
        lock.write().close();
        LockStats stats = lock.stats();
        assertThat(stats.name()).isEqualTo("counts");
        assertThat(stats.statisticsEnabled()).isTrue();
        assertThat(stats.read().acquisitions()).isEqualTo(3);
        assertThat(stats.write().acquisitions()).isEqualTo(1);
        assertThat(stats.read().contendedAcquisitions()).isZero();
        assertThat(stats.read().waitPercentileNanos(99)).isZero();
        assertThat(stats.peakReaders()).isEqualTo(1);
    }

    @Test
    void closingTwiceIsHarmless() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("twice");
        LockHandle outer = lock.read();
        LockHandle inner = lock.read();
        inner.close();
        inner.close();
        assertThat(lock.stats().currentReaders()).isEqualTo(1);
        outer.close();
        assertThat(lock.stats().currentReaders()).isZero();
    }

    @Test
    void releasingFromAnotherThreadFailsLoudly() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("owner");
        LockHandle write = lock.write();
        LockHandle read = lock.read();
        assertThat(failureOfCloseInOtherThread(write)).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(failureOfCloseInOtherThread(read)).isInstanceOf(IllegalMonitorStateException.class);
        // The failed close left both handles open: the owner can still release them.
        read.close();
        write.close();
        assertThat(lock.isWriteLockedByCurrentThread()).isFalse();
        lock.write().close();
    }

    private static Throwable failureOfCloseInOtherThread(LockHandle handle) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                handle.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        return failure.get();
    }

    @Test
    void timedAcquisitionFailsWhileAWriterHoldsTheLock() throws Exception {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("quotes");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (LockHandle w = lock.write()) {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> lock.read(Duration.ofMillis(50)))
                    .isInstanceOfSatisfying(LockTimeoutException.class, e -> {
                        assertThat(e.lockName()).isEqualTo("quotes");
                        assertThat(e.mode()).isEqualTo(LockMode.READ);
                        assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
                        assertThat(e.waited()).isLessThan(Duration.ofSeconds(30));
                        assertThat(e.getMessage()).contains("quotes", "READ", "waited");
                    });
            assertThatThrownBy(() -> lock.write(Duration.ZERO))
                    .isInstanceOfSatisfying(LockTimeoutException.class,
                            e -> assertThat(e.mode()).isEqualTo(LockMode.WRITE));
        } finally {
            done.countDown();
            writer.join();
        }
        assertThat(lock.stats().read().timeouts()).isEqualTo(1);
        assertThat(lock.stats().write().timeouts()).isEqualTo(1);
        try (LockHandle r = lock.read(Duration.ofSeconds(10))) {
            assertThat(lock.stats().currentReaders()).isEqualTo(1);
        }
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        assertThatThrownBy(() -> MeteredReadWriteLock.create(null))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> MeteredReadWriteLock.builder(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("bad");
        assertThatThrownBy(() -> lock.read(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> lock.write(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> lock.optimisticRead(null))
                .isInstanceOf(NullPointerException.class).hasMessage("reader");
    }

    @Test
    void optimisticReadReturnsTheValueAndCounts() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("optimistic").holdTimeSampling(1).build();
        assertThat(lock.optimisticRead(() -> 42)).isEqualTo(42);
        LockStats stats = lock.stats();
        assertThat(stats.optimisticReads()).isEqualTo(1);
        assertThat(stats.optimisticRetries()).isZero();
        assertThat(stats.read().acquisitions()).isZero();
    }

    @Test
    void optimisticReadLongReturnsTheSectionsValue() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("optimistic-long").holdTimeSampling(1).build();
        assertThat(lock.optimisticReadLong(() -> 1L << 40)).isEqualTo(1L << 40);
        assertThat(lock.stats().optimisticReads()).isEqualTo(1);
        assertThatThrownBy(() -> lock.optimisticReadLong(null))
                .isInstanceOf(NullPointerException.class).hasMessage("reader");
    }

    @Test
    void byDefaultOnlyOptimisticRetriesAreCounted() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("optimistic-default");
        for (int i = 0; i < 1_000; i++) {
            assertThat(lock.optimisticRead(() -> 1)).isEqualTo(1);
        }
        LockStats stats = lock.stats();
        assertThat(stats.optimisticReads()).isEqualTo(LockStats.NOT_COUNTED);
        assertThat(stats.optimisticRetries()).isZero();
        assertThat(stats.read().acquisitions()).isZero();
    }

    @Test
    void stampsValidateUntilAWriteBegins() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("stamps");
        long fresh = lock.tryOptimisticRead();
        assertThat(fresh).isNotZero();
        assertThat(lock.validate(fresh)).isTrue();
        assertThat(lock.validate(0L)).isFalse();
        try (LockHandle w = lock.write()) {
            assertThat(lock.validate(fresh)).as("a write section is open").isFalse();
            assertThat(lock.tryOptimisticRead()).as("no stamp while writing").isZero();
            try (LockHandle again = lock.write()) {
                assertThat(lock.tryOptimisticRead()).as("reentrant write keeps it odd").isZero();
            }
            assertThat(lock.tryOptimisticRead()).as("outer write still open").isZero();
        }
        long after = lock.tryOptimisticRead();
        assertThat(after).isNotZero().isNotEqualTo(fresh);
        assertThat(lock.validate(fresh)).isFalse();
        assertThat(lock.validate(after)).isTrue();
        try (LockHandle r = lock.read()) {
            assertThat(lock.validate(after)).as("reads do not invalidate").isTrue();
        }
    }

    /**
     * The version word is created by the first optimistic read: never inside a write section,
     * whose writer found no word to bump, so a stamp taken then would validate a torn read.
     */
    @Test
    void firstStampIsRefusedWhileAWriteSectionIsOpen() throws Exception {
        MeteredReadWriteLock own = MeteredReadWriteLock.create("first-stamp-own");
        try (LockHandle w = own.write()) {
            assertThat(own.tryOptimisticRead()).as("inside the caller's own write section").isZero();
        }
        long afterOwn = own.tryOptimisticRead();
        assertThat(own.validate(afterOwn)).isTrue();

        MeteredReadWriteLock other = MeteredReadWriteLock.create("first-stamp-other");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (LockHandle w = other.write()) {
                writing.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        writing.await();
        assertThat(other.tryOptimisticRead()).as("another thread's write section is open").isZero();
        done.countDown();
        writer.join();
        long stamp = other.tryOptimisticRead();
        assertThat(other.validate(stamp)).isTrue();
        try (LockHandle w = other.write()) {
            assertThat(other.validate(stamp)).as("writes bump the word once it exists").isFalse();
        }
    }

    /** A lock used a few times has exact hold figures even with the default sampling. */
    @Test
    void firstHoldsAreTimedExactlyWithDefaultSampling() throws InterruptedException {
        MeteredReadWriteLock lock = MeteredReadWriteLock.create("first-holds");
        try (LockHandle w = lock.write()) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        ModeStats write = lock.stats().write();
        assertThat(write.acquisitions()).isEqualTo(1);
        assertThat(write.totalHoldNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(write.maxHoldNanos()).isEqualTo(write.totalHoldNanos());
    }

    @Test
    void statisticsOffRecordsNothing() throws ExecutionException, InterruptedException {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("quiet").statistics(false).build();
        lock.read().close();
        lock.write().close();
        CompletableFuture.runAsync(() -> lock.optimisticRead(() -> 1)).get();
        LockStats stats = lock.stats();
        assertThat(stats.statisticsEnabled()).isFalse();
        assertThat(stats.read()).isEqualTo(ModeStats.EMPTY);
        assertThat(stats.write()).isEqualTo(ModeStats.EMPTY);
        assertThat(stats.optimisticReads()).isZero();
    }

    @Test
    void isReentrantAndDowngrades() {
        MeteredReadWriteLock lock = MeteredReadWriteLock.builder("reentrant").fair(true).build();
        assertThat(lock.isFair()).isTrue();
        try (LockHandle outer = lock.write()) {
            try (LockHandle inner = lock.write()) {
                assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
            }
            assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
            // The writer may read, optimistically too: that falls back to the read lock.
            assertThat(lock.optimisticRead(() -> "mine")).isEqualTo("mine");
            LockHandle downgraded = lock.read();
            outer.close();
            assertThat(lock.isWriteLockedByCurrentThread()).isFalse();
            assertThat(lock.stats().currentReaders()).isEqualTo(1);
            downgraded.close();
        }
        LockStats stats = lock.stats();
        assertThat(stats.write().acquisitions()).isEqualTo(2);
        assertThat(stats.read().acquisitions()).isEqualTo(2);
        assertThat(stats.optimisticRetries()).isEqualTo(1);
        // The optimistic-read version was released with the outermost write: a new optimistic
        // read succeeds without the lock.
        assertThat(lock.optimisticRead(() -> 7)).isEqualTo(7);
        assertThat(lock.stats().optimisticRetries()).isEqualTo(1);
    }

    @Test
    void holdTimeSamplingIsAPowerOfTwo() {
        MeteredReadWriteLock.Builder builder = MeteredReadWriteLock.builder("sampled");
        assertThatThrownBy(() -> builder.holdTimeSampling(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("everyNth");
        assertThatThrownBy(() -> builder.holdTimeSampling(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("everyNth");
        MeteredReadWriteLock lock = builder.holdTimeSampling(4).build();
        for (int i = 0; i < 1000; i++) {
            lock.write().close();
        }
        // About 250 of the 1000 holds were measured, each counted four times; all were counted.
        assertThat(lock.stats().write().acquisitions()).isEqualTo(1000);
        assertThat(lock.stats().write().totalHoldNanos()).isPositive();
    }
}
