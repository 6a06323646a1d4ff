package io.lockopt.benchmark.run;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to run and how long.
 *
 * @param suites      the suites to run, at least one
 * @param profile     iteration settings
 * @param forks       forks per variant, overriding the profile's; 0 runs in this JVM (tests only)
 * @param threads     thread counts to sweep for symmetric benchmarks; empty: each benchmark's own
 * @param include     regex matched (find) against {@code suite.method} and the JMH name; null: all
 * @param params      JMH parameter overrides, e.g. {@code work=0,100}
 * @param iterationTimeOverride measurement and warm-up iteration time override; null: the profile's
 * @param warmupIterations      warm-up iterations per fork
 * @param measurementIterations measurement iterations per fork, at least 1
 */
public record BenchSettings(Set<Suite> suites, RunProfile profile, int forks, List<Integer> threads,
        Pattern include, Map<String, List<String>> params, Duration iterationTimeOverride,
        int warmupIterations, int measurementIterations) {

    public BenchSettings {
        Objects.requireNonNull(profile, "profile");
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("at least one suite");
        }
        suites = Set.copyOf(EnumSet.copyOf(suites));
        threads = List.copyOf(threads);
        params = Map.copyOf(new LinkedHashMap<>(params));
        if (forks < 0 || warmupIterations < 0 || measurementIterations < 1) {
            throw new IllegalArgumentException("bad iteration counts");
        }
        for (int t : threads) {
            if (t < 1) {
                throw new IllegalArgumentException("thread counts must be positive: " + t);
            }
        }
    }

    /** The profile's settings for {@code suites}. */
    public static BenchSettings of(Set<Suite> suites, RunProfile profile) {
        return new BenchSettings(suites, profile, profile.forks(), List.of(), null, Map.of(), null,
                profile.warmupIterations(), profile.measurementIterations());
    }

    public BenchSettings withForks(int value) {
        return new BenchSettings(suites, profile, value, threads, include, params, iterationTimeOverride,
                warmupIterations, measurementIterations);
    }

    public BenchSettings withThreads(List<Integer> value) {
        return new BenchSettings(suites, profile, forks, value, include, params, iterationTimeOverride,
                warmupIterations, measurementIterations);
    }

    public BenchSettings withInclude(Pattern value) {
        return new BenchSettings(suites, profile, forks, threads, value, params, iterationTimeOverride,
                warmupIterations, measurementIterations);
    }

    public BenchSettings withParams(Map<String, List<String>> value) {
        return new BenchSettings(suites, profile, forks, threads, include, value, iterationTimeOverride,
                warmupIterations, measurementIterations);
    }

    /** {@code warmups} warm-up and {@code measurements} measurement iterations of {@code time} each. */
    public BenchSettings withIterations(int warmups, int measurements, Duration time) {
        return new BenchSettings(suites, profile, forks, threads, include, params, time, warmups, measurements);
    }

    public Duration warmupTime() {
        return Optional.ofNullable(iterationTimeOverride).orElse(profile.warmupTime());
    }

    public Duration measurementTime() {
        return Optional.ofNullable(iterationTimeOverride).orElse(profile.measurementTime());
    }

    /** The settings as the report shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("profile", profile.name().toLowerCase(java.util.Locale.ROOT));
        d.put("suites", suites.stream().sorted().map(Suite::id).toList());
        d.put("forks", forks);
        d.put("warmup", warmupIterations + " x " + warmupTime().toMillis() + " ms");
        d.put("measurement", measurementIterations + " x " + measurementTime().toMillis() + " ms");
        d.put("threads", threads.isEmpty() ? "per benchmark" : threads.toString());
        if (include != null) {
            d.put("include", include.pattern());
        }
        if (!params.isEmpty()) {
            d.put("params", new java.util.TreeMap<>(params).toString());
        }
        return d;
    }

    /** Wall time of one variant's warm-up and measurement in one fork, without JVM start-up. */
    public Duration timePerFork() {
        return warmupTime().multipliedBy(warmupIterations).plus(measurementTime().multipliedBy(measurementIterations));
    }
}
