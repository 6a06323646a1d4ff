package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Usage: lockopt", "completion", "Exit codes:");
    }

    @Test
    void unknownOptionIsOneLinePlusHintAndExitsTwo() {
        assertThat(run("--bogus")).isEqualTo(ExitCodes.USAGE);
        String[] lines = err.toString().strip().split("\\R");
        assertThat(lines[0]).contains("Unknown option: '--bogus'");
        assertThat(err.toString()).doesNotContain("at picocli.").doesNotContain("Exception");
        assertThat(lines).hasSizeLessThanOrEqualTo(3);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownSubcommandExitsTwo() {
        assertThat(run("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void verboseAddsStackTrace() {
        assertThat(run("--verbose", "--bogus")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("at picocli.");
    }

    @Test
    void versionWithoutManifestStillAnswers() {
        assertThat(run("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("lockopt").contains("runtime:");
    }

    @Test
    void completionPrintsBashScript() {
        assertThat(run("completion")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("complete -F").contains("_picocli_lockopt");
    }

    @Test
    void demoBadOptionIsOneLineAndExitsTwo() {
        assertThat(run("demo", "--strategy", "spin")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("lockopt: ").contains("unknown strategy 'spin'");
        assertThat(err.toString().strip().split("\\R")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void failuresMapToExitCodes() {
        ExceptionExitCodes mapper = new ExceptionExitCodes();
        assertThat(mapper.getExitCode(new UserInputException("no such path: x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(mapper.getExitCode(new IllegalStateException("bug"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(mapper.getExitCode(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("x")))).isEqualTo(ExitCodes.USAGE);
    }
}
