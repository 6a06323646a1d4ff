package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.wire.Snapshot;

/**
 * A real target JVM, attached by pid, where worker threads hold a {@code synchronized} block's
 * monitor, a {@code StampedLock}'s write lock, a {@code ReentrantLock} and the monitors of an
 * instance's and a class's {@code synchronized} methods 15 ms at a time while the others wait:
 * each wait names the worker that held the lock, the instrumented site where it had taken it,
 * and the site where the waiter waited, and the holder's stack, taken while it held the lock
 * (before the waiter blocks for the locks, during the wait for the monitors), is sampled.
 */
class LockHoldersIntegrationTest {
    private static final String TARGETS = "io.lockopt.targets.LockWorkloads";
    private static final String SYNC_METHODS = "io.lockopt.targets.SynchronizedWorkloads";
    private static final String ACCOUNT = SYNC_METHODS + "$Account.this";
    private static final String STATIC = SYNC_METHODS + ".class";
    /** The synchronized method that holds each monitor in the workload (its class's frame in the holder's stack). */
    private static final Map<String, String> HOLDING_METHOD = Map.of(ACCOUNT, "$Account.hold", STATIC, ".holdStatic");

    static Stream<Path> javas() {
        return TargetJvm.javas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void eachContendedWaitNamesItsHolderWhereItTookTheLockAndSamplesItsStack(Path java) throws Exception {
        try (TargetJvm target = TargetJvm.start(java);
                ProfileConnection connection = target.attachWithJfrAndSnapshotsEvery200ms()) {
            // Holds long and many enough that the holder sampler (every 10 ms while a thread is blocked)
            // sees the holder inside the workload even on a loaded machine (a CI run under load saw none).
            target.ask("monitor 3 8 30", "TRUTH");
            target.ask("stampedhold 3 4 15", "DONE stampedhold");
            target.ask("contend 3 4 15", "TRUTH");
            // Synchronized methods' waits come from JFR, which starts once one is instrumented.
            target.ask("syncmethods 1 1 0", "TRUTH");
            TargetJvm.awaitJfr(connection);
            // Long enough holds, and enough of them, that the holder sampler (every 10 ms while a thread
            // is blocked) sees a holder at its site even on a loaded machine.
            target.ask("syncmethods 3 12 30", "TRUTH");
            Snapshot last = connection.stop(Duration.ofSeconds(30));

            for (String label : List.of(TARGETS + ".MONITOR", TARGETS + ".slowStamped", TARGETS + ".hot", ACCOUNT,
                    STATIC)) {
                String workers = label.startsWith(SYNC_METHODS) ? "syncworker-" : "worker-";
                Snapshot.LockStats lock = TargetJvm.lock(last, label);
                List<String> sitesOfLock = last.sites().stream().filter(s -> label.equals(s.label()))
                        .map(Snapshot.SiteStats::where).toList();
                List<Integer> siteIds = last.sites().stream().filter(s -> label.equals(s.label()))
                        .map(Snapshot.SiteStats::id).toList();
                assertThat(lock.contended()).as(label + " contended").isPositive();
                assertThat(lock.waitHolders()).as(label + " holders").isNotEmpty().allSatisfy(holder -> {
                    assertThat(holder.thread()).startsWith(workers);
                    assertThat(holder.waitSiteId()).isIn(siteIds);
                    if (holder.heldAt() != null) {
                        assertThat(holder.heldAt()).isIn(sitesOfLock);
                    }
                });
                // A ReentrantLock's holder caught between its lock() and its hook is named by the lock
                // itself, without a site, and a synchronized method's holder named by JFR a second
                // later may be neither sampled nor still where it was; the others are found on the
                // holders' stacks of held locks.
                assertThat(lock.waitHolders()).anySatisfy(holder -> assertThat(holder.heldAt()).isIn(sitesOfLock));
                if (!label.endsWith(".hot") && !label.startsWith(SYNC_METHODS)) {
                    assertThat(lock.waitHolders()).allSatisfy(holder -> assertThat(holder.heldAt()).isNotNull());
                }
                long named = lock.waitHolders().stream().mapToLong(h -> h.waits().count()).sum();
                assertThat(named).as(label + " waits with a holder").isPositive().isLessThanOrEqualTo(lock.contended());
                // Seen holding the lock (before the waiter blocked, or while it was blocked on a
                // monitor): its stack, inside the workload, is sampled.
                String holding = label.startsWith(SYNC_METHODS) ? SYNC_METHODS + HOLDING_METHOD.get(label)
                        : TARGETS + ".";
                assertThat(lock.waitHolders()).as(label + " holder stacks").anySatisfy(holder -> assertThat(
                        holder.holderStack()).anyMatch(frame -> frame.startsWith(holding)));
            }
        }
    }
}
