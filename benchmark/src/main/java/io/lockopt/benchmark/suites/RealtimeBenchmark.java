package io.lockopt.benchmark.suites;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.lockopt.samples.Bar;
import io.lockopt.samples.LockStrategy;
import io.lockopt.samples.RealtimeDataManager;

/**
 * Suite {@code realtime}: the samples' {@link RealtimeDataManager} under each
 * {@link LockStrategy}, with one feed thread ingesting ticks, one thread reading the last 10
 * one-second bars (forming bar included) and one thread reading the last price: the mix of a
 * market-data service with a chart and a quote display.
 *
 * <p>Design notes. One manager per group ({@code Scope.Group}); the three roles race on it
 * through the strategy's locks, which is what is measured, and JMH reports each role's
 * throughput. The feed's timestamps advance 1 ms per tick from a per-thread counter, so bars
 * close regularly (one-second bars every 1000 ticks) and nothing is rejected as late; prices
 * walk with the counter, so nothing folds to a constant. Readers return what they read.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RealtimeBenchmark {
    private static final Duration CHART_TIMEFRAME = Duration.ofSeconds(1);
    private static final long TICK_SPACING_NANOS = 1_000_000L;

    @State(Scope.Group)
    public static class Market {
        /** The manager's lock strategy; the enum constants are the variants. */
        @Param
        public LockStrategy impl;

        RealtimeDataManager manager;

        @Setup(Level.Trial)
        public void create() {
            manager = RealtimeDataManager.builder("bench-" + impl).strategy(impl).build();
            for (long i = 1; i <= 2_000; i++) {
                manager.onTick(100.0 + (i & 0x3f) * 0.01, 1 + (i & 7), i * TICK_SPACING_NANOS);
            }
        }
    }

    @State(Scope.Thread)
    public static class Feed {
        /** Continues after the warm-up ticks of {@link Market#create}. */
        long sequence = 1_000_000;
    }

    @Benchmark
    @Group("feedAndReaders")
    @GroupThreads(1)
    public boolean tick(Market market, Feed feed) {
        long n = ++feed.sequence;
        return market.manager.onTick(100.0 + (n & 0x3f) * 0.01, 1 + (n & 7), n * TICK_SPACING_NANOS);
    }

    @Benchmark
    @Group("feedAndReaders")
    @GroupThreads(1)
    public List<Bar> bars(Market market) {
        return market.manager.bars(CHART_TIMEFRAME, 10, true);
    }

    @Benchmark
    @Group("feedAndReaders")
    @GroupThreads(1)
    public OptionalDouble lastPrice(Market market) {
        return market.manager.lastPrice();
    }
}
