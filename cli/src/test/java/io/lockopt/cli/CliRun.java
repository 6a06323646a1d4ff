package io.lockopt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * lockopt's command line run in-process, as the launcher runs it, keeping what it printed: one
 * per test (a field), so each test sees only its own output.
 */
public final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs one command line and returns its exit code; output accumulates until {@link #clear}. */
    public int run(String... args) {
        return execute(Main.newCommandLine(args), args);
    }

    /**
     * Runs one command object alone, with the one duration grammar: for a test that must reach the
     * running instance (to stop it).
     */
    public int runCommand(Object command, String... args) {
        return execute(DurationConverter.registerOn(new CommandLine(command)), args);
    }

    private int execute(CommandLine cmd, String... args) {
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /**
     * lockopt as the launcher runs it, in a JVM of its own with {@code jvmOptions}: for what only a
     * process has (System.exit, signals, standard streams, system properties of its own).
     */
    public static ProcessBuilder inItsOwnJvm(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** How a run in a JVM of its own ended: its exit code and what it printed on stderr. */
    public record Ended(int exitCode, String err) {
        /**
         * The run lost its standard output and said so in one line, exit 2: whatever else went to
         * stderr before it (progress, a report meant for stdout), no other "lockopt:" or "wrote" line.
         */
        public void saidStandardOutputLost(String context) {
            org.assertj.core.api.Assertions.assertThat(exitCode).as(context + "\n" + err).isEqualTo(ExitCodes.USAGE);
            org.assertj.core.api.Assertions.assertThat(err.lines()
                    .filter(line -> line.startsWith("lockopt: ") || line.startsWith("wrote ")))
                    .as(context).singleElement().asString().startsWith("lockopt: cannot write standard output: ");
        }
    }

    /**
     * lockopt in a JVM of its own ({@link #inItsOwnJvm}) with its standard output going to {@code out}
     * ({@code /dev/full}: a full disk) and stderr to the file {@code err}; fails the test when it runs
     * longer than {@code seconds}.
     */
    public static Ended withStandardOutputTo(java.io.File out, Path err, long seconds, List<String> jvmOptions,
            String... args) throws Exception {
        Process process = inItsOwnJvm(jvmOptions, args).redirectOutput(out).redirectError(err.toFile()).start();
        org.assertj.core.api.Assertions.assertThat(process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS))
                .as(String.join(" ", args)).isTrue();
        return new Ended(process.exitValue(), java.nio.file.Files.readString(err));
    }

    /**
     * Whether SIGINT is ignored in this process ({@code SigIgn} in /proc/self/status; bit n-1 is
     * signal n): a job a non-interactive shell started in the background, whose children inherit that
     * and cannot see Ctrl-C.
     */
    public static boolean sigintIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!java.nio.file.Files.isReadable(status)) {
            return false;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /** Everything printed to stdout so far. */
    public String out() {
        return out.toString();
    }

    /** Everything printed to stderr so far. */
    public String err() {
        return err.toString();
    }

    /** Forgets the output so far, for a test that runs several commands. */
    public void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
