package io.lockopt.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlwaysOnOptionsTest {
    @Test
    void defaults() {
        AlwaysOnOptions options = AlwaysOnOptions.parse("");
        assertThat(options).isEqualTo(AlwaysOnOptions.defaults());
        assertThat(options.jfrEvents()).isTrue();
        assertThat(options.jmx()).isTrue();
        assertThat(options.holdsWhenContendedOnly()).isTrue();
        assertThat(options.heldThresholdNanos()).isEqualTo(20_000_000L);
        assertThat(options.maxLocks()).isEqualTo(AgentOptions.DEFAULT_MAX_LOCKS);
        assertThat(options.includes()).isEmpty();
    }

    @Test
    void parsesEveryKey() {
        AlwaysOnOptions options = AlwaysOnOptions.parse(
                "include=com.acme:org.example.Cache,exclude=com.acme.gen,max-locks=50,jfr=false,jmx=false,"
                        + "held-threshold=2s,holds=all,jmx-refresh=250ms");
        assertThat(options.includes()).containsExactly("com.acme", "org.example.Cache");
        assertThat(options.excludes()).containsExactly("com.acme.gen");
        assertThat(options.maxLocks()).isEqualTo(50);
        assertThat(options.jfrEvents()).isFalse();
        assertThat(options.jmx()).isFalse();
        assertThat(options.heldThresholdNanos()).isEqualTo(2_000_000_000L);
        assertThat(options.holdsWhenContendedOnly()).isFalse();
        assertThat(options.jmxRefreshMillis()).isEqualTo(250);
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> AlwaysOnOptions.parse("jfr=true,colour=red"))
                .hasMessageContaining("unknown lockopt agent option 'colour'");
        assertThatThrownBy(() -> AlwaysOnOptions.parse("jmx=yes")).hasMessageContaining("give true or false");
        assertThatThrownBy(() -> AlwaysOnOptions.parse("held-threshold=soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> AlwaysOnOptions.parse("holds")).hasMessageContaining("needs a value");
    }

    @Test
    void aSessionDirectoryMeansAProfileSession() {
        assertThat(AlwaysOnOptions.isAlwaysOn(null)).isTrue();
        assertThat(AlwaysOnOptions.isAlwaysOn("jmx=false")).isTrue();
        assertThat(AlwaysOnOptions.isAlwaysOn("agent-jar=/a.jar;dir=/tmp/s;secret=x")).isFalse();
    }
}
