package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lockopt.agent.client.AttachTimings;
import io.lockopt.cli.CliRun;
import io.lockopt.cli.ExitCodes;
import io.lockopt.cli.profile.workload.ReadMostlyService;

/** Runs {@code lockopt profile} against real target JVMs started for the test. */
class ProfileCommandTest {
    private final CliRun cli = new CliRun();

    private static Process startTarget() throws Exception {
        return startTarget(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static Process startTarget(Path java) throws Exception {
        // The whole test class path: the target needs lockopt's locks, and it also holds the agent
        // module's classes, which must not get in the way of the agent jar's own.
        Process process = new ProcessBuilder(java.toString(),
                "-cp", System.getProperty("java.class.path"), ReadMostlyService.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("READY");
        return process;
    }

    @Test
    void profilesARunningJvmAndWritesJsonAndHtml(@TempDir Path dir) throws Exception {
        Process target = startTarget();
        try {
            Path json = dir.resolve("profile.json");
            Path html = dir.resolve("profile.html");
            int code = cli.run("profile", "--pid", Long.toString(target.pid()), "--duration", "3s", "--interval", "1s",
                    "--json", json.toString(), "--html", html.toString());
            assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);

            String report = cli.out();
            assertThat(report).contains("Locks by total wait time")
                    .contains(" 1. io.lockopt.cli.profile.workload.ReadMostlyService.cache  [ReentrantLock")
                    .contains("cycles (potential deadlocks)")
                    .containsPattern("ReadMostlyService\\.cache: (read-write-lock|optimistic-read-or-snapshot): 9\\d")
                    .contains("expected: readers ");
            assertThat(cli.err()).contains("attached to pid " + target.pid()).contains("LOCK");

            JsonNode root = new ObjectMapper().readTree(json.toFile());
            assertThat(root.path("schema").asText()).isEqualTo("lockopt-profile/1");
            assertThat(root.path("target").path("pid").asLong()).isEqualTo(target.pid());
            // The service takes its locks all the time: the first data follows the ready agent closely.
            long attach = root.path("session").path("attachNanos").asLong();
            long firstData = root.path("session").path("timeToFirstDataNanos").asLong();
            assertThat(attach).isPositive();
            assertThat(firstData).isGreaterThanOrEqualTo(attach).isLessThan(attach + 2_000_000_000L);
            assertThat(report).contains("agent ready ").contains(" after the attach began; first data after ");
            JsonNode first = root.path("locks").get(0);
            assertThat(first.path("label").asText()).isEqualTo("io.lockopt.cli.profile.workload.ReadMostlyService.cache");
            assertThat(first.path("contended").asLong()).isPositive();
            assertThat(first.path("waitTime").path("totalNanos").asLong()).isPositive();
            assertThat(first.path("holdTime").path("p50Nanos").asLong()).isBetween(150_000L, 5_000_000L);
            assertThat(first.path("readOnlySectionShare").asDouble()).isGreaterThan(0.9);
            JsonNode cycles = root.path("lockOrder").path("cycles");
            assertThat(cycles).hasSize(1);
            assertThat(cycles.get(0).path("locks").toString())
                    .contains("ReadMostlyService.ACCOUNTS").contains("ReadMostlyService.LEDGER");
            JsonNode quotes = null;
            for (JsonNode lock : root.path("locks")) {
                if (lock.path("label").asText().equals("io.lockopt.cli.profile.workload.ReadMostlyService.quotes")) {
                    quotes = lock;
                }
            }
            assertThat(quotes).as("the MeteredReadWriteLock by its field").isNotNull();
            assertThat(quotes.path("kind").asText()).isEqualTo("lockopt MeteredReadWriteLock");
            assertThat(quotes.path("reads").asLong()).isGreaterThan(quotes.path("writes").asLong());
            assertThat(quotes.path("writes").asLong()).isPositive();
            // Short holds are sampled one in 256 after the first 1024 and counted 256 times: the
            // count estimates the acquisitions to within a sample per thread.
            assertThat(quotes.path("holdTime").path("count").asLong())
                    .isCloseTo(quotes.path("acquisitions").asLong(), within(2 * 256L));
            assertThat(quotes.path("holdTime").path("totalNanos").asLong()).isPositive();
            assertThat(root.path("recommendations").findValuesAsText("kind")).contains("lock-order-cycle")
                    .containsAnyOf("read-write-lock", "optimistic-read-or-snapshot");

            String page = Files.readString(html);
            assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("ReadMostlyService.cache")
                    .doesNotContain("<script").doesNotContain("http://www.w3.org/1999");
            assertThat(target.isAlive()).as("the target keeps running after the profile").isTrue();
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTargetKilledDuringTheProfileGivesTheReportAReason() throws Exception {
        Process target = startTarget();
        try {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.run("profile", "--pid",
                    Long.toString(target.pid()), "--duration", "5m", "--interval", "200ms"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Until a live table shows the service's lock: data came before the kill.
            while (!cli.err().contains("ReadMostlyService.cache") && System.nanoTime() < deadline && !run.isDone()) {
                Thread.sleep(50);
            }
            assertThat(cli.err()).as("a live table with the lock").contains("ReadMostlyService.cache");
            target.destroyForcibly(); // SIGKILL: no shutdown hook, no last snapshot
            assertThat(run.get(90, TimeUnit.SECONDS)).as(cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(cli.out()).contains(", ended: target-gone").doesNotContain("null")
                    .contains("ReadMostlyService.cache");
            assertThat(cli.err()).contains("the report holds the data up to the last snapshot (the target exited)");
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Ctrl-C (SIGINT) or SIGTERM during a long profile: the agent stopped as at a normal end (its
     * threads gone from the target, which keeps running), the report of the time until then on stdout
     * and in --json (whole), one line saying so, nothing left in the temp directory, and the JVM's
     * 130 or 143.
     */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void anInterruptedProfileReportsTheTimeUntilThen(String signal, @TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(signal.equals("INT") && CliRun.sigintIgnored(), "SIGINT is ignored in this process,"
                + " so the child JVM inherits that and cannot see Ctrl-C");
        Process target = startTarget();
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Path json = dir.resolve("profile.json");
        Path out = dir.resolve("out");
        try {
            Process lockopt = CliRun.inItsOwnJvm(List.of("-Djava.io.tmpdir=" + temp), "profile", "--pid",
                    Long.toString(target.pid()), "--duration", "5m", "--interval", "200ms", "--json", json.toString())
                    .redirectOutput(out.toFile()).start();
            StringBuilder err = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(lockopt.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                boolean signalled = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    err.append(line).append('\n');
                    if (!signalled && line.contains("ReadMostlyService.cache")) {
                        // A live table with the lock: data came; now the user stops the profile.
                        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(lockopt.pid())).start()
                                .waitFor()).isZero();
                        signalled = true;
                    }
                }
                assertThat(signalled).as(err.toString()).isTrue();
            }
            assertThat(lockopt.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(lockopt.exitValue()).as(err.toString()).isEqualTo(signal.equals("INT") ? 130 : 143);

            assertThat(Files.readString(out)).contains("ended: interrupted").contains("Locks by total wait time")
                    .contains("ReadMostlyService.cache  [ReentrantLock");
            assertThat(err).contains("wrote " + json).doesNotContain("lockopt: interrupted")
                    .containsPattern("lockopt profile: interrupted; the report covers the \\d+\\.\\d s profiled until"
                            + " then\n$");
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            assertThat(root.path("session").path("endReason").asText()).isEqualTo("interrupted");
            assertThat(root.path("locks").toString()).contains("ReadMostlyService.cache");
            try (var left = Files.list(temp)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("the session directory is removed")
                        .noneMatch(name -> name.startsWith("lockopt-profile-"));
            }
            assertThat(target.isAlive()).as("the target keeps running").isTrue();
            assertThat(lockoptThreadsOnceEnded(target.pid())).as("threads of the agent left in the target").isEmpty();
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The agent's threads in {@code pid} (their names as the OS shows them, from /proc), once none is
     * left or after 10 s: the agent's clock and sampler threads notice the end within their pause.
     */
    private static List<String> lockoptThreadsOnceEnded(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> threads;
        do {
            threads = new java.util.ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        if (name.startsWith("lockopt")) {
                            threads.add(name);
                        }
                    } catch (java.io.IOException ended) {
                        // the thread ended meanwhile
                    }
                }
            }
            if (!threads.isEmpty()) {
                Thread.sleep(100);
            }
        } while (!threads.isEmpty() && System.nanoTime() < deadline);
        return threads;
    }

    @Test
    void notesJep451OnJava21AndLater() throws Exception {
        Path java25 = Path.of(System.getProperty("lockopt.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin",
                "java");
        Assumptions.assumeTrue(Files.isExecutable(java25), "no Java 25 at " + java25);
        Process target = startTarget(java25);
        try {
            assertThat(cli.run("profile", "--pid", Long.toString(target.pid()), "--duration", "1s")).as(cli.err())
                    .isEqualTo(ExitCodes.OK);
            assertThat(cli.err()).contains("runs Java 25").contains("JEP 451")
                    .contains("-XX:+EnableDynamicAgentLoading");
            assertThat(cli.out()).contains("ReadMostlyService.cache");
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void launchModeProfilesAProgramUntilItExits() throws Exception {
        // ReadMostlyService runs until its stdin closes (or a minute): --duration ends the profile,
        // the program keeps running, and the test stops it.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int code = cli.run("profile", "--duration", "3s", "--", java, "-cp", System.getProperty("java.class.path"),
                ReadMostlyService.class.getName());
        Matcher started = Pattern.compile("started pid (\\d+)").matcher(cli.err());
        try {
            assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(started.find()).as(cli.err()).isTrue();
            assertThat(cli.err()).contains("profiling for 3 s").contains("the launched program keeps running");
            assertThat(cli.out()).contains("ReadMostlyService.cache  [ReentrantLock");
        } finally {
            if (started.find(0)) {
                ProcessHandle.of(Long.parseLong(started.group(1))).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * A launched command that fails at once (no such main class) is the user's to fix, never an
     * internal error: one line and exit 2, whether it ends before the agent is ready or after (it
     * starts in tens of milliseconds, the JVM's own failure can take longer).
     */
    @Test
    void aLaunchedProgramThatExitsBeforeTheAgentIsReadyIsAUserError() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int code = cli.run("profile", "--duration", "5s", "--", java, "-cp", "/nonexistent", "NoSuchMainClass");
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).doesNotContain("internal error");
        assertThat(cli.err().lines().filter(l -> l.startsWith("lockopt: "))).singleElement().asString()
                .matches("lockopt: pid \\d+ exited while the agent was starting|lockopt: the launched program \\(pid"
                        + " \\d+\\) exited with code 1; the report covers its run");
    }

    /** A launched program that fails while profiled: its report, then its exit code named, and exit 2. */
    @Test
    void aLaunchedProgramThatFailsIsNamedWithItsExitCode() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int code = cli.run("profile", "--interval", "1s", "--", java, "-cp", System.getProperty("java.class.path"),
                ReadMostlyService.class.getName(), "4000", "3");
        Matcher started = Pattern.compile("started pid (\\d+)").matcher(cli.err());
        assertThat(started.find()).as(cli.err()).isTrue();
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.out()).contains("ReadMostlyService.cache  [ReentrantLock").contains("ended: target-exit");
        assertThat(cli.err().lines().filter(l -> l.startsWith("lockopt: "))).singleElement().asString()
                .isEqualTo("lockopt: the launched program (pid " + started.group(1) + ") exited with code 3; the report"
                        + " covers its run");
        assertThat(cli.err()).doesNotContain("keeps running");
    }

    @Test
    void launchModeNeedsAJavaCommand() {
        assertThat(cli.run("profile", "--", "sleep", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("launch mode runs a java command line");
    }

    @Test
    void listShowsAttachableJvms() throws Exception {
        Process target = startTarget();
        try {
            assertThat(cli.run("profile", "--list")).isEqualTo(ExitCodes.OK);
            assertThat(cli.out()).contains("PID").contains(Long.toString(target.pid()))
                    .contains(ReadMostlyService.class.getName());
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSlowAttachSaysWhereItsTimeWent() {
        AttachTimings slow = new AttachTimings(Duration.ofMillis(12), Duration.ofMillis(1830), Duration.ofMillis(1844),
                Optional.of(Duration.ofMillis(410)), Optional.of(Duration.ofMillis(1404)));
        assertThat(ProfileCommand.whereTheTimeWent(slow, false)).isEqualTo(" (checks and agent jar 12 ms, attach and"
                + " agent load 1830 ms, agent start 410 ms, instrumentation 1404 ms, waiting for ready 30 ms)");
        AttachTimings silentAgent = new AttachTimings(Duration.ofMillis(5), Duration.ofMillis(900), Duration.ofMillis(700),
                Optional.empty(), Optional.empty());
        assertThat(ProfileCommand.whereTheTimeWent(silentAgent, true)).isEqualTo(" (checks and agent jar 5 ms, process"
                + " start 900 ms, agent start and instrumentation 700 ms)");
        AttachTimings quick = new AttachTimings(Duration.ofMillis(5), Duration.ofMillis(300), Duration.ofMillis(200),
                Optional.of(Duration.ofMillis(50)), Optional.of(Duration.ofMillis(140)));
        assertThat(ProfileCommand.whereTheTimeWent(quick, false)).isEmpty();
    }

    @Test
    void noSuchPidIsOneLineAndExitTwo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThat(cli.run("profile", "--pid", Long.toString(gone.pid()))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: no process with pid " + gone.pid());
    }

    @Test
    void aProcessThatIsNotAJvmIsRefused() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(cli.run("profile", "--pid", Long.toString(sleep.pid()))).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("is not a Java virtual machine");
            assertThat(cli.err().strip().lines()).hasSize(1);
        } finally {
            sleep.destroyForcibly();
        }
    }

    /** A stopped JVM (kill -STOP) is one line saying so, at once: not a 10 s wait blamed on the attach mechanism. */
    @Test
    void aStoppedJvmIsOneLineAndExitTwoAtOnce() throws Exception {
        Process target = startTarget();
        try {
            stop(target.pid());
            long started = System.nanoTime();
            assertThat(cli.run("profile", "--pid", Long.toString(target.pid()), "--duration", "1s"))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(cli.err().strip()).isEqualTo("lockopt: pid " + target.pid() + " is stopped (State: T (stopped);"
                    + " kill -STOP, Ctrl-Z or a debugger) and cannot answer an attach; resume it (kill -CONT "
                    + target.pid() + ") and try again");
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Sends SIGSTOP and waits until the kernel shows the process stopped: kill returns before it is. */
    private static void stop(long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor()).isZero();
        Path status = Path.of("/proc", Long.toString(pid), "status");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(status).contains("State:\tT")) {
            assertThat(System.nanoTime()).as("pid %d shows as stopped within 10 s", pid).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A missing java.io.tmpdir is named as such: one line and exit 2, not an internal error or "not a JVM". */
    @Test
    void aMissingTemporaryDirectoryIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path err = dir.resolve("err");
        // The temporary directory is checked before the pid, so this test's own JVM is only named, never attached to.
        Process lockopt = CliRun.inItsOwnJvm(List.of("-Djava.io.tmpdir=" + missing), "profile", "--pid",
                Long.toString(ProcessHandle.current().pid()), "--duration", "1s")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(lockopt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(err);
        assertThat(lockopt.exitValue()).as(said).isEqualTo(ExitCodes.USAGE);
        // (Java 25 warns of the missing directory itself, in a line of its own.)
        assertThat(said.lines().filter(line -> line.startsWith("lockopt"))).singleElement().asString()
                .isEqualTo("lockopt: the temporary directory " + missing + " (java.io.tmpdir) does not exist; lockopt"
                        + " profile needs it for its session directory: give a writable one with -Djava.io.tmpdir=DIR"
                        + " (LOCKOPT_JAVA_OPTS)");
    }

    @Test
    void pidOrListIsRequiredAndBadDurationsAreRejected() {
        assertThat(cli.run("profile")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("profile", "--pid", "1", "--duration", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("'soon' is not a duration");
    }
}
