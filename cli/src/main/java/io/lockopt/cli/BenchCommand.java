package io.lockopt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.openjdk.jmh.runner.RunnerException;

import com.fasterxml.jackson.core.JacksonException;

import io.lockopt.advice.Calibration;
import io.lockopt.advice.CalibrationTable;
import io.lockopt.analyzer.engine.JsonProblem;
import io.lockopt.benchmark.calibrate.CalibrationSweep;
import io.lockopt.benchmark.report.BenchReport;
import io.lockopt.benchmark.report.Comparison;
import io.lockopt.benchmark.report.Environment;
import io.lockopt.benchmark.report.HtmlReport;
import io.lockopt.benchmark.report.ReportJson;
import io.lockopt.benchmark.report.ReportTable;
import io.lockopt.benchmark.run.BenchProgress;
import io.lockopt.benchmark.run.BenchRunner;
import io.lockopt.benchmark.run.BenchSettings;
import io.lockopt.benchmark.run.BenchmarkCatalog;
import io.lockopt.benchmark.run.BenchmarkPlan;
import io.lockopt.benchmark.run.CatalogEntry;
import io.lockopt.benchmark.run.Suite;
import io.lockopt.files.InputFile;
import io.lockopt.files.OutputTarget;
import io.lockopt.files.ReportBatch;
import io.lockopt.files.ReportBatch.Output;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lockopt bench}: runs the bundled JMH suites and reports scores, ratios to the
 * regular-lock baseline and, against an earlier run, verdicts.
 *
 * <p>Design notes. Two threads can finish a run: this command's thread when JMH returns, and
 * the shutdown hook when the user presses Ctrl-C. {@code finished} lets exactly one of them
 * write the outputs; the other waits (bounded) on {@code written}, so the JVM does not exit
 * halfway through a report. Every file is written to a temporary file and moved into place.
 */
