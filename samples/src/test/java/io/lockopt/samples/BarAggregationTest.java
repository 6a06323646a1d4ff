package io.lockopt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BarAggregationTest {
    private static final long S = 1_000_000_000L;
    private static final Duration ONE_S = Duration.ofSeconds(1);
    private static final Duration FIVE_S = Duration.ofSeconds(5);

    private static RealtimeDataManager manager(LockStrategy strategy) {
        return RealtimeDataManager.builder("test").timeframes(FIVE_S, ONE_S).strategy(strategy).build();
    }

    /** Ticks across two 1 s boundaries and one 5 s boundary, OHLCV computed by hand. */
    @Test
    void matchesHandComputedBars() {
        RealtimeDataManager m = manager(LockStrategy.READ_WRITE);
        m.onTick(10.0, 5, 3 * S);             // [3s,4s) open 10
        m.onTick(12.0, 1, 3 * S + 100);       // high 12
        m.onTick(9.0, 2, 3 * S + 900_000_000); // low 9, close 9
        m.onTick(11.0, 3, 4 * S + 1);          // closes [3s,4s); [4s,5s) 11
        m.onTick(11.5, 4, 5 * S);              // closes [4s,5s); closes 5s bar [0,5s)
        m.onTick(11.2, 6, 5 * S + 10);

        assertThat(m.bars(ONE_S, 10)).containsExactly(
                new Bar(ONE_S, 3 * S, 10.0, 12.0, 9.0, 9.0, 8, 3),
                new Bar(ONE_S, 4 * S, 11.0, 11.0, 11.0, 11.0, 3, 1));
        assertThat(m.bars(ONE_S, 10, true)).last()
                .isEqualTo(new Bar(ONE_S, 5 * S, 11.5, 11.5, 11.2, 11.2, 10, 2));
        assertThat(m.bars(FIVE_S, 10)).containsExactly(new Bar(FIVE_S, 0, 10.0, 12.0, 9.0, 11.0, 11, 4));
        assertThat(m.bars(FIVE_S, 10, true)).hasSize(2).last()
                .isEqualTo(new Bar(FIVE_S, 5 * S, 11.5, 11.5, 11.2, 11.2, 10, 2));
        assertThat(m.lastPrice()).hasValue(11.2);
        assertThat(m.stats().ticksAccepted()).isEqualTo(6);
        assertThat(m.stats().barsClosed()).isEqualTo(3);
    }

    @Test
    void barsReturnsNewestLastAndHonoursN() {
        RealtimeDataManager m = manager(LockStrategy.EXCLUSIVE);
        for (int i = 0; i < 10; i++) {
            m.onTick(100 + i, 1, i * S);
        }
        List<Bar> lastThree = m.bars(ONE_S, 3);
        assertThat(lastThree).extracting(Bar::startNanos).containsExactly(6 * S, 7 * S, 8 * S);
        assertThat(m.bars(ONE_S, 3, true)).extracting(Bar::startNanos).containsExactly(7 * S, 8 * S, 9 * S);
        assertThat(m.bars(ONE_S, 0, true)).isEmpty();
    }

    @Test
    void historyIsBounded() {
        RealtimeDataManager m = RealtimeDataManager.builder("bounded").timeframes(ONE_S).historySize(4).build();
        for (int i = 0; i < 20; i++) {
            m.onTick(50, 1, i * S);
        }
        assertThat(m.bars(ONE_S, 100)).extracting(Bar::startNanos).containsExactly(15 * S, 16 * S, 17 * S, 18 * S);
        assertThat(m.stats().barsClosed()).isEqualTo(19);
    }

    @Test
    void recentTicksAreNewestInAppendOrder() {
        RealtimeDataManager m = RealtimeDataManager.builder("ticks").tickBufferCapacity(8).build();
        for (int i = 1; i <= 20; i++) {
            m.onTick(i, i, i * 1000L);
        }
        assertThat(m.recentTicks(3)).extracting(Tick::price).containsExactly(18.0, 19.0, 20.0);
        assertThat(m.recentTicks(100)).hasSize(8);
    }

    @Test
    void listenersSeeEveryClosedBarWithoutTheLockHeld() throws Exception {
        for (LockStrategy strategy : LockStrategy.values()) {
            RealtimeDataManager m = manager(strategy);
            java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
            java.util.List<Bar> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            m.addListener(bar -> {
                // Another thread must be able to read (and a writer would block) while we are called.
                try {
                    other.submit(() -> m.onTick(1.0, 0, bar.endNanos())).get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("listener called with a lock held (" + strategy + ")", e);
                }
                seen.add(bar);
            });
            m.onTick(10, 1, 0);
            m.onTick(10, 1, 2 * S);
            other.shutdown();
            assertThat(m.stats().listenerFailures()).as(strategy.name()).isZero();
            assertThat(seen).as(strategy.name()).extracting(Bar::startNanos).contains(0L);
        }
    }

    @Test
    void faultyListenerIsCountedAndOthersStillCalled() {
        RealtimeDataManager m = manager(LockStrategy.FINE_GRAINED);
        java.util.List<Bar> seen = new java.util.ArrayList<>();
        m.addListener(bar -> {
            throw new IllegalStateException("boom");
        });
        m.addListener(seen::add);
        m.onTick(10, 1, 0);
        m.onTick(10, 1, 6 * S);
        assertThat(seen).hasSize(2);
        assertThat(m.stats().listenerFailures()).isEqualTo(2);
    }
}
