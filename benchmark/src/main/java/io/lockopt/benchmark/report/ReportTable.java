package io.lockopt.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The terminal table: one row per result, with per-role scores of asymmetric groups, the ratio
 * to the suite's baseline, and warnings where the numbers deserve doubt.
 */
public final class ReportTable {
    private static final String[] HEADER = {"benchmark", "variant", "threads", "score ± error", "unit",
        "vs baseline", "roles / counters"};

    private ReportTable() {
    }

    public static String render(BenchReport report) {
        List<String[]> rows = new ArrayList<>();
        boolean oversubscribed = false;
        boolean noisy = false;
        int cpus = report.environment().cpus();
        for (BenchResult r : report.results()) {
            String flags = "";
            if (cpus > 0 && r.threads() > cpus) {
                flags += "†";
                oversubscribed = true;
            }
            if (r.score().isNoisy()) {
                flags += "*";
                noisy = true;
            }
            String others = r.otherParams();
            rows.add(new String[] {
                r.benchmark(),
                r.variant() + (others.isEmpty() ? "" : " (" + others + ")"),
                r.threads() + flags,
                scoreText(r.score()),
                r.score().unit(),
                r.speedup() == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                details(r)
            });
        }
        StringBuilder out = new StringBuilder();
        if (!report.complete()) {
            out.append("INCOMPLETE: the run was interrupted; these are the variants it finished.\n");
        }
        out.append(layout(rows, HEADER));
        if (!report.baselines().isEmpty()) {
            out.append("vs baseline: times faster than the suite's regular-lock baseline (")
                    .append(report.baselines().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")))
                    .append(")\n");
        }
        if (oversubscribed) {
            out.append("† warning: more threads than the ").append(cpus)
                    .append(" CPUs: threads take turns, so this measures time-slicing as much as locking\n");
        }
        if (noisy) {
            out.append("* warning: the error is more than a third of the score: run longer (no --quick, more --forks) "
                    + "on a quieter machine before trusting it\n");
        }
        List<PrimitiveTargets.Check> targets = PrimitiveTargets.check(report.results());
        if (!targets.isEmpty()) {
            out.append("lockopt's own targets, as ratios within this run:\n");
            for (PrimitiveTargets.Check c : targets) {
                out.append(c.met() ? "  met     " : "  MISSED  ").append(c.target()).append(": ")
                        .append(String.format(Locale.ROOT, "%.2f", c.value())).append("  (").append(c.measured()).append(")\n");
            }
        }
        return out.toString();
    }

    /** One row per measurement in both runs: old and new score, new/old, and the verdict. */
    public static String renderComparison(Comparison comparison) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "variant", "threads", "old", "new", "new/old", "verdict"});
        for (Comparison.Row row : comparison.rows()) {
            BenchResult r = row.current();
            String others = r.otherParams();
            rows.add(new String[] {
                r.benchmark(),
                r.variant() + (others.isEmpty() ? "" : " (" + others + ")"),
                Integer.toString(r.threads()),
                scoreText(row.old().score()),
                scoreText(r.score()) + " " + r.score().unit(),
                String.format(Locale.ROOT, "%.2f", row.ratio()),
                row.verdict().text()
            });
        }
        StringBuilder out = new StringBuilder(layout(rows.subList(1, rows.size()), rows.get(0)));
        comparison.onlyCurrent().forEach(k -> out.append("new, not in the old run: ").append(k).append('\n'));
        if (!comparison.onlyOld().isEmpty()) {
            // A run of one suite against a full report would list dozens: count them instead.
            out.append(comparison.onlyOld().size()).append(comparison.onlyOld().size() == 1 ? " measurement" : " measurements")
                    .append(" of the old run not repeated now\n");
        }
        out.append("verdict: faster/slower when the 99.9% confidence intervals do not overlap; ")
                .append("new/old above 1 is a higher score (better for throughput)\n");
        return out.toString();
    }

    static String scoreText(Metric m) {
        return m.hasError() ? format(m.score()) + " ± " + format(m.error()) : format(m.score()) + " ± ?";
    }

    /** Three significant digits for small numbers, no fraction for large ones. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * Failure counters and the counter of all operations they are a share of. Totals repeat
     * the throughput, so the table shows failures as a percentage; the JSON keeps both.
     *
     * @param total          the other counter
     * @param totalIncludes  whether {@code total} already counts the failed operations
     */
    private record Share(String total, boolean totalIncludes) {
    }

    private static final Map<String, Share> FAILURES_OF = Map.of(
            "optimisticRetries", new Share("reads", true),
            "appendFailed", new Share("appended", false),
            "shortSnapshots", new Share("snapshots", false));

    private static String details(BenchResult r) {
        List<String> parts = new ArrayList<>();
        r.roles().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + " " + format(e.getValue().score())));
        new TreeMap<>(FAILURES_OF).forEach((failure, share) -> {
            Metric failed = r.counters().get(failure);
            Metric other = r.counters().get(share.total());
            double all = failed == null || other == null ? 0
                    : share.totalIncludes() ? other.score() : other.score() + failed.score();
            if (all > 0) {
                double percent = 100 * failed.score() / all;
                parts.add(failure + " " + String.format(Locale.ROOT, percent == 0 || percent >= 0.01 ? "%.2f%%" : "%.1e%%", percent));
            }
        });
        return String.join(", ", parts);
    }

    private static String layout(List<String[]> rows, String[] header) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, width);
        for (String[] row : rows) {
            appendRow(out, row, width);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            boolean numeric = i >= 2 && i <= 5 && !row[i].isEmpty() && Character.isDigit(row[i].charAt(0));
            String cell = row[i];
            String pad = " ".repeat(width[i] - cell.length());
            line.append(numeric ? pad + cell : cell + pad);
            if (i < row.length - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
