package io.lockopt.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run against an earlier one, measurement by measurement (same benchmark, mode, threads and
 * parameters). The verdict rests on JMH's 99.9% confidence intervals: if they overlap, the
 * difference is not significant; otherwise the new run is faster or slower.
 *
 * @param rows         measurements present in both runs
 * @param onlyCurrent  keys measured now but not before
 * @param onlyOld      keys measured before but not now
 */
public record Comparison(List<Row> rows, List<String> onlyCurrent, List<String> onlyOld) {

    public enum Verdict {
        FASTER("faster"),
        SLOWER("slower"),
        NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
        /** At least one side has no error estimate (a single iteration), so no test is possible. */
        INCONCLUSIVE("inconclusive (no error estimate)");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * @param ratio new score / old score
     */
    public record Row(BenchResult current, BenchResult old, double ratio, Verdict verdict) {
    }

    public Comparison {
        rows = List.copyOf(rows);
        onlyCurrent = List.copyOf(onlyCurrent);
        onlyOld = List.copyOf(onlyOld);
    }

    public static Comparison of(BenchReport current, BenchReport old) {
        Map<String, BenchResult> before = new LinkedHashMap<>();
        old.results().forEach(r -> before.put(r.key(), r));
        List<Row> rows = new ArrayList<>();
        List<String> onlyCurrent = new ArrayList<>();
        for (BenchResult now : current.results()) {
            BenchResult then = before.remove(now.key());
            if (then == null) {
                onlyCurrent.add(label(now));
            } else {
                rows.add(new Row(now, then, now.score().score() / then.score().score(), verdict(now, then)));
            }
        }
        return new Comparison(rows, onlyCurrent, before.values().stream().map(Comparison::label).toList());
    }

    static Verdict verdict(BenchResult now, BenchResult then) {
        Metric a = now.score();
        Metric b = then.score();
        if (!a.hasError() || !b.hasError()) {
            return Verdict.INCONCLUSIVE;
        }
        if (a.low() <= b.high() && b.low() <= a.high()) {
            return Verdict.NO_SIGNIFICANT_DIFFERENCE;
        }
        boolean higher = a.score() > b.score();
        return higher == now.higherIsBetter() ? Verdict.FASTER : Verdict.SLOWER;
    }

    static String label(BenchResult r) {
        String others = r.otherParams();
        return r.benchmark() + " " + r.variant() + (others.isEmpty() ? "" : " " + others) + " threads=" + r.threads();
    }
}
