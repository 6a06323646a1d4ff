package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecommendationsPercentTest {
    @Test
    void sharesReadAsPeopleExpect() {
        assertThat(Recommendations.percent(0.97)).isEqualTo("97%");
        assertThat(Recommendations.percent(0.0002)).isEqualTo("0.020%");
        assertThat(Recommendations.percent(0)).isEqualTo("0%");
        assertThat(Recommendations.percent(1)).isEqualTo("100%");
        // A share short of all never reads as all: the writes are still there.
        assertThat(Recommendations.percent(0.99572)).isEqualTo("99.6%");
        assertThat(Recommendations.percent(0.99999)).isEqualTo("99.9%");
        assertThat(Recommendations.percent(0.994)).isEqualTo("99%");
    }
}
