package io.lockopt.benchmark.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG drawn here, no script,
 * no font, no image, no link to anything outside the file, so it opens offline.
 *
 * <p>Per suite one bar chart ({@code svg.suite-chart}): a panel per benchmark (and thread
 * count and other parameters), a bar per variant with its error bar, and the ratio to the
 * baseline. When a thread sweep ran, per suite a thread-scaling chart
 * ({@code svg.scaling-chart}): score against threads, one line per variant.
 */
public final class HtmlReport {
    private static final int WIDTH = 960;
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_AREA = 520;
    private static final int BAR_HEIGHT = 16;
    private static final int BAR_GAP = 6;
    private static final int PANEL_HEADER = 26;
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private HtmlReport() {
    }

    public static void write(BenchReport report, Writer out) throws IOException {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>lockopt bench</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1000px}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{padding:2px 8px;text-align:left}")
                .append("th{background:#eee}.warn{color:#b00}svg{display:block;margin:1em 0}")
                .append("svg text{font-size:12px;font-family:system-ui,sans-serif}")
                .append("</style>\n</head>\n<body>\n<h1>lockopt bench</h1>\n");
        if (!report.complete()) {
            html.append("<p class=\"warn\"><strong>Incomplete:</strong> the run was interrupted; ")
                    .append("these are the variants it finished.</p>\n");
        }
        environment(html, report);
        targets(html, PrimitiveTargets.check(report.results()));
        Map<String, List<BenchResult>> bySuite = new LinkedHashMap<>();
        for (BenchResult r : report.results()) {
            bySuite.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<BenchResult>> suite : bySuite.entrySet()) {
            String baseline = report.baselines().getOrDefault(suite.getKey(), "");
            html.append("<section class=\"suite\" id=\"suite-").append(escape(suite.getKey())).append("\">\n<h2>")
                    .append(escape(suite.getKey())).append("</h2>\n<p>Baseline: <code>").append(escape(baseline))
                    .append("</code>. Bars: score with its 99.9% confidence interval; right: times faster than the baseline.</p>\n");
            barChart(html, suite.getKey(), suite.getValue());
            scalingChart(html, suite.getKey(), suite.getValue());
            html.append("</section>\n");
        }
        html.append("</body>\n</html>\n");
        out.write(html.toString());
    }

    private static void environment(StringBuilder html, BenchReport report) {
        Environment e = report.environment();
        html.append("<table class=\"environment\">\n");
        row(html, "CPUs", Integer.toString(e.cpus()));
        row(html, "JDK", e.jdk());
        row(html, "JVM", e.jvm());
        row(html, "OS", e.os());
        row(html, "load average at start", e.loadAverage() < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", e.loadAverage()));
        row(html, "started", report.startedAt());
        row(html, "finished", report.finishedAt());
        new TreeMap<>(report.settings()).forEach((k, v) -> row(html, k, String.valueOf(v)));
        html.append("</table>\n");
    }

    private static void targets(StringBuilder html, List<PrimitiveTargets.Check> checks) {
        if (checks.isEmpty()) {
            return;
        }
        html.append("<h2>lockopt's own targets</h2>\n<table class=\"targets\">\n")
                .append("<tr><th>target</th><th>measured</th><th>value</th><th></th></tr>\n");
        for (PrimitiveTargets.Check c : checks) {
            html.append("<tr><td>").append(escape(c.target())).append("</td><td>").append(escape(c.measured()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", c.value())).append("</td><td")
                    .append(c.met() ? ">met" : " class=\"warn\">missed").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String key, String value) {
        html.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    /** Panels keyed by benchmark, threads and other parameters, in result order. */
    private static Map<String, List<BenchResult>> panels(List<BenchResult> results) {
        Map<String, List<BenchResult>> panels = new LinkedHashMap<>();
        for (BenchResult r : results) {
            String others = r.otherParams();
            String title = r.benchmark() + "  threads=" + r.threads() + (others.isEmpty() ? "" : "  " + others)
                    + "  (" + r.score().unit() + (r.higherIsBetter() ? ", higher is better)" : ", lower is better)");
            panels.computeIfAbsent(title, k -> new ArrayList<>()).add(r);
        }
        return panels;
    }

    private static void barChart(StringBuilder html, String suite, List<BenchResult> results) {
        Map<String, List<BenchResult>> panels = panels(results);
        int height = 10;
        for (List<BenchResult> p : panels.values()) {
            height += PANEL_HEADER + p.size() * (BAR_HEIGHT + BAR_GAP) + 14;
        }
        html.append("<svg class=\"suite-chart\" data-suite=\"").append(escape(suite))
                .append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"").append(escape(suite)).append(" results\">\n");
        int y = 10;
        for (Map.Entry<String, List<BenchResult>> panel : panels.entrySet()) {
            html.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-weight=\"bold\">")
                    .append(escape(panel.getKey())).append("</text>\n");
            y += PANEL_HEADER;
            // Scaled to the largest score, not the largest error: a noisy run must not flatten
            // every bar. Error bars that run past the plot are cut at its edge.
            double max = panel.getValue().stream().mapToDouble(r -> r.score().score()).max().orElse(1) * 1.15;
            double scale = max > 0 ? BAR_AREA / max : 0;
            int colour = 0;
            for (BenchResult r : panel.getValue()) {
                Metric m = r.score();
                double w = Math.max(1, m.score() * scale);
                int mid = y + BAR_HEIGHT / 2;
                html.append("<text x=\"0\" y=\"").append(mid + 4).append("\">").append(escape(r.variant())).append("</text>\n");
                html.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
                        .append(num(w)).append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"")
                        .append(PALETTE[colour++ % PALETTE.length]).append("\"><title>")
                        .append(escape(r.variant() + ": " + ReportTable.scoreText(m) + " " + m.unit()))
                        .append("</title></rect>\n");
                if (m.hasError()) {
                    double lo = LABEL_WIDTH + Math.max(0, m.low()) * scale;
                    double hi = LABEL_WIDTH + Math.min(m.high() * scale, BAR_AREA + 30);
                    html.append("<path class=\"error-bar\" d=\"M").append(num(lo)).append(' ').append(mid)
                            .append("H").append(num(hi)).append("M").append(num(lo)).append(' ').append(mid - 5)
                            .append("V").append(mid + 5).append("M").append(num(hi)).append(' ').append(mid - 5)
                            .append("V").append(mid + 5).append("\" stroke=\"#222\" fill=\"none\"/>\n");
                }
                String ratio = r.speedup() == null ? "" : String.format(Locale.ROOT, "  %.2fx", r.speedup());
                html.append("<text x=\"").append(LABEL_WIDTH + BAR_AREA + 50).append("\" y=\"").append(mid + 4)
                        .append("\">").append(escape(ReportTable.scoreText(m) + ratio)).append("</text>\n");
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += 14;
        }
        html.append("</svg>\n");
    }

    /** Score against thread count per variant, for benchmarks measured at several counts. */
    private static void scalingChart(StringBuilder html, String suite, List<BenchResult> results) {
        Map<String, Map<String, TreeMap<Integer, Double>>> byBenchmark = new LinkedHashMap<>();
        for (BenchResult r : results) {
            String others = r.otherParams();
            String key = r.benchmark() + (others.isEmpty() ? "" : "  " + others) + "  (" + r.score().unit() + ")";
            byBenchmark.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.variant(), k -> new TreeMap<>())
                    .put(r.threads(), r.score().score());
        }
        byBenchmark.values().removeIf(v -> v.values().stream().allMatch(points -> points.size() < 2));
        if (byBenchmark.isEmpty()) {
            return;
        }
        int panelHeight = 220;
        int plotLeft = 60;
        int plotWidth = 560;
        int plotHeight = 160;
        html.append("<svg class=\"scaling-chart\" data-suite=\"").append(escape(suite))
                .append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(byBenchmark.size() * panelHeight + 10).append("\" role=\"img\" aria-label=\"")
                .append(escape(suite)).append(" thread scaling\">\n");
        int top = 10;
        for (Map.Entry<String, Map<String, TreeMap<Integer, Double>>> b : byBenchmark.entrySet()) {
            html.append("<text x=\"0\" y=\"").append(top + 14).append("\" font-weight=\"bold\">")
                    .append(escape("thread scaling: " + b.getKey())).append("</text>\n");
            TreeSet<Integer> threads = new TreeSet<>();
            double max = 0;
            for (TreeMap<Integer, Double> points : b.getValue().values()) {
                threads.addAll(points.keySet());
                max = Math.max(max, points.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
            List<Integer> xs = new ArrayList<>(threads);
            int y0 = top + 24 + plotHeight;
            html.append("<path d=\"M").append(plotLeft).append(' ').append(top + 24).append("V").append(y0)
                    .append("H").append(plotLeft + plotWidth).append("\" stroke=\"#888\" fill=\"none\"/>\n");
            html.append("<text x=\"0\" y=\"").append(top + 34).append("\">").append(escape(ReportTable.format(max)))
                    .append("</text>\n");
            for (int i = 0; i < xs.size(); i++) {
                html.append("<text x=\"").append(num(x(i, xs.size(), plotLeft, plotWidth) - 4)).append("\" y=\"")
                        .append(y0 + 14).append("\">").append(xs.get(i)).append("</text>\n");
            }
            int colour = 0;
            int legendY = top + 40;
            for (Map.Entry<String, TreeMap<Integer, Double>> v : b.getValue().entrySet()) {
                String stroke = PALETTE[colour++ % PALETTE.length];
                StringBuilder d = new StringBuilder();
                for (Map.Entry<Integer, Double> p : v.getValue().entrySet()) {
                    double px = x(xs.indexOf(p.getKey()), xs.size(), plotLeft, plotWidth);
                    double py = y0 - (max > 0 ? p.getValue() / max * plotHeight : 0);
                    d.append(d.length() == 0 ? "M" : "L").append(num(px)).append(' ').append(num(py));
                    html.append("<circle cx=\"").append(num(px)).append("\" cy=\"").append(num(py))
                            .append("\" r=\"3\" fill=\"").append(stroke).append("\"/>\n");
                }
                html.append("<path d=\"").append(d).append("\" stroke=\"").append(stroke)
                        .append("\" stroke-width=\"2\" fill=\"none\"/>\n");
                html.append("<text x=\"").append(plotLeft + plotWidth + 20).append("\" y=\"").append(legendY)
                        .append("\" fill=\"").append(stroke).append("\">").append(escape(v.getKey())).append("</text>\n");
                legendY += 15;
            }
            top += panelHeight;
        }
        html.append("</svg>\n");
    }

    private static double x(int index, int count, int left, int width) {
        return count <= 1 ? left + width / 2.0 : left + 10 + index * (width - 20.0) / (count - 1);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
