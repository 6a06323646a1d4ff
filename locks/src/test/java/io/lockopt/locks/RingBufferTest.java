package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RingBufferTest {

    @Test
    void overwriteKeepsTheNewestInAppendOrder() {
        RingBuffer<Integer> ring = new RingBuffer<>(4, OverflowPolicy.OVERWRITE);
        for (int i = 1; i <= 6; i++) {
            assertThat(ring.append(i)).isTrue();
        }
        assertThat(ring.recent(10)).containsExactly(3, 4, 5, 6);
        assertThat(ring.recent(2)).containsExactly(5, 6);
        assertThat(ring.recent(0)).isEmpty();
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(6, 2, 0));
    }

    @Test
    void rejectKeepsTheFirstAndReportsFull() {
        RingBuffer<String> ring = new RingBuffer<>(2, OverflowPolicy.REJECT);
        assertThat(ring.append("a")).isTrue();
        assertThat(ring.append("b")).isTrue();
        assertThat(ring.append("c")).isFalse();
        assertThat(ring.recent(5)).containsExactly("a", "b");
        assertThat(ring.stats()).isEqualTo(new RingBufferStats(2, 0, 1));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new RingBuffer<>(0, OverflowPolicy.REJECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new RingBuffer<>(6, OverflowPolicy.REJECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new RingBuffer<>(4, null))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
        RingBuffer<String> ring = new RingBuffer<>(4, OverflowPolicy.OVERWRITE);
        assertThatThrownBy(() -> ring.append(null))
                .isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ring.recent(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n");
    }
}
