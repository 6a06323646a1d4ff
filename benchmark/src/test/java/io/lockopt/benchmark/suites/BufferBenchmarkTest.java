package io.lockopt.benchmark.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.lockopt.samples.Tick;

/** The histories' snapshots agree with each other: the newest ticks, oldest first. */
class BufferBenchmarkTest {

    private static List<Tick> ticks(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Tick(100.0, 1, i)).toList();
    }

    @Test
    void lastOfKeepsTheNewestInOrderForEveryFill() {
        for (int count = 0; count <= 25; count++) {
            List<Tick> all = ticks(count);
            Tick[] dst = new Tick[7];
            int copied = BufferBenchmark.lastOf(all.iterator(), 5, dst);
            assertThat(copied).isEqualTo(Math.min(count, 5));
            assertThat(Arrays.asList(dst).subList(0, copied)).isEqualTo(all.subList(count - copied, count));
        }
    }

    @Test
    void everyHistoryReturnsTheSameSnapshot() {
        List<List<Tick>> snapshots = new ArrayList<>();
        for (BufferBenchmark.Impl impl : BufferBenchmark.Impl.values()) {
            BufferBenchmark.TickHistory history = impl.create();
            List<Tick> all = ticks(BufferBenchmark.CAPACITY + 300);
            all.forEach(history::append);
            Tick[] dst = new Tick[BufferBenchmark.SNAPSHOT];
            int copied = history.recent(BufferBenchmark.SNAPSHOT, dst);
            assertThat(copied).as(impl.name()).isEqualTo(BufferBenchmark.SNAPSHOT);
            snapshots.add(List.of(dst));
            assertThat(List.of(dst)).as(impl.name()).isEqualTo(all.subList(all.size() - copied, all.size()));
        }
        assertThat(snapshots).hasSize(BufferBenchmark.Impl.values().length);
    }
}
