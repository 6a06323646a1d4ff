package io.lockopt.benchmark.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.lockopt.benchmark.report.BenchReport;
import io.lockopt.benchmark.report.BenchResult;
import io.lockopt.benchmark.report.Environment;
import io.lockopt.benchmark.report.JmhResultReader;
import io.lockopt.benchmark.report.ReportJson;

/**
 * Runs a {@link BenchmarkPlan} through JMH's Java API ({@link Runner} + {@link OptionsBuilder}),
 * one JMH run per plan entry, and keeps every finished variant's result as soon as JMH reports
 * it.
 *
 * <p>Forks: JMH starts each fork as {@code java <host JVM flags> -cp <host class path>
 * ForkedMain}; from the shaded CLI jar the host class path is that jar, which carries the
 * generated benchmark classes and {@code META-INF/BenchmarkList}, so forks find everything.
 *
 * <p>Design notes. Who races: the runner thread appends results; another thread (a shutdown
 * hook after Ctrl-C) may call {@link #results()} and {@link #jmhJson()} at any time. Both go
 * through {@code synchronized} methods on this object, and readers get copies.
 */
public final class BenchRunner {
    /**
     * Every fork gets a fixed heap, touched before the benchmark starts. With the JVM's default
     * heap (a quarter of the machine's memory, of which a short fork never collects), every new
     * TLAB lands on pages nobody has touched yet, so each allocation pays its share of a page
     * fault: on the project's VM a fault takes about 15 us (pre-touching 1 GB takes 4 s), and
     * two threads faulting at once wait for each other. Measured 2026-12-04 in a two-thread
     * optimistic read that allocates 24 B per read: 8 ops/us with the default heap, 126 with
     * this one (the same read without the allocation: 95-141). A long-running service reuses
     * its young generation after the first collection; so does a fork with this heap, which
     * collects every few hundred megabytes. 512 MB: room for every suite, 2 s of pre-touch per
     * fork on that VM.
     */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

    private final BenchmarkPlan plan;
    private final BenchProgress progress;
    private final boolean jmhLog;
    private final List<RunResult> results = new ArrayList<>();
    private int started;
    private long firstStartNanos;

    /**
     * @param jmhLog whether JMH's own log goes to {@link BenchProgress#log}
     */
    public BenchRunner(BenchmarkPlan plan, BenchProgress progress, boolean jmhLog) {
        this.plan = plan;
        this.progress = progress;
        this.jmhLog = jmhLog;
    }

    /** Runs the whole plan; returns the results, also available through {@link #results()}. */
    public List<RunResult> run() throws RunnerException {
        for (BenchmarkPlan.Run run : plan.runs()) {
            OutputFormat out = new ProgressOutputFormat(jmhOutput(), this::started, this::finished);
            new Runner(options(run), out).run();
        }
        return results();
    }

    private OutputFormat jmhOutput() {
        if (!jmhLog) {
            return OutputFormatFactory.createFormatInstance(
                    new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), VerboseMode.SILENT);
        }
        PrintStream lines = new PrintStream(new LineSink(progress), true, StandardCharsets.UTF_8);
        return OutputFormatFactory.createFormatInstance(lines, VerboseMode.NORMAL);
    }

    private org.openjdk.jmh.runner.options.Options options(BenchmarkPlan.Run run) {
        BenchSettings s = plan.settings();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(run.includeRegex())
                .forks(s.forks())
                .warmupIterations(s.warmupIterations())
                .warmupTime(millis(s.warmupTime()))
                .measurementIterations(s.measurementIterations())
                .measurementTime(millis(s.measurementTime()))
                .timeout(TimeValue.minutes(2))
                .jvmArgsAppend(FORK_JVM_ARGS.toArray(String[]::new))
                .shouldFailOnError(true);
        if (run.threads() > 0) {
            options.threads(run.threads());
        }
        s.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        return options.build();
    }

    private static TimeValue millis(Duration d) {
        return new TimeValue(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void started(BenchmarkParams params) {
        long now = System.nanoTime();
        if (started == 0) {
            firstStartNanos = now;
        }
        started++;
        int left = plan.executions() - started + 1;
        Duration perExecution = started > 1
                ? Duration.ofNanos((now - firstStartNanos) / (started - 1))
                : plan.timePerExecution();
        progress.started(started, plan.executions(), ProgressOutputFormat.label(params), perExecution.multipliedBy(left));
    }

    private synchronized void finished(RunResult result) {
        results.add(result);
    }

    /** The results so far, in the order they finished. */
    public synchronized List<RunResult> results() {
        return List.copyOf(results);
    }

    /** The results so far as JMH's own JSON result format (loadable in jmh-visualizer). */
    public synchronized String jmhJson() {
        return toJmhJson(results);
    }

    /**
     * The report over the results so far.
     *
     * @param complete false when the run was interrupted
     */
    public BenchReport report(Instant startedAt, Environment environment, boolean complete) throws IOException {
        String json = jmhJson();
        Map<String, Set<String>> roles = new HashMap<>();
        plan.runs().forEach(r -> r.entries().forEach(e -> roles.put(e.jmhName(), Set.copyOf(e.roles()))));
        List<BenchResult> measured = new JmhResultReader(name -> roles.getOrDefault(name, Set.of()))
                .read(ReportJson.parse(json));
        return BenchReport.of(startedAt.toString(), Instant.now().toString(), complete, environment,
                plan.settings().describe(), measured);
    }

    /** JMH's JSON result format for {@code results}. */
    public static String toJmhJson(List<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Hands JMH's log to the progress listener line by line. */
    private static final class LineSink extends OutputStream {
        private final BenchProgress progress;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(BenchProgress progress) {
            this.progress = progress;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                progress.log(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }
}
