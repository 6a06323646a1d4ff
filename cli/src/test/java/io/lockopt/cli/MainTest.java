package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;


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

    @Test
    void failuresMapToExitCodes() {
        ExceptionExitCodes mapper = new ExceptionExitCodes();
        assertThat(mapper.getExitCode(new UserInputException("no such path: x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(mapper.getExitCode(new IllegalStateException("bug"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(mapper.getExitCode(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("x")))).isEqualTo(ExitCodes.USAGE);
    }
}
