package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.wire.Snapshot;

/**
 * A real target JVM, attached by pid, where worker threads hold a {@code synchronized} block's
 * monitor, a {@code StampedLock}'s write lock and a {@code ReentrantLock} 15 ms at a time while
 * the others wait: each wait names the worker that held the lock, the instrumented site where it
 * had taken it, and the site where the waiter waited; for the locks whose holder is seen before
 * the waiter blocks, the holder's stack is sampled.
 */
class LockHoldersIntegrationTest {
    private static final String TARGETS = "io.lockopt.targets.LockWorkloads";

    static Stream<Path> javas() {
        return TargetJvm.javas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void eachContendedWaitNamesItsHolderWhereItTookTheLockAndSamplesItsStack(Path java) throws Exception {
        try (TargetJvm target = TargetJvm.start(java);
                ProfileConnection connection = target.attachWithSnapshotsEvery200ms()) {
            target.ask("monitor 3 4 15", "TRUTH");
            target.ask("stampedhold 3 4 15", "DONE stampedhold");
            target.ask("contend 3 4 15", "TRUTH");
            Snapshot last = connection.stop(Duration.ofSeconds(20));

            for (String label : List.of(TARGETS + ".MONITOR", TARGETS + ".slowStamped", TARGETS + ".hot")) {
                Snapshot.LockStats lock = TargetJvm.lock(last, label);
                List<String> sitesOfLock = last.sites().stream().filter(s -> label.equals(s.label()))
                        .map(Snapshot.SiteStats::where).toList();
                List<Integer> siteIds = last.sites().stream().filter(s -> label.equals(s.label()))
                        .map(Snapshot.SiteStats::id).toList();
                assertThat(lock.contended()).as(label + " contended").isPositive();
                assertThat(lock.waitHolders()).as(label + " holders").isNotEmpty().allSatisfy(holder -> {
                    assertThat(holder.thread()).startsWith("worker-");
                    assertThat(holder.waitSiteId()).isIn(siteIds);
                    if (holder.heldAt() != null) {
                        assertThat(holder.heldAt()).isIn(sitesOfLock);
                    }
                });
                // A ReentrantLock's holder caught between its lock() and its hook is named by the lock
                // itself, without a site; the others are found on the holders' stacks of held locks.
                assertThat(lock.waitHolders()).anySatisfy(holder -> assertThat(holder.heldAt()).isIn(sitesOfLock));
                if (!label.endsWith(".hot")) {
                    assertThat(lock.waitHolders()).allSatisfy(holder -> assertThat(holder.heldAt()).isNotNull());
                }
                long named = lock.waitHolders().stream().mapToLong(h -> h.waits().count()).sum();
                assertThat(named).as(label + " waits with a holder").isPositive().isLessThanOrEqualTo(lock.contended());
                if (!label.endsWith(".MONITOR")) {
                    // Seen holding before the waiter blocked: its stack, inside the workload, is sampled.
                    assertThat(lock.waitHolders()).as(label + " holder stacks").anySatisfy(holder -> assertThat(
                            holder.holderStack()).anyMatch(frame -> frame.startsWith(TARGETS + ".")));
                }
            }
        }
    }
}
