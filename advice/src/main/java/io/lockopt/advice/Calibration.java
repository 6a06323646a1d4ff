package io.lockopt.advice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lockopt.analyzer.engine.JsonInputFile;

/**
 * What {@code lockopt bench --calibrate} measured on one machine: for each critical-section
 * length (the {@code rwlock} suite's {@code work} parameter, with the hold time it amounts to)
 * and thread count, the cost of one operation of a 90% read / 10% write mix under each
 * {@link Strategy}. The model reads costs off this table ({@link #costNanos}); the crossovers
 * (the hold time from which one strategy beats another) are derived from it and written with
 * it, so a reader of the file sees the thresholds in force.
 *
 * @param format    this file's format version
 * @param machine   where it was measured (CPUs, OS, JVM)
 * @param createdAt ISO-8601 instant
 * @param source    how it was measured (command line and settings)
 * @param points    the measurements, one per work level and thread count
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Calibration(int format, String machine, String createdAt, String source, List<Point> points) {

    public static final int FORMAT = 1;
    /** The calibration shipped in the tool (see docs/advice.md for the run that made it). */
    static final String BUNDLED = "default-calibration.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One work level at one thread count.
     *
     * @param work      {@code Blackhole.consumeCPU} tokens inside each critical section
     * @param holdNanos how long such a section is held, measured (the lock-free variant's cost
     *                  of one operation on one thread)
     * @param threads   threads running the mix together
     * @param nanosPerOp per strategy: thread time per operation ({@code threads / throughput})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Point(int work, double holdNanos, int threads, Map<Strategy, Double> nanosPerOp) {
        public Point {
            nanosPerOp = Map.copyOf(new EnumMap<>(nanosPerOp));
        }
    }

    /**
     * From which hold time {@code better} costs less than {@code than} at {@code threads}
     * threads: 0 when it always does, null when it never does in the measured range.
     */
    public record Crossover(Strategy better, Strategy than, int threads, Double fromHoldNanos) {
    }

    public Calibration {
        Objects.requireNonNull(points, "points");
        points = points.stream().sorted(Comparator.comparingInt(Point::threads).thenComparingDouble(Point::holdNanos))
                .toList();
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a calibration needs at least one point");
        }
        for (Point p : points) {
            if (!p.nanosPerOp().keySet().containsAll(List.of(Strategy.values()))) {
                throw new IllegalArgumentException("calibration point work=" + p.work() + " threads=" + p.threads()
                        + " lacks a strategy (has " + p.nanosPerOp().keySet() + ")");
            }
        }
    }

    /** The calibration shipped in the tool. */
    public static Calibration bundled() {
        try (InputStream in = Calibration.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled calibration " + BUNDLED + " is missing from the jar");
            }
            return JSON.readValue(in, Calibration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a calibration file; a missing or malformed file is an {@link IllegalArgumentException}. */
    public static Calibration read(Path file) {
        return JsonInputFile.read(file, "calibration", "a lockopt calibration",
                bytes -> JSON.readValue(bytes, Calibration.class), IllegalArgumentException::new);
    }

    /** The file form, crossovers included. */
    public String toJson() {
        try {
            Map<String, Object> document = new java.util.LinkedHashMap<>();
            document.put("format", format);
            document.put("machine", machine);
            document.put("createdAt", createdAt);
            document.put("source", source);
            document.put("crossovers", crossovers());
            document.put("points", points);
            return JSON.writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The measured thread counts, ascending. */
    public List<Integer> threadCounts() {
        return List.copyOf(new TreeSet<>(points.stream().map(Point::threads).toList()));
    }

    /** The measured thread count nearest {@code threads} (the lower one on a tie). */
    public int nearestThreads(int threads) {
        return threadCounts().stream().min(Comparator.comparingInt((Integer t) -> Math.abs(t - threads))
                .thenComparingInt(t -> t)).orElseThrow();
    }

    /** The shortest and longest measured hold at {@code threads} (nearest measured count). */
    public double[] holdRange(int threads) {
        List<Point> row = row(nearestThreads(threads));
        return new double[] {row.get(0).holdNanos(), row.get(row.size() - 1).holdNanos()};
    }

    /**
     * Thread time per operation of {@code strategy} for sections held {@code holdNanos} at the
     * measured thread count nearest {@code threads}: interpolated linearly in log(hold) between
     * measured work levels; below the shortest the shortest's cost, above the longest its cost
     * scaled with the hold.
     */
    public double costNanos(Strategy strategy, double holdNanos, int threads) {
        List<Point> row = row(nearestThreads(threads));
        if (holdNanos <= row.get(0).holdNanos()) {
            return row.get(0).nanosPerOp().get(strategy);
        }
        for (int i = 1; i < row.size(); i++) {
            Point lo = row.get(i - 1);
            Point hi = row.get(i);
            if (holdNanos <= hi.holdNanos()) {
                double span = Math.log(hi.holdNanos()) - Math.log(Math.max(lo.holdNanos(), 1e-3));
                double at = span <= 0 ? 1 : (Math.log(holdNanos) - Math.log(Math.max(lo.holdNanos(), 1e-3))) / span;
                double a = lo.nanosPerOp().get(strategy);
                double b = hi.nanosPerOp().get(strategy);
                return a + (b - a) * at;
            }
        }
        // Longer than measured: every strategy's cost grows with the section, ratios stay.
        Point last = row.get(row.size() - 1);
        return last.nanosPerOp().get(strategy) * holdNanos / last.holdNanos();
    }

    /**
     * The hold time from which {@code better} costs less than {@code than} at the measured thread
     * count nearest {@code threads}: 0 if it does at the shortest measured hold, the interpolated
     * crossing point otherwise, null if it never does in the measured range.
     */
    public Double crossoverNanos(Strategy better, Strategy than, int threads) {
        List<Point> row = row(nearestThreads(threads));
        double previousGap = Double.NaN;
        for (int i = 0; i < row.size(); i++) {
            Point p = row.get(i);
            double gap = p.nanosPerOp().get(than) - p.nanosPerOp().get(better);
            if (gap >= 0) {
                if (i == 0) {
                    return 0.0;
                }
                double lo = Math.log(Math.max(row.get(i - 1).holdNanos(), 1e-3));
                double hi = Math.log(p.holdNanos());
                double at = previousGap / (previousGap - gap);
                return Math.exp(lo + (hi - lo) * at);
            }
            previousGap = gap;
        }
        return null;
    }

    /** Every pair the model weighs, at every measured thread count. */
    public List<Crossover> crossovers() {
        List<Crossover> all = new ArrayList<>();
        for (int threads : threadCounts()) {
            all.add(new Crossover(Strategy.READ_WRITE, Strategy.EXCLUSIVE, threads,
                    crossoverNanos(Strategy.READ_WRITE, Strategy.EXCLUSIVE, threads)));
            all.add(new Crossover(Strategy.OPTIMISTIC, Strategy.EXCLUSIVE, threads,
                    crossoverNanos(Strategy.OPTIMISTIC, Strategy.EXCLUSIVE, threads)));
            all.add(new Crossover(Strategy.COPY_ON_WRITE, Strategy.EXCLUSIVE, threads,
                    crossoverNanos(Strategy.COPY_ON_WRITE, Strategy.EXCLUSIVE, threads)));
            all.add(new Crossover(Strategy.READ_WRITE, Strategy.OPTIMISTIC, threads,
                    crossoverNanos(Strategy.READ_WRITE, Strategy.OPTIMISTIC, threads)));
            all.add(new Crossover(Strategy.READ_WRITE, Strategy.COPY_ON_WRITE, threads,
                    crossoverNanos(Strategy.READ_WRITE, Strategy.COPY_ON_WRITE, threads)));
        }
        return all;
    }

    private List<Point> row(int threads) {
        return points.stream().filter(p -> p.threads() == threads).toList();
    }
}
