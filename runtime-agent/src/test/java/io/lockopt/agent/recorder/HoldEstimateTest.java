package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.locks.ReentrantLock;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.bootstrap.LockSink;
import io.lockopt.agent.wire.Snapshot;

/**
 * The hold estimate of a hot lock, driven with known holds (no clock involved): short holds are
 * sampled one in {@link ThreadLockStats#SAMPLE_EVERY}, long ones (see {@link HoldTicks}) counted
 * once each, and the total comes within 1% of the truth where the count-only sample was off by
 * a factor.
 */
class HoldEstimateTest {
    private static final int ACQUISITIONS = 500_000;
    /** Every this many acquisitions (a prime, so never in step with the sampling) one is long. */
    private static final int LONG_EVERY = 9_973;
    private static final long LONG_HOLD = 40_000_000L;

    /** 300..900 ns, varying with a period of 7; every {@link #LONG_EVERY}th 40 ms. */
    private static long hold(int i) {
        return i % LONG_EVERY == LONG_EVERY - 1 ? LONG_HOLD : 300 + (i % 7) * 100L;
    }

    private static boolean isLong(long nanos) {
        return nanos >= HoldTicks.LONG_HOLD_TICKS * HoldTicks.TICK_NANOS;
    }

    /** Drives {@code stats} as the recorder does; {@code strata}: whether long holds are told apart. */
    private static long exactTotal(ThreadLockStats stats, boolean strata) {
        long exact = 0;
        for (int i = 0; i < ACQUISITIONS; i++) {
            boolean timed = stats.timesNext();
            stats.acquired(LockSink.EXCLUSIVE);
            long nanos = hold(i);
            exact += nanos;
            boolean longHold = strata && isLong(nanos);
            if (timed) {
                stats.held(nanos, null, longHold);
            } else if (longHold) {
                stats.heldUntimed(nanos, null);
            }
        }
        return exact;
    }

    @Test
    void longHoldsCountedOnceAndShortOnesSampledGiveTheTotalWithinOnePercent() {
        ThreadLockStats stats = new ThreadLockStats(null);
        long exact = exactTotal(stats, true);

        assertThat((double) stats.holdNanos()).isCloseTo(exact, within(0.01 * exact));
        Histogram holds = new Histogram(3);
        stats.drainHolds(holds);
        // Weighted count: every acquisition once, up to two sampling intervals (0.1%).
        assertThat(holds.getTotalCount()).isBetween(ACQUISITIONS - 2 * ThreadLockStats.SAMPLE_EVERY,
                ACQUISITIONS + 2 * ThreadLockStats.SAMPLE_EVERY);
        // Each long hold counted exactly once, none weighted by the interval.
        assertThat(holds.getCountBetweenValues(LONG_HOLD / 2, LONG_HOLD * 2)).isEqualTo(ACQUISITIONS / LONG_EVERY);
    }

    @Test
    void theCountOnlySampleOfTheSameHoldsIsOffByMoreThanHalf() {
        ThreadLockStats stats = new ThreadLockStats(null);
        long exact = exactTotal(stats, false);

        // What the estimate was before long holds were a stratum: they are lost unless sampled,
        // and a sampled one counts 256 times.
        assertThat(Math.abs(stats.holdNanos() - exact)).isGreaterThan(exact / 2);
    }

    @Test
    void aHoldSpanningTwoTicksIsCountedOnceWithItsLengthFromTheTicks() {
        InstrumentedSites sites = new InstrumentedSites();
        long start = System.nanoTime() - 3_000_000_000L;
        HoldTicks ticks = new HoldTicks(start);
        LockRecorder recorder = new LockRecorder(sites, 100, LockEvents.NONE, false, ticks);
        assertThat(LockHooks.attach(recorder)).isTrue();
        try {
            ReentrantLock lock = new ReentrantLock();
            int take = sites.register("t.Target", null, "run", 1, "t.Target.lock", "field", "lock").id();
            int release = sites.register("t.Target", null, "run", 2, "t.Target.lock", "field", "unlock").id();
            for (int i = 0; i < 5_000; i++) { // hot and short: sampled from the 1024th on
                LockHooks.lock(lock, take);
                LockHooks.unlock(lock, release);
            }
            Snapshot.LockStats before = lock(recorder);

            // Two long holds in a row: at most one of them is the sampled one (timed for real, a
            // few microseconds here, the ticks being the test's), the other is estimated from the ticks.
            for (int tick = 1; tick <= 4; tick += 2) {
                LockHooks.lock(lock, take);
                ticks.advance(start + tick * 10_000_000L);
                ticks.advance(start + (tick + 1) * 10_000_000L);
                LockHooks.unlock(lock, release);
            }
            Snapshot.LockStats after = lock(recorder);

            assertThat(after.acquisitions()).isEqualTo(5_002);
            assertThat(after.holds().getTotalCount() - before.holds().getTotalCount()).as("each once").isEqualTo(2);
            // The untimed one was acquired between two ticks at most start + 30 ms: 2.97 s ago or more.
            assertThat(after.holdNanos() - before.holdNanos()).isGreaterThanOrEqualTo(2_970_000_000L)
                    .as("neither weighted by the sampling interval").isLessThan(256L * 3_000_000_000L);
        } finally {
            LockHooks.detach(recorder);
            recorder.close();
        }
    }

    private static Snapshot.LockStats lock(LockRecorder recorder) {
        Snapshot snapshot = recorder.snapshot(new SnapshotRequest("secret", 1, false, null, 0L, 0L, 1, 0L));
        return snapshot.locks().stream().filter(l -> "t.Target.lock".equals(l.label())).findFirst().orElseThrow();
    }
}
