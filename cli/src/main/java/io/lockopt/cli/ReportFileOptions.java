package io.lockopt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.lockopt.files.OutputTarget;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The report files a command writes beside what it prints, {@code --json} and {@code --html}, one
 * {@link OutputTarget} each (checked while the options are parsed): a mixin of bench, profile and
 * profile merge, so the three spell, check and describe them alike.
 */
public final class ReportFileOptions {
    @Option(names = "--json", paramLabel = "FILE", converter = OutputTargetConverter.class,
            description = "Also write the report as JSON (its schema: the command's page in docs/); - for stdout.")
    OutputTarget json;

    @Option(names = "--html", paramLabel = "FILE", converter = OutputTargetConverter.class,
            description = "Also write the report as a self-contained HTML page with charts.")
    OutputTarget html;

    /** {@code --json}, or {@code null} when not given. */
    public OutputTarget json() {
        return json;
    }

    /** {@code --html}, or {@code null} when not given. */
    public OutputTarget html() {
        return html;
    }

    /**
     * {@code --json} and {@code --html} are two places, and neither is one of {@code inputs} (a
     * merge writing its JSON over a report it reads): checked before any work, one line, exit 2.
     */
    public void requireApart(List<Path> inputs) throws IOException {
        apart(inputs).check();
    }

    /**
     * The check of {@link #requireApart}, for a command to add files of its own to (bench's {@code
     * --jmh-json}, the reports merge adds up).
     */
    public DistinctFiles apart(List<Path> inputs) {
        DistinctFiles files = new DistinctFiles().writes("--json", json).writes("--html", html);
        inputs.forEach(input -> files.reads("a file this command reads", input));
        return files;
    }

    /**
     * Where the human-readable report goes: standard output, unless one of these files or
     * {@code others} is written there ({@code -}); then standard error, so that what reaches
     * standard output stays machine-readable (a JSON report piped into {@code jq}).
     */
    public PrintWriter textOut(CommandLine commandLine, OutputTarget... others) {
        boolean taken = Stream.concat(Stream.of(json, html), Stream.of(others))
                .anyMatch(target -> target != null && target.isStandardOutput());
        return taken ? commandLine.getErr() : commandLine.getOut();
    }
}
