package io.lockopt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One feed and eight readers hammer the manager; everything readers saw must satisfy the bar
 * invariants, and at the end the volumes must add up to what the feed sent.
 *
 * <p>The feed's price rises with every tick and every size is 1, so a consistent bar has
 * {@code low == open}, {@code high == close} and {@code volume == tickCount}: a bar copied while
 * the feed was half-way through updating it breaks one of these equalities.
 */
class ConcurrencyStressTest {
    private static final Duration[] TIMEFRAMES = {Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100)};
    private static final int READERS = 8;
    private static final long RUN_MILLIS = 1_500;
    private static final long MIN_TICKS = 100;

    @ParameterizedTest
    @EnumSource(LockStrategy.class)
    void readersOnlySeeConsistentState(LockStrategy strategy) throws Exception {
        RealtimeDataManager m = RealtimeDataManager.builder("stress").timeframes(TIMEFRAMES).historySize(1_000_000)
                .tickBufferCapacity(256).strategy(strategy).build();
        AtomicBoolean running = new AtomicBoolean(true);
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong sentVolume = new AtomicLong();
        AtomicLong sentTicks = new AtomicLong();
        AtomicLong readsDone = new AtomicLong();
        LongAdder readsSoFar = new LongAdder(); // live, for the run's end; readsDone is the readers' own tally
        CountDownLatch done = new CountDownLatch(READERS + 1);

        Thread feed = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(1);
            long t = 0;
            while (running.get()) {
                t += random.nextLong(1_000, 50_000);
                double price = 100 + t / 1e6;
                long size = 1;
                if (m.onTick(price, size, t)) {
                    sentVolume.addAndGet(size);
                    sentTicks.incrementAndGet();
                }
            }
            done.countDown();
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int id = r;
            readers.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(100 + id);
                long reads = 0;
                try {
                    while (running.get()) {
                        Duration timeframe = TIMEFRAMES[random.nextInt(TIMEFRAMES.length)];
                        check(m.bars(timeframe, 50, true), timeframe, violations);
                        List<Tick> ticks = m.recentTicks(64);
                        for (int i = 1; i < ticks.size(); i++) {
                            if (ticks.get(i).timestampNanos() <= ticks.get(i - 1).timestampNanos()) {
                                violations.add("recent ticks out of order: " + ticks);
                                break;
                            }
                        }
                        m.lastPrice().ifPresent(p -> {
                            if (!(p > 0)) {
                                violations.add("bad last price " + p);
                            }
                        });
                        reads++;
                        readsSoFar.increment();
                    }
                } catch (RuntimeException e) {
                    violations.add("reader failed: " + e);
                } finally {
                    readsDone.addAndGet(reads);
                    done.countDown();
                }
            }));
        }
        feed.start();
        readers.forEach(Thread::start);
        // At least RUN_MILLIS, and on until the feed and the readers have done enough work to
        // check (a busy machine may starve them for a while): counts, not time, end the run.
        long minimumEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((System.nanoTime() < minimumEnd || sentTicks.get() <= MIN_TICKS || readsSoFar.sum() <= READERS)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        running.set(false);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(violations).as("violations seen by readers").isEmpty();
        assertThat(readsDone.get()).isGreaterThan(READERS);
        assertThat(sentTicks.get()).isGreaterThan(MIN_TICKS);
        ManagerStats stats = m.stats();
        assertThat(stats.ticksAccepted()).isEqualTo(sentTicks.get());
        for (Duration timeframe : TIMEFRAMES) {
            List<Bar> all = m.bars(timeframe, Integer.MAX_VALUE, true);
            check(all, timeframe, violations);
            assertThat(all.stream().mapToLong(Bar::volume).sum()).as("volume of " + timeframe).isEqualTo(sentVolume.get());
            assertThat(all.stream().mapToLong(Bar::tickCount).sum()).as("ticks of " + timeframe).isEqualTo(sentTicks.get());
        }
        assertThat(violations).isEmpty();
    }

    private static void check(List<Bar> bars, Duration timeframe, Queue<String> violations) {
        long previousStart = Long.MIN_VALUE;
        for (Bar bar : bars) {
            boolean ok = bar.timeframe().equals(timeframe)
                    && bar.low() <= bar.open() && bar.open() <= bar.high()
                    && bar.low() <= bar.close() && bar.close() <= bar.high()
                    && bar.tickCount() > 0 && bar.volume() == bar.tickCount()
                    && bar.low() == bar.open() && bar.high() == bar.close()
                    && bar.startNanos() % timeframe.toNanos() == 0
                    && bar.startNanos() > previousStart;
            if (!ok) {
                violations.add("inconsistent bar " + bar + " after start " + previousStart);
                return;
            }
            previousStart = bar.startNanos();
        }
    }
}
