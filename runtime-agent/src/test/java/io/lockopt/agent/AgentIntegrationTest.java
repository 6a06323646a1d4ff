package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lockopt.agent.client.JavaProcess;
import io.lockopt.agent.client.ProcessSignals;
import io.lockopt.agent.client.ProfileClient;
import io.lockopt.agent.client.ProfileConnection;
import io.lockopt.agent.client.ProfileException;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;

/**
 * Starts real target JVMs, attaches the agent jar by pid, and checks what it recorded
 * against what the target measured itself.
 */
class AgentIntegrationTest {
    private static final String TARGETS = "io.lockopt.targets.LockWorkloads";
    private static Path agentJar;

    @BeforeAll
    static void findAgentJar() {
        agentJar = TargetJvm.agentJar();
        assertThat(agentJar).as("the agent jar is built before the tests (process-classes)").isRegularFile();
    }

    static Stream<Path> javas() {
        return TargetJvm.javas().stream();
    }

    private static ProfileClient.Settings settings(Duration heartbeatTimeout) {
        return new ProfileClient.Settings(Duration.ofMillis(200), null, heartbeatTimeout, List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void measuresKnownContentionThenDetachesAndAttachesAgain(Path java) throws Exception {
        try (TargetJvm target = TargetJvm.start(java)) {
            assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=false");

            Snapshot last;
            String contended;
            String monitor;
            String spun;
            try (ProfileConnection connection = ProfileClient.attach(target.pid(), agentJar,
                    settings(Duration.ofSeconds(30)))) {
                assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=true");
                contended = target.ask("contend 4 6 25", "TRUTH");
                monitor = target.ask("monitor 3 4 15", "TRUTH");
                target.ask("quiet 20000", "DONE");
                target.ask("order ab", "DONE");
                target.ask("order ba", "DONE");
                target.ask("readers 4 300", "DONE");
                target.ask("stamped 3 100", "DONE");
                target.ask("helpers 400", "DONE");
                spun = target.ask("spin 6000 10", "TRUTH");
                last = connection.stop(Duration.ofSeconds(20));
                assertThat(last).isNotNull();
                assertThat(last.last()).as("final snapshot").isTrue();
                assertThat(last.endReason()).isEqualTo("stop");
                Properties status = connection.status().orElseThrow();
                assertThat(status.getProperty("state")).isEqualTo("detached");
                assertThat(status.getProperty("restored")).isEqualTo("true");
            }

            // Fidelity against what the target measured. The wait total within 15%. Holds: the
            // agent's clock runs inside its hooks, so each hold it times is at least the target's
            // (lock() returned to unlock() called) and, with the wait it timed there, at most the
            // span of the two calls; a fixed tolerance would not do, since a thread preempted
            // right after its unlock (by the waiter it woke, say) lengthens the agent's hold only.
            Snapshot.LockStats hot = lock(last, TARGETS + ".hot");
            assertThat(hot.kindName()).isEqualTo("ReentrantLock");
            assertThat(hot.labelSource()).isEqualTo("field");
            assertThat(hot.acquisitions()).isEqualTo(24);
            assertThat(hot.contended()).isGreaterThan(0);
            assertThat((double) hot.waitNanos())
                    .isCloseTo(TargetJvm.value(contended, "wait"), within(0.15 * TargetJvm.value(contended, "wait")));
            long hotHoldAtMost = TargetJvm.value(contended, "span") - hot.waitNanos();
            assertThat(hot.holdNanos()).isBetween(TargetJvm.value(contended, "hold"), hotHoldAtMost);
            assertThat(hot.holds().getTotalCount()).isEqualTo(24);
            // The median (the 12th of 24) is at least the shortest hold, and at most the mean of
            // the 12 longest, whose sum is what the total leaves once the 12 others took at least
            // the shortest each (plus 1%: histograms keep 2 significant digits, rounded up).
            long shortestHold = TargetJvm.value(contended, "minhold");
            assertThat(hot.holds().getValueAtPercentile(50)).isBetween(shortestHold,
                    (hotHoldAtMost / 12 - shortestHold) * 101 / 100);
            assertThat(hot.waitSites()).isNotEmpty();
            assertThat(hot.waitThreads()).extracting(Snapshot.ThreadWait::thread).allMatch(t -> t.startsWith("worker-"));

            Snapshot.LockStats sync = lock(last, TARGETS + ".MONITOR");
            assertThat(sync.kindName()).isEqualTo("synchronized");
            assertThat(sync.acquisitions()).isEqualTo(12);
            assertThat(sync.contended()).isGreaterThan(0);
            assertThat(sync.holdNanos()).isBetween(TargetJvm.value(monitor, "hold"),
                    TargetJvm.value(monitor, "span") - sync.waitNanos());

            // An uncontended lock shows no contention.
            Snapshot.LockStats quiet = lock(last, TARGETS + ".quiet");
            assertThat(quiet.acquisitions()).isEqualTo(20_000);
            assertThat(quiet.contended()).isZero();
            assertThat(quiet.waitNanos()).isZero();
            // A hot lock with short holds is sampled (the first 1024 acquisitions, then one in 256,
            // each counted 256 times): the histogram still stands for all 20,000 holds, give or
            // take the one sample that straddles the end.
            assertThat(quiet.holds().getTotalCount()).isBetween(20_000L - 256, 20_000L + 256);
            assertThat(quiet.holdNanos()).isPositive();

            // Both orders of first/second, seen at different times, are edges both ways.
            int first = lock(last, TARGETS + ".first").id();
            int second = lock(last, TARGETS + ".second").id();
            assertThat(last.edges()).anyMatch(e -> e.fromId() == first && e.toId() == second);
            assertThat(last.edges()).anyMatch(e -> e.fromId() == second && e.toId() == first);

            // The read/write lock's sides link to the lock object and carry its field label.
            List<Snapshot.LockStats> sides = last.locks().stream()
                    .filter(l -> (TARGETS + ".table").equals(l.label()) && l.ownerId() >= 0).toList();
            assertThat(sides).extracting(Snapshot.LockStats::mode).containsExactlyInAnyOrder(LockMode.READ, LockMode.WRITE);
            assertThat(sides).extracting(Snapshot.LockStats::ownerId).containsOnly(sides.get(0).ownerId());
            long reads = sides.stream().mapToLong(Snapshot.LockStats::reads).sum();
            long writes = sides.stream().mapToLong(Snapshot.LockStats::writes).sum();
            assertThat(reads).isEqualTo(4 * 300);
            assertThat(writes).isEqualTo(4 * 30);

            Snapshot.LockStats stamped = lock(last, TARGETS + ".stamped");
            assertThat(stamped.kindName()).isEqualTo("StampedLock");
            assertThat(stamped.mode()).isEqualTo(LockMode.MIXED);
            assertThat(stamped.reads()).isEqualTo(300);
            assertThat(stamped.writes()).isEqualTo(300);
            assertThat(stamped.holds().getTotalCount()).isEqualTo(600);

            // Long holds (10 µs) stay timed one by one past 1024 acquisitions: totals exact.
            Snapshot.LockStats busy = lock(last, TARGETS + ".busy");
            assertThat(busy.acquisitions()).isEqualTo(6000);
            assertThat(busy.holds().getTotalCount()).isEqualTo(6000);
            assertThat(busy.waitNanos()).isZero();
            assertThat(busy.holdNanos()).isBetween(TargetJvm.value(spun, "hold"), TargetJvm.value(spun, "span"));

            // Sections opened by a lock helper are attributed to the helper's call sites and classified there.
            Snapshot.LockStats helped = lock(last, TARGETS + ".helped");
            assertThat(helped.acquisitions()).isEqualTo(500);
            Map<String, Long> holdsByMethod = new HashMap<>();
            for (Snapshot.SiteHold hold : helped.holdSites()) {
                Snapshot.SiteStats site = last.sites().get(hold.siteId());
                assertThat(site.operation()).isEqualTo("calls lockHelped");
                holdsByMethod.put(site.methodName() + (site.sectionWrites() ? " writes" : " reads"),
                        hold.holds().count());
            }
            assertThat(holdsByMethod).containsOnly(Map.entry("readThroughHelpers reads", 400L),
                    Map.entry("writeThroughHelpers writes", 100L));

            // The sites know their critical sections: quiet() writes a field.
            assertThat(last.sites()).anyMatch(s -> "lock".equals(s.operation()) && s.methodName().equals("quiet")
                    && s.sectionWrites() && s.writeEvidence().contains("counter"));
            assertThat(last.counters().recorderErrors()).isZero();

            // Detached: the hooks are gone and the code still does its job.
            assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=false");
            assertThat(target.ask("check", "CHECK")).isEqualTo("CHECK ok");

            // A second session works and sees only its own activity.
            try (ProfileConnection again = ProfileClient.attach(target.pid(), agentJar,
                    settings(Duration.ofSeconds(30)))) {
                assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=true");
                target.ask("quiet 500", "DONE");
                Snapshot second2 = again.stop(Duration.ofSeconds(20));
                assertThat(lock(second2, TARGETS + ".quiet").acquisitions()).isEqualTo(500);
            }
            assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=false");
            assertThat(target.isAlive()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void firstDataArrivesSoonAfterTheAgentIsReadyNotAnIntervalLater(Path java) throws Exception {
        Duration interval = Duration.ofSeconds(30);
        try (TargetJvm target = TargetJvm.start(java);
                ProfileConnection connection = ProfileClient.attach(target.pid(), agentJar,
                        new ProfileClient.Settings(interval, null, Duration.ofSeconds(60), List.of(), List.of()))) {
            Duration attach = connection.attachTime();
            assertThat(attach).isPositive().isLessThan(Duration.ofSeconds(20));
            // The target is idle: the agent's first snapshots carry nothing.
            connection.poll();
            assertThat(connection.timeToFirstData()).isEmpty();

            long commanded = System.nanoTime();
            target.ask("quiet 100", "DONE");
            long deadline = commanded + Duration.ofSeconds(10).toNanos();
            while (connection.timeToFirstData().isEmpty() && System.nanoTime() < deadline) {
                connection.heartbeat();
                connection.poll();
                Thread.sleep(20);
            }
            Duration firstData = connection.timeToFirstData()
                    .orElseThrow(() -> new AssertionError("no data within 10 s of the first acquisitions"));
            assertThat(firstData).isGreaterThan(attach);
            // The early snapshot may have been taken while the loop still ran; the final one has them all.
            assertThat(lock(connection.latest(), TARGETS + ".quiet").acquisitions()).isBetween(1L, 100L);
            assertThat(connection.latest().last()).isFalse();
            Snapshot last = connection.stop(Duration.ofSeconds(20));
            assertThat(lock(last, TARGETS + ".quiet").acquisitions()).isEqualTo(100);
        }
    }

    @Test
    void agentLeavesByItselfWhenTheClientGoesAwayAndRemovesTheSessionDirectory() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0))) {
            ProfileConnection connection = ProfileClient.attach(target.pid(), agentJar, settings(Duration.ofMillis(800)));
            Path directory = connection.sessionDirectory();
            try {
                assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=true");
                // No heartbeats from here on: the client is as good as killed.
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                Optional<Properties> detached = Optional.empty();
                while (System.nanoTime() < deadline && Files.isDirectory(directory)) {
                    Optional<Properties> status = connection.status();
                    if (status.map(p -> "detached".equals(p.getProperty("state"))).orElse(false)) {
                        detached = status;
                    }
                    Thread.sleep(20);
                }
                assertThat(directory).as("removed by the agent when it left").doesNotExist();
                detached.ifPresent(status -> assertThat(status.getProperty("reason")).isEqualTo("client-gone"));
                assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=false");
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void refusesAProcessItCannotInspectAtOnce() throws Exception {
        // In containers pid 1 is often a process whose memory map and executable even root cannot read.
        boolean readable;
        try {
            Files.readAllBytes(Path.of("/proc/1/maps"));
            readable = true;
        } catch (java.io.IOException e) {
            readable = false;
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(readable || canResolve(Path.of("/proc/1/exe")),
                "pid 1 can be inspected here");
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessHandle.of(1).flatMap(h -> h.info().user())
                .map(System.getProperty("user.name")::equals).orElse(true), "pid 1 is another user's");
        // Had it tried to attach, the refusal would be ATTACH_DISABLED after a 10 s wait.
        assertThatThrownBy(() -> ProfileClient.attach(1, agentJar, settings(Duration.ofSeconds(30))))
                .isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("pid 1 is not a Java virtual machine or not accessible to user ")
                .extracting(e -> ((ProfileException) e).problem())
                .isEqualTo(ProfileException.Problem.NOT_A_JVM);
    }

    private static boolean canResolve(Path link) {
        try {
            link.toRealPath();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void secondSessionOnTheSameJvmIsRefused() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0));
                ProfileConnection first = ProfileClient.attach(target.pid(), agentJar, settings(Duration.ofSeconds(30)))) {
            assertThatThrownBy(() -> ProfileClient.attach(target.pid(), agentJar, settings(Duration.ofSeconds(30))))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageContaining("already being profiled")
                    .extracting(e -> ((ProfileException) e).problem())
                    .isEqualTo(ProfileException.Problem.ALREADY_ATTACHED);
            first.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void refusesAJvmWithAttachDisabled() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0), "-XX:+DisableAttachMechanism")) {
            assertThatThrownBy(() -> ProfileClient.attach(target.pid(), agentJar, settings(Duration.ofSeconds(30))))
                    .isInstanceOf(ProfileException.class)
                    .extracting(e -> ((ProfileException) e).problem())
                    .isEqualTo(ProfileException.Problem.ATTACH_DISABLED);
            assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=false");
        }
    }

