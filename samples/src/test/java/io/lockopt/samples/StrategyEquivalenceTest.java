package io.lockopt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The same tick stream, bad ticks and bar boundaries included, gives identical results under every strategy. */
class StrategyEquivalenceTest {
    private static final Duration[] TIMEFRAMES = {Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    record Observed(List<List<Bar>> bars, Double lastPrice, List<Tick> recent, long accepted, long rejected,
            long closed, List<Bar> published) {
    }

    private static Observed feed(LockStrategy strategy) {
        RealtimeDataManager m = RealtimeDataManager.builder("eq").timeframes(TIMEFRAMES).historySize(500)
                .tickBufferCapacity(64).lateTolerance(Duration.ofMillis(30)).strategy(strategy).build();
        List<Bar> published = new ArrayList<>();
        m.addListener(published::add);
        SplittableRandom random = new SplittableRandom(7);
        long t = 0;
        double price = 100;
        for (int i = 0; i < 20_000; i++) {
            t += random.nextLong(1_000_000, 3_000_000);
            price = Math.max(0.01, price + random.nextDouble(-0.5, 0.5));
            int kind = random.nextInt(100);
            if (kind == 0) {
                m.onTick(Double.NaN, 1, t);
            } else if (kind == 1) {
                m.onTick(-price, 1, t);
            } else if (kind == 2) {
                m.onTick(price, -1, t);
            } else if (kind == 3) {
                m.onTick(price, 1, t - random.nextLong(0, 200_000_000)); // late: some within tolerance
            } else {
                m.onTick(price, random.nextInt(1, 50), t);
            }
        }
        List<List<Bar>> bars = new ArrayList<>();
        for (Duration timeframe : TIMEFRAMES) {
            bars.add(m.bars(timeframe, 1_000, true));
        }
        ManagerStats stats = m.stats();
        return new Observed(bars, m.lastPrice().isPresent() ? m.lastPrice().getAsDouble() : null,
                m.recentTicks(64), stats.ticksAccepted(), stats.ticksRejected(), stats.barsClosed(), published);
    }

    @Test
    void allStrategiesAgree() {
        Observed exclusive = feed(LockStrategy.EXCLUSIVE);
        assertThat(exclusive.rejected()).isGreaterThan(100);
        assertThat(exclusive.closed()).isGreaterThan(300);
        assertThat(exclusive.bars().get(0)).hasSizeGreaterThan(300);
        assertThat(feed(LockStrategy.READ_WRITE)).isEqualTo(exclusive);
        assertThat(feed(LockStrategy.FINE_GRAINED)).isEqualTo(exclusive);
        assertThat(feed(LockStrategy.OPTIMISTIC)).isEqualTo(exclusive);
    }
}
