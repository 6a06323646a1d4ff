package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class AnalyzeCommandTest {
    private static final String RULE = "CliTestSleepInSynchronized";
    private static final String SLEEPY = """
            class Sleepy {
                private final Object lock = new Object();
                void f() throws InterruptedException {
                    synchronized (lock) {
                        Thread.sleep(5);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** analyze with only the cli test rule, so real rules' progress does not change the outcome. */
    private int analyze(String... args) {
        List<String> all = new ArrayList<>(List.of("analyze", "--enable", RULE));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void findingsPrintCompilerStyleAndExitOne() throws IOException {
        Path file = write("src/Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains("Sleepy.java:5:13: warning: sleeping while holding the monitor of lock; "
                + "release it first [" + RULE + "]")
                .contains("1 files scanned", "1 finding (" + RULE + " 1), 0 suppressed, 0 baselined, 0 parse errors");
        assertThat(file).exists();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void failOnDecidesTheExitCode() throws IOException {
        write("Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--fail-on", "never")).isEqualTo(ExitCodes.OK);
        assertThat(analyze(dir.toString(), "--fail-on", "error")).isEqualTo(ExitCodes.OK);
        assertThat(analyze(dir.toString(), "--fail-on", "note")).isEqualTo(ExitCodes.FINDINGS);
        String config = write("lockopt.yml", "rules:\n  " + RULE + ":\n    severity: error\n").toString();
        assertThat(analyze(dir.toString(), "--fail-on", "error", "--config", config)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains(": error: sleeping");
    }

    @Test
    void syntaxErrorIsAWarningLineAndDoesNotChangeTheExitCodeUnlessStrict() throws IOException {
        write("Sleepy.java", SLEEPY);
        write("Broken.java", "class Broken { synchronized void f( }");
        assertThat(analyze(dir.toString(), "--fail-on", "never")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Broken.java:1:", ": warning: cannot parse:", "[unparsable]",
                "1 parse error");
        assertThat(analyze(dir.toString(), "--fail-on", "never", "--strict")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--strict");
    }

    @Test
    void sarifGoesToTheOutputFileAndTheSummaryToStderr() throws IOException {
        write("Sleepy.java", SLEEPY);
        Path report = dir.resolve("out/report.sarif");
        assertThat(analyze(dir.toString(), "--format", "sarif", "--output", report.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).isEmpty();
        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertThat(sarif.path("runs").path(0).path("results")).hasSize(1);
        assertThat(sarif.path("runs").path(0).path("tool").path("driver").path("rules").findValuesAsText("id"))
                .contains(RULE);
        assertThat(err.toString()).contains("1 new findings", "report written to");
    }

    @Test
    void jsonToStdout() throws IOException {
        write("Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--format", "json", "--quiet")).isEqualTo(ExitCodes.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("findings").path(0).path("rule").asText()).isEqualTo(RULE);
        assertThat(json.path("findings").path(0).path("line").asInt()).isEqualTo(5);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void writeBaselineThenBaselineMakesTheRunPass() throws IOException {
        Path file = write("Sleepy.java", SLEEPY);
        Path baseline = dir.resolve("baseline.json");
        assertThat(analyze(dir.toString(), "--write-baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("wrote 1 findings to baseline");
        assertThat(analyze(dir.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("1 baselined");
        Files.writeString(file, SLEEPY.replace("class Sleepy {", "class Sleepy {\n    int unrelated;\n"));
        assertThat(analyze(dir.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        Files.writeString(file, SLEEPY.replace("Thread.sleep(5);", "Thread.sleep(5);\nThread.sleep(6);"));
        assertThat(analyze(dir.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void directoryWithoutJavaFilesSaysSoAndExitsZero() throws IOException {
        write("notes.txt", "nothing here");
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("no Java files found in " + dir).contains("nothing to analyze");
    }

    @Test
    void missingPathExitsTwoWithOneLine() {
        assertThat(analyze(dir.resolve("missing").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).startsWith("lockopt: no such file or directory:").doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownRuleAndBadConfigExitTwo() throws IOException {
        write("Sleepy.java", SLEEPY);
        assertThat(run("analyze", "--disable", "NoSuchRule", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown rule 'NoSuchRule' in --disable");
        write("lockopt.yml", "rulez: {}\n");
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("lockopt.yml: unknown key 'rulez'");
        assertThat(analyze(dir.toString(), "--encoding", "KLINGON-8")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void excludeLeavesFilesOut() throws IOException {
        write("gen/Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--exclude", "gen/**", "--exclude", "*.txt")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("0 files scanned");
    }

    @Test
    void suppressionsAreCountedNotFailed() throws IOException {
        write("Sleepy.java", SLEEPY.replace("Thread.sleep(5);", "Thread.sleep(5); // lockopt:ignore " + RULE + " test"));
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("0 findings, 1 suppressed");
    }

    @Test
    void targetJdkReachesTheRulesFromOptionOrConfig() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        String[] pinning = {"analyze", "--enable", "VirtualThreadPinning", "--fail-on", "note", dir.resolve("src").toString()};
        assertThat(run(pinning)).isEqualTo(ExitCodes.OK);
        String[] on21 = java.util.Arrays.copyOf(pinning, pinning.length + 2);
        on21[pinning.length] = "--target-jdk";
        on21[pinning.length + 1] = "21";
        assertThat(run(on21)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains("[VirtualThreadPinning]");
        write("src/lockopt.yml", "targetJdk: 22\n");
        assertThat(run(pinning)).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("analyze", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Usage: lockopt analyze", "--format", "--fail-on", "--baseline",
                "--write-baseline", "--target-jdk", "--encoding", "lockopt:ignore");
        out.getBuffer().setLength(0);
        assertThat(run("rules", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("--explain");
    }

    @Test
    void rulesListsAndExplains() {
        assertThat(run("rules")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern(RULE + " +warning +Thread.sleep inside synchronized");
        out.getBuffer().setLength(0);
        assertThat(run("rules", "--explain", RULE)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("# " + RULE).contains("## Bad");
        assertThat(run("rules", "--explain", "Nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown rule 'Nope'");
    }

    @Test
    void aRuleThatThrowsGivesExitThreeWithTheRuleAndFileNamedUnlessKeepGoing() throws IOException {
        write("Sleepy.java", SLEEPY.replace("class Sleepy {", "class Sleepy { // CLI_TEST_BOOM"));
        List<String> rules = List.of("analyze", "--enable", RULE + ",CliTestFailOnMarker", dir.toString());
        assertThat(run(rules.toArray(String[]::new))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(out.toString()).contains("Sleepy.java:5:13: warning: sleeping", "[rule-failure]");
        assertThat(err.toString()).containsPattern("lockopt: rule CliTestFailOnMarker failed on \\S*/Sleepy.java: "
                + "java.lang.IllegalStateException: injected failure on \\S*Sleepy.java")
                .contains("1 rule failure", "exit 3", "--keep-going")
                .doesNotContain("\tat io.lockopt");

        err.getBuffer().setLength(0);
        List<String> verbose = new ArrayList<>(rules);
        verbose.add("--verbose");
        assertThat(run(verbose.toArray(String[]::new))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).contains("\tat io.lockopt.cli.testrules.CliTestFailOnMarker.check");

        err.getBuffer().setLength(0);
        List<String> keepGoing = new ArrayList<>(rules);
        keepGoing.add("--keep-going");
        assertThat(run(keepGoing.toArray(String[]::new))).isEqualTo(ExitCodes.FINDINGS);
        assertThat(err.toString()).contains("rule CliTestFailOnMarker failed", "--keep-going: exit code as usual");
    }

    @Test
    void aRuleFailureIsAToolExecutionNotificationWithTheExceptionInSarif() throws IOException {
        write("Sleepy.java", SLEEPY.replace("class Sleepy {", "class Sleepy { // CLI_TEST_BOOM"));
        Path sarif = dir.resolve("out.sarif");
        assertThat(run("analyze", "--enable", "CliTestFailOnMarker", dir.resolve("Sleepy.java").toString(),
                "--format", "sarif", "--output", sarif.toString())).isEqualTo(ExitCodes.INTERNAL);
        JsonNode invocation = new ObjectMapper().readTree(sarif.toFile()).path("runs").path(0).path("invocations")
                .path(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        JsonNode notification = invocation.path("toolExecutionNotifications").path(0);
        assertThat(notification.path("associatedRule").path("id").asText()).isEqualTo("CliTestFailOnMarker");
        assertThat(notification.path("exception").path("kind").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(notification.path("exception").path("stack").path("frames").size()).isPositive();
    }
}
