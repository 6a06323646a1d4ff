package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    @Test
    void overwriteKeepsTheNewestInAppendOrder() {
        RingBuffer<Integer> ring = new RingBuffer<>(4, OverflowPolicy.OVERWRITE);
        assertThat(ring.recent(3)).isEmpty();
        for (int i = 1; i <= 6; i++) {
            assertThat(ring.append(i)).isTrue();
        }
        assertThat(ring.recent(10)).containsExactly(3, 4, 5, 6);
        assertThat(ring.recent(2)).containsExactly(5, 6);
        assertThat(ring.recent(0)).isEmpty();
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(6, 2, 0));
        assertThat(ring.capacity()).isEqualTo(4);
        assertThat(ring.policy()).isEqualTo(OverflowPolicy.OVERWRITE);
    }

    @Test
    void partlyFilledBufferReturnsWhatItHas() {
        RingBuffer<String> ring = new RingBuffer<>(8, OverflowPolicy.OVERWRITE);
        ring.append("a");
        ring.append("b");
        assertThat(ring.recent(5)).containsExactly("a", "b");
        assertThat(ring.recent(1)).containsExactly("b");
    }

    @Test
    void capacityOneHoldsTheLatest() {
        RingBuffer<Integer> ring = new RingBuffer<>(1, OverflowPolicy.OVERWRITE);
        for (int i = 0; i < 1_000; i++) {
            ring.append(i);
            assertThat(ring.recent(1)).containsExactly(i);
        }
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(1_000, 999, 0));
    }

    @Test
    void manyLapsKeepOrder() {
        RingBuffer<Integer> ring = new RingBuffer<>(16, OverflowPolicy.OVERWRITE);
        for (int i = 0; i < 10_000; i++) {
            ring.append(i);
        }
        assertThat(ring.recent(16)).isEqualTo(java.util.stream.IntStream.range(10_000 - 16, 10_000).boxed().toList());
    }

    @Test
    void rejectKeepsTheFirstAndReportsFull() {
        RingBuffer<String> ring = new RingBuffer<>(2, OverflowPolicy.REJECT);
        assertThat(ring.append("a")).isTrue();
        assertThat(ring.append("b")).isTrue();
        assertThat(ring.append("c")).isFalse();
        assertThat(ring.append("d")).isFalse();
        assertThat(ring.recent(5)).containsExactly("a", "b");
        assertThat(ring.recent(1)).containsExactly("b");
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(2, 0, 2));
    }

    @Test
    void snapshotsAreImmutable() {
        RingBuffer<String> ring = new RingBuffer<>(2, OverflowPolicy.OVERWRITE);
        ring.append("a");
        List<String> snapshot = ring.recent(2);
        assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);
        ring.append("b");
        assertThat(snapshot).containsExactly("a");
    }

    @Test
    void recentIntoCopiesTheNewestIntoTheCallersArray() {
        RingBuffer<Integer> ring = new RingBuffer<>(8, OverflowPolicy.OVERWRITE);
        Integer[] dst = new Integer[5];
        assertThat(ring.recent(3, dst)).isZero();
        for (int i = 1; i <= 11; i++) {
            ring.append(i);
        }
        assertThat(ring.recent(3, dst)).isEqualTo(3);
        assertThat(dst).containsExactly(9, 10, 11, null, null);
        assertThat(ring.recent(100, dst)).as("bounded by dst").isEqualTo(5);
        assertThat(dst).containsExactly(7, 8, 9, 10, 11);
        Integer[] large = new Integer[20];
        assertThat(ring.recent(20, large)).as("bounded by capacity").isEqualTo(8);
        assertThat(java.util.Arrays.copyOf(large, 8)).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(ring.recent(0, dst)).isZero();
        assertThatThrownBy(() -> ring.recent(1, null)).isInstanceOf(NullPointerException.class).hasMessage("dst");
        assertThatThrownBy(() -> ring.recent(-1, dst)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countersAreDerivedFromClaims() {
        RingBuffer<Integer> ring = new RingBuffer<>(4, OverflowPolicy.OVERWRITE);
        for (int i = 0; i < 3; i++) {
            ring.append(i);
        }
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(3, 0, 0));
        for (int i = 0; i < 10; i++) {
            ring.append(i);
        }
        RingBufferStats stats = ring.stats();
        assertThat(stats).isEqualTo(new RingBufferStats(13, 9, 0));
        assertThat(stats.appended() - stats.overwritten()).isEqualTo(ring.recent(4).size());
    }

    @Test
    void concurrentProducersKeepTheNewestOfEach() throws InterruptedException {
        RingBuffer<long[]> ring = new RingBuffer<>(64, OverflowPolicy.OVERWRITE);
        int producers = 4;
        int perProducer = 20_000;
        Thread[] threads = new Thread[producers];
        for (int t = 0; t < producers; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (long i = 0; i < perProducer; i++) {
                    ring.append(new long[] {id, i});
                }
            });
            threads[t].start();
        }
        long[][] dst = new long[64][];
        for (int round = 0; round < 2_000; round++) {
            int copied = ring.recent(64, dst);
            long[] lastOf = {-1, -1, -1, -1};
            for (int i = 0; i < copied; i++) {
                int producer = (int) dst[i][0];
                assertThat(dst[i][1]).as("each producer's elements in order").isGreaterThan(lastOf[producer]);
                lastOf[producer] = dst[i][1];
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ring.stats().appended()).isEqualTo((long) producers * perProducer);
        assertThat(ring.recent(64)).hasSize(64);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new RingBuffer<>(0, OverflowPolicy.REJECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new RingBuffer<>(-4, OverflowPolicy.REJECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new RingBuffer<>(6, OverflowPolicy.REJECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new RingBuffer<>(4, null))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
        RingBuffer<String> ring = new RingBuffer<>(4, OverflowPolicy.OVERWRITE);
        assertThatThrownBy(() -> ring.append(null))
                .isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ring.recent(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must");
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(0, 0, 0));
    }
}
