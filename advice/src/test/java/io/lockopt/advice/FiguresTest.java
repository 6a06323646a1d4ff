package io.lockopt.advice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void percentKeepsSmallSharesAndNeverRoundsUpToAll() {
        assertThat(Figures.percent(0.97)).isEqualTo("97%");
        assertThat(Figures.percent(0.0002)).isEqualTo("0.020%");
        assertThat(Figures.percent(0)).isEqualTo("0%");
        assertThat(Figures.percent(1)).isEqualTo("100%");
        assertThat(Figures.percent(0.99572)).isEqualTo("99.6%");
        assertThat(Figures.percent(0.99999)).isEqualTo("99.9%");
        assertThat(Figures.percent(0.994)).isEqualTo("99%");
    }

    @Test
    void nanosPicksTheUnit() {
        assertThat(Figures.nanos(190)).isEqualTo("190 ns");
        assertThat(Figures.nanos(1_400)).isEqualTo("1.4 µs");
        assertThat(Figures.nanos(52_400_000)).isEqualTo("52.4 ms");
        assertThat(Figures.nanos(17_800_000_000.0)).isEqualTo("17.8 s");
    }
}