@Command(name = "bench",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Measure regular, read/write and lock-free structures with the bundled JMH suites on this machine.",
            "Suites: counters, rwlock, buffer, keyed, realtime. Each compares implementations (variants) "
                    + "against the suite's regular-lock baseline.",
            "Progress goes to stderr, the table to stdout.",
            "Ctrl-C stops the run; what was measured is still printed and written, marked incomplete."
        },
        footer = {
            "",
            "Examples:",
            "  lockopt bench --quick --suite rwlock --json r.json --html r.html",
            "  lockopt bench --suite buffer --threads 1,2,4",
            "  lockopt bench --quick --benchmark 'counters\\.increment$' --param impl=ATOMIC_LONG",
            "  lockopt bench --quick --suite rwlock --compare r.json",
            "  lockopt bench --calibrate --quick --output cal.json",
            "",
            DurationConverter.HELP,
            "Exit codes: 0 ok, 2 usage or input error, 3 internal error (a benchmark failed), 130/143 interrupted"
                    + " (Ctrl-C, SIGTERM): the variant runs that finished are still reported."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    BenchSelection selection;

    @Option(names = "--list", description = "List the selected benchmarks and their variants, run nothing.")
    boolean list;

    @Mixin
    ReportFileOptions reportFiles;

    @Option(names = "--jmh-json", paramLabel = "FILE", converter = OutputTargetConverter.class,
            description = "Write JMH's own result JSON (for jmh-visualizer).")
    OutputTarget jmhJson;

    @Option(names = "--compare", paramLabel = "OLD.json",
            description = "Compare with an earlier --json (or --jmh-json) file: ratio new/old and a verdict per benchmark.")
    Path compare;

    @Option(names = "--jmh-log", description = "Show JMH's own progress log on stderr.")
    boolean jmhLog;

    @Option(names = "--calibrate",
            description = "Measure the crossover hold times of exclusive, read/write, optimistic StampedLock and "
                    + "copy-on-write on this machine (rwlock.readMostly over a sweep of work and thread counts) and "
                    + "write them to --output, for --calibration on analyze and profile. With --quick: under a minute.")
    boolean calibrate;

    @Option(names = "--output", paramLabel = "FILE", converter = OutputTargetConverter.class,
            description = "With --calibrate: the calibration file to write.")
    OutputTarget output;

    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch written = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException {
        BenchmarkCatalog catalog = BenchmarkCatalog.load();
        reportFiles.apart(compare == null ? List.of() : List.of(compare))
                .writes("--jmh-json", jmhJson).writes("--output", output).check();
        if (list && (reportFiles.json() != null || reportFiles.html() != null || jmhJson != null || compare != null)) {
            throw new UserInputException("--list runs nothing, so it writes and compares nothing: leave out --json,"
                    + " --html, --jmh-json and --compare");
        }
        if (!calibrate && output != null) {
            throw new UserInputException("--output is the calibration file of --calibrate; use --json for a report");
        }
        BenchSettings settings = calibrate ? calibrationSettings() : selection.settings();
        selection.validateParams(catalog.select(settings));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            List<CatalogEntry> selected = catalog.select(settings);
            if (selected.isEmpty()) {
                throw noMatch();
            }
            out.print(listing(selected));
            out.flush();
            return ExitCodes.OK;
        }
        BenchReport old = compare == null ? null : readOld(catalog);
        BenchmarkPlan plan = catalog.plan(settings);
        if (plan.isEmpty()) {
            throw noMatch();
        }
        Environment environment = Environment.capture();
        Instant startedAt = Instant.now();
        err.printf(Locale.ROOT, "lockopt bench: %d variant runs, about %s (%s profile, %d CPUs, load average %s)%n",
                plan.executions(), describe(plan.estimatedTime()), selection.quick ? "quick" : "standard", environment.cpus(),
                environment.loadAverage() < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", environment.loadAverage()));
        settings.threads().stream().filter(t -> t > environment.cpus()).findFirst().ifPresent(t -> err.printf(
                "warning: %d threads on %d CPUs: results will include time-slicing%n", t, environment.cpus()));
        err.flush();

        BenchRunner runner = new BenchRunner(plan, progressTo(err), jmhLog);
        Thread onInterrupt = new Thread(() -> finishInterrupted(runner, startedAt, environment, old), "lockopt-bench-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        Interruption.toldByTheCommand();
        try {
            runner.run();
        } catch (RunnerException e) {
            if (String.valueOf(e.getMessage()).contains("Unable to acquire the JMH lock")) {
                throw new UserInputException("another JMH benchmark run is in progress on this machine (it holds "
                        + "the JMH lock file); run again when it has finished, two runs at once distort each other", e);
            }
            throw new IllegalStateException("a benchmark failed: " + rootMessage(e), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook writes the outputs.
            }
        }
        finishOnce(runner, startedAt, environment, old, true);
        return ExitCodes.OK;
    }

    /** The calibration sweep; the options that choose benchmarks do not apply to it. */
    private BenchSettings calibrationSettings() {
        if (output == null) {
            throw new UserInputException("--calibrate needs --output FILE for the calibration");
        }
        if (selection.choosesBenchmarks() || list) {
            throw new UserInputException("--calibrate runs its own sweep: leave out --suite, --benchmark, --param,"
                    + " --threads and --list");
        }
        return CalibrationSweep.settings(selection.quick);
    }

    /** Where the calibration was measured, with the load it shared the machine with. */
    private static String machine(Environment environment) {
        return environment.cpus() + " CPUs, " + environment.os() + ", " + environment.jvm()
                + (environment.loadAverage() < 0 ? "" : String.format(Locale.ROOT, ", load average %.1f at the start",
                        environment.loadAverage()));
    }

    private BenchReport readOld(BenchmarkCatalog catalog) throws IOException {
        Map<String, Set<String>> roles = catalog.entries().stream()
                .collect(Collectors.toMap(CatalogEntry::jmhName, e -> Set.copyOf(e.roles())));
        String text;
        try {
            text = InputFile.readString(compare);
        } catch (NoSuchFileException e) {
            throw new UserInputException("--compare: no such file: " + compare);
        } catch (InputFile.NotARegularFileException e) {
            throw new UserInputException("--compare: " + e.getMessage());
        } catch (CharacterCodingException e) {
            // Files.readString's own message is only "Input length = 1".
            throw new UserInputException("--compare: " + compare + " is not a lockopt bench report or JMH result JSON:"
                    + " it is not UTF-8 text (a binary file?)", e);
        } catch (IOException e) {
            throw new UserInputException("--compare: cannot read " + compare + ": " + InputFile.describe(e));
        }
        try {
            return ReportJson.readAny(text, name -> roles.getOrDefault(name, Set.of()));
        } catch (JacksonException e) {
            throw new UserInputException("--compare: " + JsonProblem.of(e).message(compare,
                    "a lockopt bench report or JMH result JSON"), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException("--compare: " + compare + " is not a lockopt bench report or JMH result JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    private static BenchProgress progressTo(PrintWriter err) {
        return new BenchProgress() {
            @Override
            public void started(int index, int total, String label, Duration remaining) {
                err.printf(Locale.ROOT, "[%d/%d] %s  (about %s left)%n", index, total, label, describe(remaining));
                err.flush();
            }

            @Override
            public void log(String line) {
                err.println("  jmh: " + line);
                err.flush();
            }
        };
    }

    /** Prints and writes the outputs once, whether the run completed or was interrupted. */
    private void finishOnce(BenchRunner runner, Instant startedAt, Environment environment, BenchReport old,
            boolean complete) {
        if (!finished.compareAndSet(false, true)) {
            awaitWritten();
            return;
        }
        try {
            PrintWriter out = reportFiles.textOut(spec.commandLine(), jmhJson, output);
            PrintWriter err = spec.commandLine().getErr();
            if (!complete && runner.results().isEmpty()) {
                // An empty report would replace the one an earlier run left at --json (or --html).
                err.println();
                err.println("lockopt: interrupted before a variant run finished: nothing to report, no file written");
                err.flush();
                return;
            }
            if (!complete) {
                err.println();
                err.println("lockopt bench: interrupted; reporting the " + runner.results().size() + " finished variant runs"
                        + (calibrate ? "; no calibration written to " + output + ": it needs the whole sweep" : ""));
                err.flush();
            }
            BenchReport report = runner.report(startedAt, environment, complete);
            Calibration calibration = calibrate && complete ? CalibrationSweep.calibration(report, machine(environment),
                    report.finishedAt(), "lockopt bench --calibrate" + (selection.quick ? " --quick" : "") + " "
                    + report.settings()) : null;
            out.println();
            out.print(ReportTable.render(report));
            if (old != null) {
                out.println();
                out.println("Compared with " + compare + ":");
                out.print(ReportTable.renderComparison(Comparison.of(report, old)));
            }
            if (calibration != null) {
                out.println();
                out.print(CalibrationTable.render(calibration));
            }
            out.flush();
            write(List.of(new Output(reportFiles.json(), "report", w -> ReportJson.write(report, w)),
                    new Output(jmhJson, "JMH JSON", w -> w.write(runner.jmhJson())),
                    new Output(reportFiles.html(), "HTML page", w -> HtmlReport.write(report, w)),
                    new Output(calibration == null ? null : output, "calibration", w -> w.write(calibration.toJson()))));
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        } finally {
            written.countDown();
        }
    }

    /**
     * The shutdown hook's finish: a failure (a file that cannot be written, a full stdout) is the one
     * line {@link ExceptionExitCodes} prints, as on the command's own thread, not the hook thread's
     * stack trace. The exit code stays the signal's (130, 143).
     */
    private void finishInterrupted(BenchRunner runner, Instant startedAt, Environment environment, BenchReport old) {
        try {
            finishOnce(runner, startedAt, environment, old, false);
        } catch (RuntimeException e) {
            CommandLine commandLine = spec.commandLine();
            try {
                commandLine.getExecutionExceptionHandler().handleExecutionException(e, commandLine,
                        commandLine.getParseResult());
            } catch (Exception notHandled) {
                throw e;
            }
        }
    }

    private void awaitWritten() {
        try {
            written.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reports of the run on stdout first, then the files ({@link ReportBatch}). */
    private void write(List<Output> outputs) throws IOException {
        PrintWriter standardOutput = spec.commandLine().getOut();
        ReportBatch.write(outputs, standardOutput, spec.commandLine().getErr(),
                () -> CheckedStandardOutput.requireWritten(standardOutput));
    }

    private UserInputException noMatch() {
        return new UserInputException("no benchmark matches --benchmark '" + selection.benchmark + "' in the selected suites"
                + " (see lockopt bench --list)");
    }

    private static String listing(List<CatalogEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (CatalogEntry e : entries) {
            text.append(e.name()).append("  (").append(e.threads()).append(e.threads() == 1 ? " thread" : " threads")
                    .append(e.isGroup() ? ": " + String.join(", ", e.roles()) : "").append(")\n");
            e.params().forEach((name, values) -> text.append("    ").append(name).append(": ")
                    .append(String.join(", ", values))
                    .append(name.equals(Suite.VARIANT_PARAM) ? "   (baseline " + e.suite().baselineVariant() + ")" : "")
                    .append('\n'));
        }
        return text.toString();
    }

    private static String describe(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