    /**
     * A stopped JVM (kill -STOP) cannot answer an attach: refused at once and called stopped, not
     * blamed on -XX:+DisableAttachMechanism after HotSpot's 10 s wait, and left as it was.
     */
    @Test
    void refusesAStoppedJvmAtOnceSayingItIsStopped() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0))) {
            ProcessSignals.stop(target.pid());
            long started = System.nanoTime();
            try {
                assertThatThrownBy(() -> ProfileClient.attach(target.pid(), agentJar, settings(Duration.ofSeconds(30))))
                        .isInstanceOf(ProfileException.class)
                        .hasMessage("pid " + target.pid() + " is stopped (State: T (stopped); kill -STOP, Ctrl-Z or a"
                                + " debugger) and cannot answer an attach; resume it (kill -CONT " + target.pid()
                                + ") and try again")
                        .extracting(e -> ((ProfileException) e).problem())
                        .isEqualTo(ProfileException.Problem.NOT_ANSWERING);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            } finally {
                ProcessSignals.resume(target.pid());
            }
            assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=false");
        }
    }

    @Test
    void refusesAProcessThatIsNotAJvm() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> ProfileClient.attach(sleep.pid(), agentJar, settings(Duration.ofSeconds(30))))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageContaining("not a Java virtual machine")
                    .extracting(e -> ((ProfileException) e).problem())
                    .isEqualTo(ProfileException.Problem.NOT_A_JVM);
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void refusesAPidWithNoProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long pid = gone.pid();
        // The agent jar is asked for only once the pid passed: nothing is extracted for a refused one.
        ProfileClient.AgentJarSource mustNotBeAsked = () -> {
            throw new AssertionError("the agent jar was asked for before the pid was checked");
        };
        assertThatThrownBy(() -> ProfileClient.attach(pid, mustNotBeAsked, settings(Duration.ofSeconds(30))))
                .isInstanceOf(ProfileException.class)
                .hasMessage("no process with pid " + pid)
                .extracting(e -> ((ProfileException) e).problem())
                .isEqualTo(ProfileException.Problem.NO_SUCH_PROCESS);
    }

    @Test
    void listsRunningJvmsWithTheirVersion() throws Exception {
        try (TargetJvm target = TargetJvm.start(TargetJvm.javas().get(0))) {
            assertThat(JavaProcess.list()).anySatisfy(p -> {
                assertThat(p.pid()).isEqualTo(target.pid());
                assertThat(p.mainClass()).isEqualTo(TARGETS);
                assertThat(p.feature()).isEqualTo(Runtime.version().feature());
            });
        }
        assertThat(Files.isRegularFile(agentJar)).isTrue();
    }

    private static Snapshot.LockStats lock(Snapshot snapshot, String label) {
        return TargetJvm.lock(snapshot, label);
    }
}
