package io.lockopt.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LockNamesTest {
    @Test
    void numbersInstancesOfALabelByFirstSightOnlyWhenTwoWereAcquired() {
        Snapshot snapshot = new Snapshot("s", 1, false, null, 0, 0, 1L, new Snapshot.Counters(1, 0, 0, 0, 0, 0),
                List.of(), List.of(lock(7, -1, "a.B.lock", 1), lock(2, -1, "a.B.lock", 4), lock(5, -1, "a.C.lock", 1),
                        lock(9, -1, "a.C.lock", 0), lock(11, -1, null, 3), lock(12, 11, "a.D.rw", 3),
                        lock(13, -1, "a.D.rw", 0)),
                List.of());

        assertThat(LockNames.of(snapshot)).containsOnly(java.util.Map.entry(2, "a.B.lock#1"),
                java.util.Map.entry(7, "a.B.lock#2"), java.util.Map.entry(5, "a.C.lock"),
                // A read/write lock is named after its view when it has no label of its own.
                java.util.Map.entry(11, "a.D.rw"));
    }

    @Test
    void theBaseLabelDropsOnlyATrailingInstanceNumber() {
        assertThat(LockNames.baseLabel("a.B.lock#12")).isEqualTo("a.B.lock");
        assertThat(LockNames.baseLabel("a.B#c")).isEqualTo("a.B#c");
        assertThat(LockNames.baseLabel("a.B.lock#")).isEqualTo("a.B.lock#");
    }

    private static Snapshot.LockStats lock(int id, int owner, String label, long acquisitions) {
        return new Snapshot.LockStats(id, owner, LockKind.REENTRANT_LOCK, LockMode.EXCLUSIVE,
                "java.util.concurrent.locks.ReentrantLock", id, label, label == null ? null : "field", acquisitions, 0,
                0, 0, 0, 0, 0, 0, null, null, List.of(), List.of(), List.of(), List.of());
    }
}
