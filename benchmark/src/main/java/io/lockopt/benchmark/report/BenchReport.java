package io.lockopt.benchmark.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lockopt.benchmark.run.Suite;

/**
 * What {@code lockopt bench} measured: environment, settings, every result with its ratio to
 * the suite's regular-lock baseline, and whether the run completed (an interrupted run keeps
 * what it finished, with {@code complete = false}).
 *
 * @param format      this JSON's format version
 * @param startedAt   ISO-8601 instant
 * @param finishedAt  ISO-8601 instant
 * @param complete    false if the run was interrupted
 * @param environment where it ran
 * @param settings    how it ran (profile, forks, iterations, threads, filter)
 * @param baselines   the baseline variant per suite id
 * @param results     every measured variant
 */
public record BenchReport(int format, String startedAt, String finishedAt, boolean complete,
        Environment environment, Map<String, Object> settings, Map<String, String> baselines,
        List<BenchResult> results) {

    public static final int FORMAT = 1;

    public BenchReport {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        baselines = Map.copyOf(baselines);
        results = List.copyOf(results);
    }

    /**
     * A report over {@code measured}, with each result's speedup against the baseline variant of
     * its suite (same benchmark, mode, threads and other parameters).
     */
    public static BenchReport of(String startedAt, String finishedAt, boolean complete, Environment environment,
            Map<String, Object> settings, List<BenchResult> measured) {
        Map<String, BenchResult> baselineByKey = new HashMap<>();
        Map<String, String> baselines = new HashMap<>();
        for (BenchResult r : measured) {
            Suite.ofId(r.suite()).ifPresent(suite -> {
                baselines.put(suite.id(), suite.baselineVariant());
                if (r.variant().equals(suite.baselineVariant())) {
                    baselineByKey.put(r.baselineKey(), r);
                }
            });
        }
        List<BenchResult> results = new ArrayList<>();
        for (BenchResult r : measured) {
            BenchResult base = baselineByKey.get(r.baselineKey());
            results.add(r.withSpeedup(base == null ? null : speedup(r, base)));
        }
        return new BenchReport(FORMAT, startedAt, finishedAt, complete, environment, settings, baselines, results);
    }

    private static Double speedup(BenchResult r, BenchResult base) {
        double a = r.score().score();
        double b = base.score().score();
        if (a <= 0 || b <= 0) {
            return null;
        }
        return r.higherIsBetter() ? a / b : b / a;
    }
}
