package io.lockopt.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockSink;
import io.lockopt.agent.wire.LockKind;

/** A thread's own statistics map: what it keeps of records the reporter retired. */
class ThreadStateTest {
    private final AtomicInteger budget = new AtomicInteger(100);

    private static LockRecord record(int id) {
        return new LockRecord(id, new Object(), LockKind.SYNCHRONIZED, LockSink.EXCLUSIVE);
    }

    @Test
    void dropsRetiredRecordsTheNextTimeItAddsOneAfterARetiringPass() {
        ThreadState state = new ThreadState(Thread.currentThread());
        LockRecord first = record(1);
        LockRecord second = record(2);
        LockRecord third = record(3);
        state.statsFor(first, budget, false, 0);
        state.statsFor(second, budget, false, 0);
        state.statsFor(third, budget, false, 0);
        first.retired = true;
        second.retired = true;

        // No pass counted yet (and the map not full): nothing dropped.
        state.statsFor(record(4), budget, false, 0);
        assertThat(state.statisticsKept()).isEqualTo(4);
        // The reporter's pass is counted: the retired two go before the map fills.
        state.statsFor(record(5), budget, false, 1);
        assertThat(state.statisticsKept()).isEqualTo(3);
        // A live record's statistics are the same object as before.
        ThreadLockStats thirds = state.statsFor(third, budget, false, 1);
        assertThat(state.statsFor(third, budget, false, 1)).isSameAs(thirds);
        assertThat(state.statisticsKept()).isEqualTo(3);
    }
}
