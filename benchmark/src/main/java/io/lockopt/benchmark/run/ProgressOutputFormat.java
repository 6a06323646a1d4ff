package io.lockopt.benchmark.run;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output sink, turned into progress events and result hand-off: JMH calls
 * {@link #startBenchmark} and {@link #endBenchmark} for every parameter combination, which is
 * where the runner learns what runs now and collects each finished result at once (so an
 * interrupted run still has what was measured). JMH's own text goes to {@code delegate}.
 *
 * <p>Design notes: JMH calls an output format from its runner thread only.
 */
final class ProgressOutputFormat implements OutputFormat {
    private final OutputFormat delegate;
    private final Consumer<BenchmarkParams> onStart;
    private final Consumer<RunResult> onResult;

    ProgressOutputFormat(OutputFormat delegate, Consumer<BenchmarkParams> onStart, Consumer<RunResult> onResult) {
        this.delegate = delegate;
        this.onStart = onStart;
        this.onResult = onResult;
    }

    /** {@code rwlock.read impl=STAMPED_LOCK threads=1}. */
    static String label(BenchmarkParams params) {
        String values = params.getParamsKeys().stream()
                .map(k -> k + "=" + params.getParam(k))
                .collect(Collectors.joining(" "));
        return Suite.shortName(params.getBenchmark()) + (values.isEmpty() ? "" : " " + values)
                + " threads=" + params.getThreads();
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        onStart.accept(params);
        delegate.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        delegate.endBenchmark(result);
        if (result != null) {
            onResult.accept(new RunResult(result.getParams(), List.of(result)));
        }
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        delegate.endRun(result);
    }

    @Override
    public void print(String s) {
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        delegate.println(s);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void verbosePrintln(String s) {
        delegate.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        delegate.write(b);
    }
}
