package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final CliRun cli = new CliRun();

    @Test
    void helpListsSubcommandsAndExitCodes() {
        assertThat(cli.run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Usage: lockopt", "completion", "Exit codes:");
    }

    @Test
    void unknownOptionIsOneLinePlusHintAndExitsTwo() {
        assertThat(cli.run("--bogus")).isEqualTo(ExitCodes.USAGE);
        String[] lines = cli.err().strip().split("\\R");
        assertThat(lines[0]).contains("Unknown option: '--bogus'");
        assertThat(cli.err()).doesNotContain("at picocli.").doesNotContain("Exception");
        assertThat(lines).hasSizeLessThanOrEqualTo(3);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void unknownSubcommandExitsTwo() {
        assertThat(cli.run("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("frobnicate");
    }

    @Test
    void verboseAddsStackTrace() {
        assertThat(cli.run("--verbose", "--bogus")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("at picocli.");
    }

    @Test
    void versionWithoutManifestStillAnswers() {
        assertThat(cli.run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("lockopt").contains("runtime:");
    }

    @Test
    void completionPrintsBashScript() {
        assertThat(cli.run("completion")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("complete -F").contains("_picocli_lockopt");
    }

    @Test
    void demoBadOptionIsOneLineAndExitsTwo() {
        assertThat(cli.run("demo", "--strategy", "spin")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("lockopt: ").contains("unknown strategy 'spin'");
        assertThat(cli.err().strip().split("\\R")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void runningOutOfMemoryIsOneLineSayingHowToRaiseTheHeap() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = Main.newCommandLine().setErr(new java.io.PrintWriter(err));
        int code = new ExceptionExitCodes().handleExecutionException(
                new IllegalStateException("scan failed", new OutOfMemoryError("Java heap space")), cmd, cmd.parseArgs());
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString().strip()).startsWith("lockopt: out of memory (the JVM's heap limit is ")
                .contains("LOCKOPT_JAVA_OPTS=-Xmx").doesNotContain("internal error").doesNotContain("\n");
    }

    /**
     * A run builds only the subcommand it names: what it prints for help, a bad option and a
     * version is what the command line with every subcommand prints; help, completion and a typo
     * still see them all.
     */
    @Test
    void aRunOfOneSubcommandAnswersAsTheWholeCommandLine() {
        List<List<String>> runs = List.of(List.of("analyze", "--help"), List.of("rules", "--help"),
                List.of("bench", "--help"), List.of("profile", "--help"), List.of("profile", "merge", "--help"),
                List.of("demo", "--help"), List.of("analyze", "--no-such-option"), List.of("--version"),
                List.of("help", "bench"), List.of("analyse"), List.of("--help"), List.of());
        for (List<String> run : runs) {
            String[] args = run.toArray(String[]::new);
            java.io.StringWriter wholeOut = new java.io.StringWriter();
            java.io.StringWriter wholeErr = new java.io.StringWriter();
            int wholeCode = Main.newCommandLine().setOut(new java.io.PrintWriter(wholeOut, true))
                    .setErr(new java.io.PrintWriter(wholeErr, true)).execute(args);
            CliRun one = new CliRun();
            assertThat(one.run(args)).as("exit code of %s", run).isEqualTo(wholeCode);
            assertThat(one.out()).as("stdout of %s", run).isEqualTo(wholeOut.toString());
            assertThat(one.err()).as("stderr of %s", run).isEqualTo(wholeErr.toString());
        }
        assertThat(Main.newCommandLine("analyze", "x").getSubcommands()).containsOnlyKeys("analyze");
        assertThat(Main.newCommandLine("help", "analyze").getSubcommands())
                .containsKeys("analyze", "rules", "demo", "bench", "profile", "completion", "help");
    }

    @Test
    void failuresMapToExitCodes() {
        ExceptionExitCodes mapper = new ExceptionExitCodes();
        assertThat(mapper.getExitCode(new UserInputException("no such path: x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(mapper.getExitCode(new IllegalStateException("bug"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(mapper.getExitCode(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("x")))).isEqualTo(ExitCodes.USAGE);
    }

    /** lockopt as the launcher runs it: a JVM of its own, so that System.exit, stdout and signals are real. */
    private static ProcessBuilder lockopt(String... args) {
        return CliRun.inItsOwnJvm(java.util.List.of(), args);
    }

    /** A listing lost to a full disk is one line and exit 2, not exit 0 with nothing said. */
    @Test
    void aFullStandardOutputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        File full = new File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "needs /dev/full (Linux)");
        Process process = lockopt("rules").redirectOutput(full).redirectError(dir.resolve("err").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(dir.resolve("err")).lines()).singleElement().asString()
                .startsWith("lockopt: cannot write standard output: ");
    }

    /**
     * A report lost to a full device, on stdout or through --output, is the one line that says so: no
     * summary of findings nobody got, no "nothing to analyze", and exit 2 whatever the findings.
     */
    @Test
    void anAnalysisReportLostToAFullDeviceIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        File full = new File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "needs /dev/full (Linux)");
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("Account.java"), """
                class Account {
                    final java.util.concurrent.locks.Lock lock = new java.util.concurrent.locks.ReentrantLock();
                    long balance;
                    void deposit(long amount) {
                        lock.lock();
                        if (amount <= 0) throw new IllegalArgumentException();
                        balance += amount;
                        lock.unlock();
                    }
                }
                """);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String[][] toStandardOutput = {
            {"analyze", sources.toString()},
            {"analyze", sources.toString(), "--format", "json"},
            {"analyze", sources.toString(), "--format", "sarif"},
            {"analyze", empty.toString()},
        };
        String[][] toOutput = {
            {"analyze", sources.toString(), "--format", "json", "--output", full.getPath()},
            {"analyze", sources.toString(), "--format", "sarif", "--output", full.getPath()},
        };
        Path err = dir.resolve("err");
        for (String[][] commands : new String[][][] {toStandardOutput, toOutput}) {
            for (String[] command : commands) {
                ProcessBuilder run = lockopt(command).redirectError(err.toFile());
                Process process = (commands == toOutput ? run.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        : run.redirectOutput(full)).start();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String said = Files.readString(err);
                assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + said).isEqualTo(ExitCodes.USAGE);
                assertThat(said.lines()).as(String.join(" ", command)).singleElement().asString()
                        .startsWith(commands == toOutput ? "lockopt: cannot write /dev/full: "
                                : "lockopt: cannot write standard output: ");
            }
        }
    }

    /** SIGTERM during an analysis: one line, the JVM's 143, and the earlier report left as it was. */
    @Test
    void anInterruptedRunSaysSoAndLeavesTheOldReport(@TempDir Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        for (int i = 0; i < 3_000; i++) {
            Files.writeString(sources.resolve("C" + i + ".java"), "class C" + i + " { final Object l = new Object();"
                    + " int x; void f() { synchronized (l) { x++; } } int g() { return x; } }\n");
        }
        Path report = Files.writeString(dir.resolve("report.json"), "the previous report");
        Path errors = Files.createDirectories(dir.resolve("out")).resolve("err");
        Process process = lockopt("analyze", sources.toString(), "--format", "json", "--output", report.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
        Thread.sleep(1_500); // under way: JVM start and discovery take longer than this
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(errors).strip();
        if (process.exitValue() == 143) {
            assertThat(said).endsWith("lockopt: interrupted");
            assertThat(Files.readString(report)).isEqualTo("the previous report");
        } else {
            // Finished before the signal (a fast machine): then nothing may say it was interrupted.
            assertThat(process.exitValue()).as(said).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
            assertThat(said).doesNotContain("interrupted");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("src", "out", "report.json");
        }
    }
}
