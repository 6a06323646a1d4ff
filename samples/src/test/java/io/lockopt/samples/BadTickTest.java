package io.lockopt.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BadTickTest {
    private static final long S = 1_000_000_000L;
    private static final Duration ONE_S = Duration.ofSeconds(1);

    private static RealtimeDataManager manager(LockStrategy strategy, BadTickPolicy policy) {
        return RealtimeDataManager.builder("bad").timeframes(ONE_S).lateTolerance(Duration.ofMillis(200))
                .strategy(strategy).badTickPolicy(policy).build();
    }

    @ParameterizedTest
    @EnumSource(LockStrategy.class)
    void eachKindOfBadTickIsRejectedAndCountedWithoutTouchingBars(LockStrategy strategy) {
        RealtimeDataManager m = manager(strategy, BadTickPolicy.REJECT);
        assertThat(m.onTick(10, 1, 5 * S)).isTrue();
        List<Bar> before = m.bars(ONE_S, 10, true);

        assertThat(m.onTick(Double.NaN, 1, 5 * S + 1)).isFalse();
        assertThat(m.onTick(Double.POSITIVE_INFINITY, 1, 5 * S + 1)).isFalse();
        assertThat(m.onTick(Double.NEGATIVE_INFINITY, 1, 5 * S + 1)).isFalse();
        assertThat(m.onTick(0.0, 1, 5 * S + 1)).isFalse();
        assertThat(m.onTick(-3.0, 1, 5 * S + 1)).isFalse();
        assertThat(m.onTick(10, -1, 5 * S + 1)).isFalse();
        assertThat(m.onTick(10, 1, 5 * S - 201_000_000)).as("older than tolerance").isFalse();

        assertThat(m.bars(ONE_S, 10, true)).isEqualTo(before);
        assertThat(m.lastPrice()).hasValue(10.0);
        assertThat(m.recentTicks(10)).hasSize(1);
        assertThat(m.stats().ticksRejected()).isEqualTo(7);
        assertThat(m.stats().ticksAccepted()).isEqualTo(1);
    }

    @Test
    void lateTickWithinToleranceCountsTowardTheFormingBar() {
        RealtimeDataManager m = manager(LockStrategy.READ_WRITE, BadTickPolicy.REJECT);
        m.onTick(10, 1, 5 * S);
        assertThat(m.onTick(8, 2, 5 * S - 150_000_000)).isTrue();
        assertThat(m.bars(ONE_S, 1, true)).containsExactly(new Bar(ONE_S, 5 * S, 10, 10, 8, 8, 3, 2));
    }

    @Test
    void zeroSizeIsAValidTick() {
        RealtimeDataManager m = manager(LockStrategy.EXCLUSIVE, BadTickPolicy.THROW);
        assertThat(m.onTick(10, 0, 0)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(LockStrategy.class)
    void throwPolicyThrowsAndStillCounts(LockStrategy strategy) {
        RealtimeDataManager m = manager(strategy, BadTickPolicy.THROW);
        m.onTick(10, 1, 5 * S);
        assertThatThrownBy(() -> m.onTick(Double.NaN, 1, 5 * S)).isInstanceOf(BadTickException.class)
                .hasMessageContaining("price");
        assertThatThrownBy(() -> m.onTick(10, -5, 5 * S)).isInstanceOf(BadTickException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> m.onTick(10, 1, S)).isInstanceOf(BadTickException.class)
                .hasMessageContaining("before the open bar");
        assertThat(m.stats().ticksRejected()).isEqualTo(3);
        // The manager still works after a throw: no lock was left held.
        assertThat(m.onTick(11, 1, 5 * S + 1)).isTrue();
        assertThat(m.lastPrice()).hasValue(11.0);
    }

    @Test
    void badConfigurationNamesTheArgument() {
        assertThatThrownBy(() -> RealtimeDataManager.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> RealtimeDataManager.builder("x").timeframes()).hasMessageContaining("timeframes");
        assertThatThrownBy(() -> RealtimeDataManager.builder("x").timeframes(Duration.ZERO))
                .hasMessageContaining("timeframe");
        assertThatThrownBy(() -> RealtimeDataManager.builder("x").historySize(0)).hasMessageContaining("historySize");
        RealtimeDataManager m = RealtimeDataManager.builder("x").timeframes(ONE_S).build();
        assertThatThrownBy(() -> m.bars(Duration.ofSeconds(7), 1)).hasMessageContaining("not configured");
        assertThatThrownBy(() -> m.bars(ONE_S, -1)).hasMessageContaining("n must not be negative");
        assertThatThrownBy(() -> m.recentTicks(-1)).hasMessageContaining("n must not be negative");
    }
}
