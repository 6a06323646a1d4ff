package io.lockopt.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // handles held only for their effect
class KeyedLocksTest {

    @Test
    void createsOnDemandAndReclaimsWhenReleased() {
        KeyedLocks<String> locks = KeyedLocks.create("accounts");
        try (LockHandle a = locks.write("a"); LockHandle b = locks.read("b")) {
            assertThat(locks.size()).isEqualTo(2);
            assertThat(locks.stats("a")).hasValueSatisfying(s -> {
                assertThat(s.name()).isEqualTo("accounts[a]");
                assertThat(s.write().acquisitions()).isEqualTo(1);
            });
            assertThat(locks.allStats()).containsOnlyKeys("a", "b");
        }
        assertThat(locks.size()).isZero();
        assertThat(locks.stats("a")).isEmpty();
    }

    @Test
    void multiKeyAcquisitionHoldsAllAndReleasesAll() {
        KeyedLocks<Integer> locks = KeyedLocks.create("multi");
        LockHandle all = locks.writeAll(List.of(3, 1, 2, 1));
        assertThat(locks.size()).isEqualTo(3);
        all.close();
        all.close();
        assertThat(locks.size()).isZero();
        try (LockHandle r = locks.readAll(List.of(5, 6))) {
            assertThat(locks.size()).isEqualTo(2);
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void rejectsNullKeys() {
        KeyedLocks<String> locks = KeyedLocks.create("nulls");
        assertThatThrownBy(() -> locks.read(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> locks.writeAll(null)).isInstanceOf(NullPointerException.class).hasMessage("keys");
        assertThatThrownBy(() -> locks.writeAll(java.util.Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> KeyedLocks.create(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThat(locks.size()).isZero();
    }
}
