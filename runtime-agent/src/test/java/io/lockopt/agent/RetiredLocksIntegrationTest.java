package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.wire.LockNames;
import io.lockopt.agent.wire.Snapshot;

/**
 * A real target JVM, attached by pid, that makes and drops short-lived locks (5,000 lock
 * instances with their views and monitors, against a table of 2,000): the agent keeps records
 * of the live ones only, and the figures of the collected ones go to their label's retired
 * instances, so the totals by label are what the target did.
 */
class RetiredLocksIntegrationTest {
    private static final String CHURNED = "io.lockopt.targets.ChurnedLocks.";
    private static final int BATCHES = 5;
    /** The live ones left: the last instance each call site's cache still holds, a few more at most. */
    private static final int LIVE_AT_MOST = 12;

    static Stream<Path> javas() {
        return TargetJvm.javas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void recordsOfCollectedLocksAreRetiredIntoTheirLabelWithTheTargetsTotals(Path java) throws Exception {
        try (TargetJvm target = TargetJvm.start(java);
                ProfileConnection connection = target.attachWithSnapshotsEvery200ms()) {
            long each = 0;
            for (int batch = 0; batch < BATCHES; batch++) {
                each += TargetJvm.value(target.ask("churn 200 3", "DONE churn"), "each");
                assertThat(awaitLiveChurned(connection, target)).as("live records of churned locks after batch " + batch)
                        .isLessThanOrEqualTo(LIVE_AT_MOST);
            }
            Snapshot last = connection.stop(Duration.ofSeconds(20));

            assertThat(last.counters().untrackedLocks()).as("untracked locks").isZero();
            List<Snapshot.LockStats> churned = last.locks().stream().filter(l -> l.label() != null
                    && l.label().startsWith(CHURNED)).toList();
            assertThat(churned).hasSizeLessThanOrEqualTo(LIVE_AT_MOST + 4);
            assertThat(sum(churned, CHURNED + "lock", Snapshot.LockStats::acquisitions)).isEqualTo(each);
            assertThat(sum(churned, CHURNED + "monitor", Snapshot.LockStats::acquisitions)).isEqualTo(each);
            assertThat(sum(churned, CHURNED + "rw", Snapshot.LockStats::reads)).isEqualTo(each);
            assertThat(sum(churned, CHURNED + "rw", Snapshot.LockStats::writes)).isEqualTo(each);
            Predicate<Snapshot.LockStats> retiredLock = l -> l.retired() && l.label().equals(CHURNED + "lock");
            Snapshot.LockStats folded = churned.stream().filter(retiredLock).findFirst().orElseThrow();
            assertThat(folded.retiredInstances()).isGreaterThan(BATCHES * 200 - LIVE_AT_MOST);
            assertThat(LockNames.of(last)).containsEntry(folded.id(), CHURNED + "lock#retired");
        }
    }

    private static long sum(List<Snapshot.LockStats> locks, String label,
            java.util.function.ToLongFunction<Snapshot.LockStats> figure) {
        return locks.stream().filter(l -> l.label().equals(label)).mapToLong(figure).sum();
    }

    /**
     * Polls the agent's snapshots (every 200 ms) until one begun after the churn (two sequence
     * numbers on) shows few live records of the churned locks, asking the target for a full GC
     * now and then: a generous deadline, not a timing.
     */
    private static long awaitLiveChurned(ProfileConnection connection, TargetJvm target) throws Exception {
        connection.poll();
        long after = connection.latest() == null ? 0 : connection.latest().sequence() + 2;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long live = Long.MAX_VALUE;
        for (int round = 0; System.nanoTime() < deadline; round++) {
            connection.heartbeat();
            connection.poll();
            Snapshot latest = connection.latest();
            if (latest != null && latest.sequence() >= after) {
                live = latest.locks().stream().filter(l -> !l.retired() && l.label() != null
                        && l.label().startsWith(CHURNED)).count();
                if (live <= LIVE_AT_MOST) {
                    return live;
                }
            }
            if (round % 20 == 19) {
                target.ask("gc", "DONE gc");
            }
            Thread.sleep(50);
        }
        return live;
    }
}
