package io.lockopt.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LockKindTest {
    @Test
    void aKindShownIsReadBackAsThatKind() {
        String[] classes = {"java.lang.Object", "java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock", "java.util.concurrent.locks.StampedLock",
            "io.lockopt.locks.KeyedLocks$KeyToken", "io.lockopt.locks.MeteredReadWriteLock$ReadView",
            "com.acme.SpinLock"};
        for (LockKind kind : LockKind.values()) {
            String shown = kind.displayName(classes[kind.ordinal()]);
            assertThat(LockKind.ofDisplayName(shown)).as(shown).isEqualTo(kind);
        }
        assertThat(LockKind.LOCKOPT_LOCK.displayName("io.lockopt.locks.MeteredReadWriteLock$ReadView"))
                .isEqualTo("lockopt MeteredReadWriteLock");
        assertThat(LockKind.OTHER_LOCK.displayName("com.acme.SpinLock")).isEqualTo("com.acme.SpinLock");
    }

    @Test
    void modesTravelByTheirLowerCaseNames() {
        for (LockMode mode : LockMode.values()) {
            assertThat(LockMode.ofWireName(mode.wireName())).isEqualTo(mode);
        }
        assertThat(LockMode.MIXED.wireName()).isEqualTo("mixed");
    }
}
