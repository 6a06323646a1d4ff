package io.lockopt.agent.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class WaitThresholdSettingTest {
    @Test
    void admitsEveryWaitByDefaultAndOnlyLongerOnesOnceSet() {
        WaitThresholdSetting setting = new WaitThresholdSetting();
        assertThat(setting.getValue()).isEqualTo("0 ms");
        assertThat(setting.admits(0)).isTrue();
        setting.setValue("10 ms");
        assertThat(setting.admits(9_999_999)).isFalse();
        assertThat(setting.admits(10_000_000)).isTrue();
        setting.setValue("soon");
        assertThat(setting.getValue()).as("a value that is no duration is ignored").isEqualTo("10 ms");
    }

    @Test
    void severalRecordingsGetTheSmallestThreshold() {
        WaitThresholdSetting setting = new WaitThresholdSetting();
        assertThat(setting.combine(Set.of("20 ms", "500 us", "1 s"))).isEqualTo("500 us");
        assertThat(setting.combine(Set.of())).isEqualTo("0 ms");
        assertThat(WaitThresholdSetting.parse("2s")).isEqualTo(2_000_000_000L);
        assertThat(WaitThresholdSetting.parse("15 ns")).isEqualTo(15);
    }
}
