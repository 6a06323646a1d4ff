package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lockopt.agent.client.ProfileClient;
import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.wire.Snapshot;

/**
 * {@code synchronized} methods in real target JVMs: acquisitions and holds from the bytecode
 * brackets, waits from JFR's {@code jdk.JavaMonitorEnter} events, compared with what the
 * target measured itself ({@code SynchronizedWorkloads}).
 */
class SynchronizedMethodsIntegrationTest {
    private static final String ACCOUNT = "io.lockopt.targets.SynchronizedWorkloads$Account.this";
    private static final String STATIC = "io.lockopt.targets.SynchronizedWorkloads.class";
    private static final String INNER = "io.lockopt.targets.SynchronizedWorkloads.inner";
    private static final String AFTER = "io.lockopt.targets.SynchronizedWorkloads.after";
    private static final Path agentJar = TargetJvm.agentJar();

    private static ProfileClient.Settings settings(boolean jfr) {
        return new ProfileClient.Settings(Duration.ofMillis(200), null, Duration.ofSeconds(30), List.of(), List.of(),
                jfr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lockopt.agent.AgentIntegrationTest#javas")
    void countsHoldsAndWaitsOfSynchronizedMethods(Path java) throws Exception {
        try (TargetJvm target = TargetJvm.start(java)) {
            assertThat(target.ask("synccheck", "SYNCCHECK")).isEqualTo("SYNCCHECK ok");
            Snapshot last;
            String warmUp;
            String truth;
            String exits;
            String threadsDuring;
            try (ProfileConnection connection = ProfileClient.attach(target.pid(), agentJar, settings(true))) {
                TargetJvm.awaitJfr(connection);
                // One uncontended call of each method first: the recorder's first sight of a
                // monitor costs tens of milliseconds on a loaded machine, spent inside the method
                // before the workload's clock reads "acquired", where it would count as a wait
                // that JFR rightly never saw.
                warmUp = target.ask("syncmethods 1 1 0", "TRUTH");
                truth = target.ask("syncmethods 3 4 20", "TRUTH");
                exits = target.ask("syncexits 50", "DONE");
                assertThat(exits).startsWith("DONE exits thrown=50 ");
                threadsDuring = target.ask("threads", "THREADS");
                last = connection.stop(Duration.ofSeconds(30));
                Properties status = connection.status().orElseThrow();
                assertThat(status.getProperty("state")).isEqualTo("detached");
                assertThat(status.getProperty("restored")).isEqualTo("true");
            }
            assertThat(last.counters().synchronizedMethodWaits()).isEqualTo(Snapshot.Counters.WAITS_FROM_JFR);
            assertThat(last.counters().synchronizedMethodWaitsFromNanos()).isBetween(0L, last.elapsedNanos());
            assertThat(last.counters().recorderErrors()).isZero();
            assertThat(threadsDuring).contains("lockopt-monitor-waits(daemon)");

            // The instance method's monitor: a warm-up call, 12 contended holds, 50 exceptional
            // exits, one nested call. Waits within 15% of the target's. Each hold the agent timed
            // (inside the method) is at least the target's and, with the wait JFR saw for that
            // call, at most the span of the call: a fixed tolerance would fail when a thread is
            // preempted between the two clocks. The exits' holds are within the exits' span.
            Snapshot.LockStats account = lock(last, ACCOUNT);
            assertThat(account.kindName()).isEqualTo("synchronized");
            assertThat(account.labelSource()).isEqualTo("this");
            assertThat(account.acquisitions()).isEqualTo(1 + 12 + 50 + 1);
            assertThat(account.contended()).isPositive();
            long accountSpans = TargetJvm.value(warmUp, "ispan") + TargetJvm.value(truth, "ispan")
                    + TargetJvm.value(exits, "span");
            assertThat(account.holdNanos())
                    .isBetween(TargetJvm.value(warmUp, "ihold") + TargetJvm.value(truth, "ihold"),
                            accountSpans - account.waitNanos());
            assertThat((double) account.waitNanos()).isCloseTo(TargetJvm.value(truth, "iwait"),
                    within(0.15 * TargetJvm.value(truth, "iwait")));
            assertThat(account.waitSites()).isNotEmpty().allSatisfy(wait -> {
                Snapshot.SiteStats site = last.sites().get(wait.siteId());
                assertThat(site.operation()).isEqualTo("synchronized-method");
                assertThat(site.methodName()).isEqualTo("hold");
                assertThat(site.label()).isEqualTo(ACCOUNT);
                assertThat(site.line()).isPositive();
            });
            assertThat(account.waitThreads()).extracting(Snapshot.ThreadWait::thread)
                    .allMatch(name -> name.startsWith("syncworker-"));

            // The static method's monitor is the class.
            Snapshot.LockStats statics = lock(last, STATIC);
            assertThat(statics.kindName()).isEqualTo("synchronized");
            assertThat(statics.labelSource()).isEqualTo("class");
            assertThat(statics.acquisitions()).isEqualTo(1 + 12);
            assertThat(statics.contended()).isPositive();
            assertThat(statics.holdNanos())
                    .isBetween(TargetJvm.value(warmUp, "shold") + TargetJvm.value(truth, "shold"),
                            TargetJvm.value(warmUp, "sspan") + TargetJvm.value(truth, "sspan") - statics.waitNanos());
            assertThat((double) statics.waitNanos()).isCloseTo(TargetJvm.value(truth, "swait"),
                    within(0.15 * TargetJvm.value(truth, "swait")));
            assertThat(statics.waitSites()).extracting(w -> last.sites().get(w.siteId()).methodName())
                    .containsOnly("holdStatic");

            // Exceptional exits left nothing held: the monitor precedes only the lock nested() takes.
            int accountId = account.id();
            int innerId = lock(last, INNER).id();
            int afterId = lock(last, AFTER).id();
            assertThat(last.edges()).anyMatch(e -> e.fromId() == accountId && e.toId() == innerId);
            assertThat(last.edges()).noneMatch(e -> e.fromId() == accountId && e.toId() != innerId);
            assertThat(last.edges()).noneMatch(e -> e.toId() == afterId);
            assertThat(last.edges()).noneMatch(e -> e.fromId() == statics.id());

            // Detached: the methods behave as before, our thread is gone, JFR's own ones are daemons.
            assertThat(target.ask("synccheck", "SYNCCHECK")).isEqualTo("SYNCCHECK ok");
            List<String> threadsAfter = threadsOnceOursEnded(target);
            assertThat(threadsAfter).noneMatch(name -> name.startsWith("lockopt-"));
            assertThat(threadsAfter).filteredOn(name -> name.startsWith("JFR"))
                    .allMatch(name -> name.endsWith("(daemon)"));

            // A second session instruments them again and sees only its own calls.
            try (ProfileConnection again = ProfileClient.attach(target.pid(), agentJar, settings(true))) {
                assertThat(target.ask("synccheck", "SYNCCHECK")).isEqualTo("SYNCCHECK ok");
                target.ask("syncmethods 2 1 5", "TRUTH");
                Snapshot second = again.stop(Duration.ofSeconds(30));
                // synccheck: staticCounter() twice and holdStatic(0); syncmethods: 2 x holdStatic.
                assertThat(lock(second, STATIC).acquisitions()).isEqualTo(3 + 2);
            }
            assertThat(target.isAlive()).isTrue();
        }
    }

    @Test
    void withoutJfrCountsAndHoldsRemainAndWaitsAreUnknown() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0))) {
            Snapshot last;
            String truth;
            try (ProfileConnection connection = ProfileClient.attach(target.pid(), agentJar, settings(false))) {
                truth = target.ask("syncmethods 2 3 10", "TRUTH");
                last = connection.stop(Duration.ofSeconds(30));
            }
            assertThat(last.counters().synchronizedMethodWaits()).isEqualTo(Snapshot.Counters.WAITS_OFF);
            assertThat(last.counters().synchronizedMethodWaitsUnknown()).isTrue();
            assertThat(last.counters().synchronizedMethodWaitsFromNanos()).isEqualTo(-1L);
            Snapshot.LockStats statics = lock(last, STATIC);
            assertThat(statics.acquisitions()).isEqualTo(6);
            assertThat(statics.waitNanos()).isZero();
            assertThat(statics.holdNanos()).isBetween(TargetJvm.value(truth, "shold"), TargetJvm.value(truth, "sspan"));
            // JFR was never started in this JVM.
            assertThat(threadsOnceOursEnded(target)).noneMatch(name -> name.startsWith("JFR") || name.startsWith("lockopt-"));
        }
    }

    @Test
    void aJvmWithoutTheJfrModuleReportsWaitsAsUnavailable() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0), "--limit-modules",
                "java.base,java.instrument")) {
            Snapshot last;
            try (ProfileConnection connection = ProfileClient.attach(target.pid(), agentJar, settings(true))) {
                target.ask("syncmethods 2 3 10", "TRUTH");
                last = connection.stop(Duration.ofSeconds(30));
            }
            assertThat(last.counters().synchronizedMethodWaits())
                    .isEqualTo(Snapshot.Counters.WAITS_UNAVAILABLE + "the jdk.jfr module is not in this JVM");
            assertThat(lock(last, ACCOUNT).acquisitions()).isEqualTo(6);
            assertThat(lock(last, STATIC).acquisitions()).isEqualTo(6);
            assertThat(target.ask("synccheck", "SYNCCHECK")).isEqualTo("SYNCCHECK ok");
        }
    }

    /** The target's threads once no lockopt thread is left, or after 10 s (a loaded machine is slow to end them). */
    private static List<String> threadsOnceOursEnded(TargetJvm target) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<String> threads = threads(target);
        while (threads.stream().anyMatch(name -> name.startsWith("lockopt-")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            threads = threads(target);
        }
        return threads;
    }

    private static List<String> threads(TargetJvm target) throws InterruptedException {
        String line = target.ask("threads", "THREADS");
        return Arrays.asList(line.substring("THREADS ".length()).split("\\|"));
    }

    private static Snapshot.LockStats lock(Snapshot snapshot, String label) {
        return TargetJvm.lock(snapshot, label);
    }
}
