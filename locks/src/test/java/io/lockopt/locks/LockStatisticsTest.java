package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The recorder, the histogram and the percentiles computed from them. */
class LockStatisticsTest {

    @Test
    void histogramBucketsAreMonotoneAndWithinAnEighth() {
        SplittableRandom random = new SplittableRandom(42);
        int previousBucket = -1;
        for (long v = 0; v < 5_000; v++) {
            int bucket = LogHistogram.bucketOf(v);
            assertThat(bucket).isGreaterThanOrEqualTo(previousBucket);
            assertThat(LogHistogram.highestValueIn(bucket)).isBetween(v, v + v / 8);
            previousBucket = bucket;
        }
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong(LogHistogram.MAX_TRACKABLE);
            long highest = LogHistogram.highestValueIn(LogHistogram.bucketOf(v));
            assertThat(highest).isBetween(v, v + v / 8);
        }
        assertThat(LogHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LogHistogram.BUCKET_COUNT - 1);
        assertThat(LogHistogram.bucketOf(-5)).isZero();
    }

    @Test
    void percentilesCountUncontendedAcquisitionsAsZeroWait() {
        ConcurrentLockStatsRecorder recorder = new ConcurrentLockStatsRecorder(1);
        for (int i = 0; i < 90; i++) {
            recorder.startAcquisition(LockMode.WRITE);
        }
        for (int i = 1; i <= 10; i++) {
            recorder.startAcquisition(LockMode.WRITE);
            recorder.recordWait(LockMode.WRITE, i * 1_000_000L);
        }
        ModeStats write = recorder.snapshot("p", 0).write();
        assertThat(write.acquisitions()).isEqualTo(100);
        assertThat(write.contendedAcquisitions()).isEqualTo(10);
        assertThat(write.totalWaitNanos()).isEqualTo(55_000_000L);
        assertThat(write.maxWaitNanos()).isEqualTo(10_000_000L);
        assertThat(write.waitPercentileNanos(0)).isZero();
        assertThat(write.waitPercentileNanos(90)).isZero();
        assertThat(write.waitPercentileNanos(95)).isBetween(5_000_000L, 5_000_000L + 5_000_000L / 8);
        assertThat(write.waitPercentileNanos(100)).isEqualTo(10_000_000L);
        assertThat(recorder.snapshot("p", 0).read()).isEqualTo(ModeStats.EMPTY);
    }

    @Test
    void samplingTicketsTimeTheFirstHoldsThenAboutOneInN() {
        ConcurrentLockStatsRecorder recorder = new ConcurrentLockStatsRecorder(16);
        int sampled = 0;
        for (int i = 0; i < 16_000 + ConcurrentLockStatsRecorder.EXACT_HOLDS; i++) {
            boolean timed = recorder.startAcquisition(LockMode.READ);
            if (i < ConcurrentLockStatsRecorder.EXACT_HOLDS) {
                assertThat(timed).as("acquisition %d is timed", i).isTrue();
            } else if (timed) {
                sampled++;
            }
        }
        // Deterministic for one thread: the hashed tickets are equidistributed, so close to 1000.
        assertThat(sampled).isBetween(900, 1100);
        assertThat(recorder.snapshot("s", 0).read().acquisitions())
                .isEqualTo(16_000 + ConcurrentLockStatsRecorder.EXACT_HOLDS);
        assertThat(new ConcurrentLockStatsRecorder(1).startAcquisition(LockMode.WRITE)).isTrue();
    }

    @Test
    void stripesAddUpAcrossThreads() throws InterruptedException {
        ConcurrentLockStatsRecorder recorder = new ConcurrentLockStatsRecorder(1);
        Thread[] threads = new Thread[ConcurrentLockStatsRecorder.STRIPES + 3];
        for (int t = 0; t < threads.length; t++) {
            long wait = t + 1;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    recorder.startAcquisition(LockMode.WRITE);
                    recorder.recordWait(LockMode.WRITE, wait);
                    recorder.recordHold(LockMode.WRITE, wait);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        ModeStats write = recorder.snapshot("s", 0).write();
        long n = threads.length;
        assertThat(write.acquisitions()).isEqualTo(n * 1_000);
        assertThat(write.contendedAcquisitions()).isEqualTo(n * 1_000);
        assertThat(write.totalWaitNanos()).isEqualTo(1_000 * n * (n + 1) / 2);
        assertThat(write.totalHoldNanos()).isEqualTo(1_000 * n * (n + 1) / 2);
        assertThat(write.maxWaitNanos()).isEqualTo(n);
        assertThat(write.maxHoldNanos()).isEqualTo(n);
        assertThat(write.waitPercentileNanos(100)).isEqualTo(n);
    }

    @Test
    void holdsAfterTheExactPhaseStandForTheirSample() {
        ConcurrentLockStatsRecorder recorder = new ConcurrentLockStatsRecorder(4);
        assertThat(recorder.startAcquisition(LockMode.WRITE)).isTrue();
        recorder.recordHold(LockMode.WRITE, 100); // one of the first holds: stands for itself
        for (int i = 1; i <= ConcurrentLockStatsRecorder.EXACT_HOLDS; i++) {
            recorder.startAcquisition(LockMode.WRITE);
        }
        recorder.recordHold(LockMode.WRITE, 100); // past the exact phase: a sample of one in 4
        assertThat(recorder.snapshot("w", 0).write().totalHoldNanos()).isEqualTo(100 + 4 * 100);
    }

    @Test
    void percentileArgumentIsChecked() {
        assertThat(ModeStats.EMPTY.waitPercentileNanos(50)).isZero();
        assertThatThrownBy(() -> ModeStats.EMPTY.waitPercentileNanos(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
        assertThatThrownBy(() -> ModeStats.EMPTY.waitPercentileNanos(100.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
        assertThatThrownBy(() -> ModeStats.EMPTY.waitPercentileNanos(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
    }

    @Test
    void recorderTracksHoldsTimeoutsPeaksAndOptimisticReads() {
        ConcurrentLockStatsRecorder recorder = new ConcurrentLockStatsRecorder(1);
        recorder.recordHold(LockMode.READ, 100);
        recorder.recordHold(LockMode.READ, 300);
        recorder.startAcquisition(LockMode.READ);
        recorder.abandonAcquisition(LockMode.READ, true);
        recorder.recordReadHolds(3);
        recorder.recordReadHolds(2);
        recorder.recordOptimisticRead();
        recorder.recordOptimisticRetry();
        LockStats stats = recorder.snapshot("r", 1);
        assertThat(stats.read().totalHoldNanos()).isEqualTo(400);
        assertThat(stats.read().maxHoldNanos()).isEqualTo(300);
        assertThat(stats.read().timeouts()).isEqualTo(1);
        assertThat(stats.read().acquisitions()).as("a timed-out attempt is not an acquisition").isZero();
        assertThat(stats.peakReaders()).isEqualTo(3);
        assertThat(stats.currentReaders()).isEqualTo(1);
        assertThat(stats.optimisticReads()).isEqualTo(2);
        assertThat(stats.optimisticRetries()).isEqualTo(1);
        assertThat(stats.mode(LockMode.READ)).isSameAs(stats.read());
        assertThat(stats.read().toString()).contains("timeouts=1", "max=300ns");
    }
}
