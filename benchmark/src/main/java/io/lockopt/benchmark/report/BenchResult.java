package io.lockopt.benchmark.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.lockopt.benchmark.run.Suite;

/**
 * One measured variant.
 *
 * @param benchmark    {@code rwlock.writerReaders}
 * @param jmhBenchmark JMH's full name
 * @param suite        {@code rwlock}
 * @param mode         JMH mode ({@code thrpt}, {@code avgt}, ...)
 * @param threads      threads it ran with (for a group: all roles together)
 * @param params       every JMH parameter, the variant ({@code impl}) included
 * @param score        the primary result
 * @param roles        per-role results of an asymmetric group ({@code writer}, {@code reader})
 * @param counters     auxiliary counters ({@code optimisticRetries}, {@code appendFailed}, ...)
 * @param speedup      how many times faster than the suite's baseline variant with the same
 *                     benchmark, threads and other parameters (above 1: faster); null when
 *                     there is no such baseline result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String benchmark, String jmhBenchmark, String suite, String mode, int threads,
        Map<String, String> params, Metric score, Map<String, Metric> roles, Map<String, Metric> counters,
        Double speedup) {

    public BenchResult {
        params = Map.copyOf(params);
        roles = Map.copyOf(roles);
        counters = Map.copyOf(counters);
    }

    public BenchResult withSpeedup(Double value) {
        return new BenchResult(benchmark, jmhBenchmark, suite, mode, threads, params, score, roles, counters, value);
    }

    /** The implementation, the value of {@code impl}. */
    @JsonIgnore
    public String variant() {
        return params.getOrDefault(Suite.VARIANT_PARAM, "");
    }

    /** Parameters other than the variant, as {@code keys=64 work=0}. */
    @JsonIgnore
    public String otherParams() {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals(Suite.VARIANT_PARAM))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Higher scores are better in throughput mode, lower ones in the time modes. */
    @JsonIgnore
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    /** Identifies the same measurement across runs: benchmark, mode, threads, all parameters. */
    @JsonIgnore
    public String key() {
        return jmhBenchmark + "|" + mode + "|" + threads + "|" + new TreeMap<>(params);
    }

    /** Identifies the baseline this result is compared with: the key without the variant. */
    @JsonIgnore
    String baselineKey() {
        Map<String, String> others = new TreeMap<>(params);
        others.remove(Suite.VARIANT_PARAM);
        return jmhBenchmark + "|" + mode + "|" + threads + "|" + others;
    }
}
