package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import io.lockopt.agent.client.JfrRecordingReader;
import io.lockopt.agent.wire.Snapshot;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Starts real target JVMs with the agent from the start ({@code -javaagent}, no arguments: the
 * always-on defaults) and a JFR recording, and checks what the recording holds against what the
 * target measured itself.
 */
class AlwaysOnIntegrationTest {
    private static final String HOT = "io.lockopt.targets.LockWorkloads.hot";

    static Stream<Path> javas() {
        return TargetJvm.javas().stream();
    }

    /** The test's JFR settings: lockopt's events only, statistics every 200 ms. */
    static Path eventSettings() throws Exception {
        return Path.of(AlwaysOnIntegrationTest.class.getResource("/lockopt-events.jfc").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void recordsContendedAcquisitionsAndLockStatisticsAsJfrEvents(Path java, @TempDir Path dir) throws Exception {
        Path recording = dir.resolve("rec.jfr");
        String truth;
        try (TargetJvm target = TargetJvm.start(java, "-javaagent:" + TargetJvm.agentJar(),
                "-XX:StartFlightRecording=filename=" + recording + ",settings=" + eventSettings())) {
            assertThat(target.ask("probe", "PROBE")).as("instrumented from the start").isEqualTo(
                    "PROBE instrumented=true");
            truth = target.ask("contend 4 6 25", "TRUTH");
            target.ask("order ab", "DONE");
            // A statistics event after the last acquisition (they come every 200 ms).
            Thread.sleep(1_000);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);

        List<RecordedEvent> contended = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.lockopt.LockContended"))
                .filter(e -> HOT.equals(e.getString("lockLabel"))).toList();
        assertThat(contended).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getString("mode")).isEqualTo("exclusive");
            assertThat(e.getString("lockClass")).isEqualTo("java.util.concurrent.locks.ReentrantLock");
            assertThat(e.getString("siteClass")).isEqualTo("io.lockopt.targets.LockWorkloads");
            assertThat(e.getLong("waitTime")).isPositive();
        });
        // Each waiter saw who held the lock as it began to wait (unless the holder let go just then).
        assertThat(contended).extracting(e -> e.getString("holderThread")).filteredOn(h -> h != null).isNotEmpty()
                .allMatch(h -> h.startsWith("worker-"));
        long waited = contended.stream().mapToLong(e -> e.getLong("waitTime")).sum();
        long truthWait = TargetJvm.value(truth, "wait");
        assertThat((double) waited).isCloseTo(truthWait, within(0.15 * truthWait));

        RecordedEvent statistics = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.lockopt.LockStatistics"))
                .filter(e -> HOT.equals(e.getString("lockLabel")))
                .max(Comparator.comparing(RecordedEvent::getStartTime)).orElseThrow();
        assertThat(statistics.getLong("acquisitions")).isEqualTo(24);
        assertThat(statistics.getLong("contended")).isEqualTo(contended.size());
        assertThat(statistics.getLong("waitTotal")).isEqualTo(waited);
        assertThat(statistics.getString("kind")).isEqualTo("ReentrantLock");
        assertThat(statistics.getString("waitHistogram")).isNotEmpty();

        // Read back as the snapshot a profile session would have sent (lockopt profile --jfr-file).
        Snapshot snapshot = JfrRecordingReader.read(recording).snapshot();
        Snapshot.LockStats hot = TargetJvm.lock(snapshot, HOT);
        assertThat(hot.acquisitions()).isEqualTo(24);
        assertThat(hot.contended()).isEqualTo(contended.size());
        assertThat(hot.waitNanos()).isEqualTo(waited);
        assertThat(hot.waits().getTotalCount()).isEqualTo(contended.size());
        assertThat(hot.waitThreads()).extracting(Snapshot.ThreadWait::thread).allMatch(t -> t.startsWith("worker"));
        assertThat(hot.waitThreads().stream().mapToLong(t -> t.waits().totalNanos()).sum()).isEqualTo(waited);
        assertThat(hot.waitHolders()).isNotEmpty().allMatch(h -> h.thread().startsWith("worker-"));
        assertThat(hot.waitSites()).singleElement().satisfies(site -> {
            Snapshot.SiteStats where = snapshot.sites().stream().filter(s -> s.id() == site.siteId()).findFirst()
                    .orElseThrow();
            assertThat(where.methodName()).isEqualTo("lambda$contend$0");
            assertThat(site.waits().count()).isEqualTo(contended.size());
        });
        // Holds by site and the lock-order graph come back too, as a live session reports them.
        assertThat(hot.holdSites()).singleElement().satisfies(site -> {
            // holds=contended: holds are measured from the lock's first contention on.
            assertThat(site.holds().count()).isPositive().isEqualTo(hot.holds().getTotalCount());
            assertThat(site.holds().totalNanos()).isEqualTo(hot.holdNanos());
            assertThat(snapshot.sites()).filteredOn(s -> s.id() == site.siteId())
                    .extracting(Snapshot.SiteStats::methodName).containsExactly("lambda$contend$0");
        });
        Snapshot.LockStats first = TargetJvm.lock(snapshot, "io.lockopt.targets.LockWorkloads.first");
        Snapshot.LockStats second = TargetJvm.lock(snapshot, "io.lockopt.targets.LockWorkloads.second");
        assertThat(snapshot.edges()).filteredOn(edge -> edge.toId() == second.id()).singleElement().satisfies(edge -> {
            assertThat(edge.fromId()).isEqualTo(first.id());
            assertThat(edge.count()).isEqualTo(1);
            assertThat(edge.thread()).isEqualTo("order-ab");
            assertThat(snapshot.sites()).filteredOn(s -> s.id() == edge.siteId())
                    .extracting(Snapshot.SiteStats::methodName).singleElement().asString()
                    .startsWith("lambda$order$");
        });
    }

    /**
     * The agent alone starts nothing of JFR (initializing it in premain slowed every JVM the agent
     * started in); a recording started later with {@code jcmd JFR.start} still gets the events.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void startsNoJfrItselfAndRegistersItsEventsWhenARecordingStartsLater(Path java, @TempDir Path dir)
            throws Exception {
        Path recording = dir.resolve("later.jfr");
        Path jcmd = java.resolveSibling("jcmd");
        try (TargetJvm target = TargetJvm.start(java, "-javaagent:" + TargetJvm.agentJar())) {
            assertThat(target.ask("probe", "PROBE")).isEqualTo("PROBE instrumented=true");
            assertThat(target.ask("jfr", "JFR")).as("the agent alone").isEqualTo("JFR initialized=false");
            run(jcmd, target.pid(), "JFR.start", "name=later", "settings=" + eventSettings(), "filename=" + recording);
            assertThat(target.ask("jfr", "JFR")).isEqualTo("JFR initialized=true");
            target.ask("contend 4 6 25", "TRUTH");
            run(jcmd, target.pid(), "JFR.stop", "name=later");
        }
        assertThat(RecordingFile.readAllEvents(recording)).filteredOn(
                e -> e.getEventType().getName().equals("io.lockopt.LockContended"))
                .filteredOn(e -> HOT.equals(e.getString("lockLabel"))).isNotEmpty();
    }

    private static void run(Path jcmd, long pid, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
