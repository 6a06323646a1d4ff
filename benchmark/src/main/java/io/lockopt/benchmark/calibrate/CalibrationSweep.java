package io.lockopt.benchmark.calibrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.lockopt.advice.Calibration;
import io.lockopt.advice.Strategy;
import io.lockopt.benchmark.report.BenchReport;
import io.lockopt.benchmark.report.BenchResult;
import io.lockopt.benchmark.run.BenchSettings;
import io.lockopt.benchmark.run.RunProfile;
import io.lockopt.benchmark.run.Suite;

/**
 * {@code lockopt bench --calibrate}: the {@code rwlock} suite's 90/10 read/write mix
 * ({@code rwlock.readMostly}) over a sweep of critical-section lengths ({@code work}) and
 * thread counts, for the four strategies the advice model compares, turned into a
 * {@link Calibration}.
 *
 * <p>The hold time of a work level is the cost of one operation of the cheapest strategy on
 * the fewest threads measured (one): the section's own work with next to no lock cost.
 */
public final class CalibrationSweep {
    /** The {@code rwlock} variant that measures each strategy. */
    static final Map<Strategy, String> VARIANTS = new EnumMap<>(Map.of(
            Strategy.EXCLUSIVE, "REENTRANT_LOCK",
            Strategy.READ_WRITE, "REENTRANT_READ_WRITE_LOCK",
            Strategy.OPTIMISTIC, "STAMPED_LOCK_OPTIMISTIC",
            Strategy.COPY_ON_WRITE, "COPY_ON_WRITE"));
    static final String BENCHMARK = "rwlock\\.readMostly$";
    static final List<String> QUICK_WORK = List.of("0", "64", "512");
    static final List<Integer> QUICK_THREADS = List.of(1, 2);
    static final List<String> FULL_WORK = List.of("0", "16", "64", "256", "1024", "4096");
    static final List<Integer> FULL_THREADS = List.of(1, 2, 4);

    private CalibrationSweep() {
    }

    /**
     * The runs: quick is 24 variant runs of one 200 ms warm-up and three 200 ms measurements
     * (under a minute on 2 cores); the full sweep 72 runs of 2 + 3 iterations of 1 s.
     */
    public static BenchSettings settings(boolean quick) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put(Suite.VARIANT_PARAM, List.copyOf(VARIANTS.values()));
        params.put("work", quick ? QUICK_WORK : FULL_WORK);
        BenchSettings settings = BenchSettings.of(Set.of(Suite.RWLOCK), quick ? RunProfile.QUICK : RunProfile.STANDARD)
                .withForks(1)
                .withInclude(Pattern.compile(BENCHMARK))
                .withThreads(quick ? QUICK_THREADS : FULL_THREADS)
                .withParams(params);
        return quick ? settings.withIterations(1, 3, Duration.ofMillis(200))
                : settings.withIterations(2, 3, Duration.ofSeconds(1));
    }

    /**
     * The calibration measured by {@code report}, a run of {@link #settings}.
     *
     * @throws IllegalArgumentException when a strategy is missing at some work level and thread count
     */
    public static Calibration calibration(BenchReport report, String machine, String createdAt, String source) {
        // work -> threads -> strategy -> nanos per op
        Map<Integer, Map<Integer, Map<Strategy, Double>>> costs = new TreeMap<>();
        for (BenchResult result : report.results()) {
            if (!"rwlock.readMostly".equals(result.benchmark()) || !"thrpt".equals(result.mode())) {
                continue;
            }
            Strategy strategy = strategyOf(result.variant());
            if (strategy == null || result.score().score() <= 0) {
                continue;
            }
            int work = Integer.parseInt(result.params().getOrDefault("work", "0"));
            // Scores are operations per microsecond over all threads; a thread spends threads/score µs per op.
            double nanosPerOp = result.threads() * 1000.0 / result.score().score();
            costs.computeIfAbsent(work, w -> new TreeMap<>()).computeIfAbsent(result.threads(),
                    t -> new EnumMap<>(Strategy.class)).put(strategy, nanosPerOp);
        }
        List<Calibration.Point> points = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, Map<Strategy, Double>>> level : costs.entrySet()) {
            Map<Integer, Map<Strategy, Double>> byThreads = level.getValue();
            // The cheapest strategy on the fewest threads: the section's own work, next to no lock cost.
            double hold = byThreads.values().iterator().next().values().stream().mapToDouble(Double::doubleValue)
                    .min().orElse(1);
            for (Map.Entry<Integer, Map<Strategy, Double>> row : byThreads.entrySet()) {
                if (row.getValue().size() < Strategy.values().length) {
                    throw new IllegalArgumentException("the calibration run lacks " + missing(row.getValue())
                            + " at work=" + level.getKey() + ", " + row.getKey() + " threads");
                }
                points.add(new Calibration.Point(level.getKey(), hold, row.getKey(), row.getValue()));
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the calibration run measured nothing");
        }
        return new Calibration(Calibration.FORMAT, machine, createdAt, source, points);
    }

    private static Strategy strategyOf(String variant) {
        return VARIANTS.entrySet().stream().filter(e -> e.getValue().equals(variant)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static List<Strategy> missing(Map<Strategy, Double> have) {
        return java.util.Arrays.stream(Strategy.values()).filter(s -> !have.containsKey(s)).toList();
    }
}
