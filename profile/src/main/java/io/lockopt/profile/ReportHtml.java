package io.lockopt.profile;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (no scripts, no network): the ranked table, an inline SVG bar
 * chart of total wait per lock, and the lock-order graph as an SVG with the locks on a
 * circle and cycle edges in red.
 */
final class ReportHtml {
    private static final int CHART_LOCKS = 15;

    private ReportHtml() {
    }

    static void write(Writer out, ProfileReport report) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>lockopt profile: ").append(report.isMerged() ? report.sources().size() + " profiles"
                        : "pid " + report.target().pid()).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td.l,th.l{text-align:left}")
                .append("h2{margin-top:1.5em}.ev{color:#555;font-size:90%}</style></head><body>\n");
        if (report.isMerged()) {
            html.append("<h1>lockopt profile merge</h1><p>").append(report.sources().size()).append(" profiles, ")
                    .append(ReportText.duration(report.session().durationNanos())).append(" profiled in all</p>\n<ul>");
            for (ProfileReport.Source source : report.sources()) {
                html.append("<li>").append(escape(source.file())).append(": pid ").append(source.pid()).append(" (")
                        .append(escape(source.mainClass())).append(", Java ").append(escape(source.javaVersion()))
                        .append("), ").append(ReportText.duration(source.durationNanos())).append(" from ")
                        .append(escape(source.startedAt())).append("</li>");
            }
            html.append("</ul>\n");
        } else {
            html.append("<h1>lockopt profile</h1><p>pid ").append(report.target().pid()).append(" (")
                    .append(escape(report.target().mainClass())).append(", Java ")
                    .append(escape(report.target().javaVersion())).append("), ")
                    .append(ReportText.duration(report.session().durationNanos())).append(", ended: ")
                    .append(escape(String.valueOf(report.session().endReason()))).append("</p>\n");
        }

        html.append("<h2>Total wait per lock</h2>\n");
        barChart(html, report.locks().subList(0, Math.min(CHART_LOCKS, report.locks().size())));

        html.append("<h2>Locks by total wait</h2>\n<table><tr><th>#</th><th class=\"l\">lock</th><th class=\"l\">kind</th>")
                .append("<th>acquisitions</th><th>contended</th><th>wait total</th><th>wait p99</th>")
                .append("<th>hold p50</th><th>hold p99</th><th>hold max</th><th title=\"read/write locks: reads among")
                .append(" acquisitions; exclusive locks: acquisitions in critical sections that only read\">reads</th></tr>\n");
        for (ProfileReport.LockRow lock : report.locks()) {
            html.append("<tr><td>").append(lock.rank()).append("</td><td class=\"l\">").append(escape(lock.label()))
                    .append("</td><td class=\"l\">").append(escape(lock.kind())).append("</td><td>")
                    .append(lock.acquisitions()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", lock.contendedPercent())).append("</td><td>")
                    .append(ReportText.duration(lock.waitTime().totalNanos())).append("</td><td>")
                    .append(ReportText.duration(lock.waitTime().p99Nanos())).append("</td><td>")
                    .append(ReportText.duration(lock.holdTime().p50Nanos())).append("</td><td>")
                    .append(ReportText.duration(lock.holdTime().p99Nanos())).append("</td><td>")
                    .append(ReportText.duration(lock.holdTime().maxNanos())).append("</td><td>")
                    .append(reads(lock)).append("</td></tr>\n");
        }
        html.append("</table>\n");
        waitSiteTable(html, report.locks());

        if (report.isMerged()) {
            instanceTable(html, report.locks());
        }

        html.append("<h2>Lock-order graph</h2>\n");
        lockOrderGraph(html, report.lockOrder());

        html.append("<h2>Recommendations</h2>\n<ul>\n");
        for (ProfileReport.Recommendation advice : report.recommendations()) {
            html.append("<li><b>").append(escape(advice.lock())).append("</b> <i>").append(escape(advice.kind()))
                    .append("</i>: ").append(escape(advice.message())).append("<ul class=\"ev\">");
            for (String evidence : advice.evidence()) {
                html.append("<li>").append(escape(evidence)).append("</li>");
            }
            if (advice.expectedGain() != null) {
                html.append("<li>expected: readers ")
                        .append(String.format(Locale.ROOT, "%.2fx, writers %.2fx", advice.expectedGain().readers(),
                                advice.expectedGain().writers()))
                        .append(" (").append(escape(advice.expectedGain().basis())).append(")</li><li>confidence: ")
                        .append(escape(advice.confidence().level())).append(" (")
                        .append(escape(advice.confidence().reason())).append(")</li>");
            }
            for (ProfileReport.StaticFinding finding : advice.staticFindings()) {
                html.append("<li>static: ").append(escape(finding.rule())).append(" at ")
                        .append(escape(finding.location())).append(": ").append(escape(finding.message()))
                        .append("</li>");
            }
            html.append("</ul></li>\n");
        }
        if (report.recommendations().isEmpty()) {
            html.append("<li>none: no lock crossed a threshold</li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        out.write(html.toString());
    }

    /**
     * The read share of a read/write lock; for an exclusive lock, which has no reads, the share of
     * its acquisitions in critical sections that only read (what a read/write lock would gain).
     */
    private static String reads(ProfileReport.LockRow lock) {
        if (lock.readShare() != null) {
            return String.format(Locale.ROOT, "%.0f%%", 100 * lock.readShare());
        }
        if (lock.readOnlySectionShare() != null) {
            return String.format(Locale.ROOT, "%.0f%% read-only sections", 100 * lock.readOnlySectionShare());
        }
        return "n/a";
    }

    /** A merged report's lock instances, per profile, under their rows' ranks and labels. */
    /** Where threads waited for each lock, and on whom: "waited on X at S, held by thread T at H", the holder's stack below. */
    private static void waitSiteTable(StringBuilder html, List<ProfileReport.LockRow> locks) {
        if (locks.stream().allMatch(lock -> lock.topWaitSites().isEmpty())) {
            return;
        }
        html.append("<h2>Where threads waited, and on whom</h2>\n<table><tr><th>#</th><th class=\"l\">lock</th>")
                .append("<th class=\"l\">waited at</th><th>waits</th><th>wait total</th><th>wait max</th>")
                .append("<th class=\"l\">held by</th></tr>\n");
        for (ProfileReport.LockRow lock : locks) {
            for (ProfileReport.SiteRow site : lock.topWaitSites()) {
                html.append("<tr><td>").append(lock.rank()).append("</td><td class=\"l\">").append(escape(lock.label()))
                        .append("</td><td class=\"l\">").append(escape(site.site())).append("</td><td>")
                        .append(site.waits()).append("</td><td>")
                        .append(ReportText.duration(site.totalWaitNanos())).append("</td><td>")
                        .append(ReportText.duration(site.maxWaitNanos())).append("</td><td class=\"l\">");
                if (site.heldBy() != null) {
                    html.append("thread ").append(escape(site.heldBy()));
                    if (site.heldAt() != null) {
                        html.append(" at ").append(escape(site.heldAt()));
                    }
                    if (!site.holderStack().isEmpty()) {
                        html.append("<details><summary>holder's stack</summary><pre>");
                        for (String frame : site.holderStack()) {
                            html.append(escape(frame)).append('\n');
                        }
                        html.append("</pre></details>");
                    }
                }
                html.append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static void instanceTable(StringBuilder html, List<ProfileReport.LockRow> locks) {
        html.append("<h2>Lock instances per profile</h2>\n<table><tr><th>#</th><th class=\"l\">lock</th>")
                .append("<th class=\"l\">profile</th><th>pid</th><th class=\"l\">instance</th><th>acquisitions</th>")
                .append("<th>contended</th><th>wait total</th><th>wait p99</th><th>hold p99</th></tr>\n");
        for (ProfileReport.LockRow lock : locks) {
            for (ProfileReport.Instance instance : lock.instances()) {
                html.append("<tr><td>").append(lock.rank()).append("</td><td class=\"l\">").append(escape(lock.label()))
                        .append("</td><td class=\"l\">").append(escape(instance.source())).append("</td><td>")
                        .append(instance.pid()).append("</td><td class=\"l\">").append(escape(instance.instance()))
                        .append("</td><td>").append(instance.acquisitions()).append("</td><td>")
                        .append(instance.contended()).append("</td><td>")
                        .append(ReportText.duration(instance.waitTime().totalNanos())).append("</td><td>")
                        .append(ReportText.duration(instance.waitTime().p99Nanos())).append("</td><td>")
                        .append(ReportText.duration(instance.holdTime().p99Nanos())).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static void barChart(StringBuilder html, List<ProfileReport.LockRow> locks) {
        long max = locks.stream().mapToLong(l -> l.waitTime().totalNanos()).max().orElse(0);
        int rowHeight = 22;
        int width = 900;
        int labelWidth = 380;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(rowHeight * Math.max(1, locks.size()) + 10).append("\">\n");
        for (int i = 0; i < locks.size(); i++) {
            ProfileReport.LockRow lock = locks.get(i);
            int y = i * rowHeight + 5;
            double bar = max == 0 ? 0 : (width - labelWidth - 90) * (double) lock.waitTime().totalNanos() / max;
            html.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#c0392b\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>\n",
                    labelWidth - 6, y + 14, escape(tail(lock.label(), 55)), labelWidth, y, bar, rowHeight - 6,
                    labelWidth + bar + 4, y + 14, ReportText.duration(lock.waitTime().totalNanos())));
        }
        html.append("</svg>\n");
    }

    private static void lockOrderGraph(StringBuilder html, ProfileReport.LockOrder order) {
        if (order.edges().isEmpty()) {
            html.append("<p>No lock was acquired while another was held.</p>\n");
            return;
        }
        Map<Integer, String> nodes = new LinkedHashMap<>();
        for (ProfileReport.Edge edge : order.edges()) {
            nodes.putIfAbsent(edge.fromId(), edge.from());
            nodes.putIfAbsent(edge.toId(), edge.to());
        }
        Map<String, Boolean> inCycle = new HashMap<>();
        for (ProfileReport.Cycle cycle : order.cycles()) {
            for (ProfileReport.Edge edge : cycle.edges()) {
                inCycle.put(edge.fromId() + ">" + edge.toId(), true);
            }
        }
        int size = 560;
        double radius = 200;
        double centre = size / 2.0;
        Map<Integer, double[]> at = new HashMap<>();
        int i = 0;
        for (Integer id : nodes.keySet()) {
            double angle = 2 * Math.PI * i++ / nodes.size() - Math.PI / 2;
            at.put(id, new double[] {centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)});
        }
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(size + 400).append("\" height=\"")
                .append(size).append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"18\" refY=\"5\" ")
                .append("markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        for (ProfileReport.Edge edge : order.edges()) {
            double[] from = at.get(edge.fromId());
            double[] to = at.get(edge.toId());
            boolean red = inCycle.containsKey(edge.fromId() + ">" + edge.toId());
            html.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%d\" "
                            + "marker-end=\"url(#arrow)\"><title>%s</title></line>\n",
                    from[0], from[1], to[0], to[1], red ? "#c0392b" : "#888", red ? 3 : 1,
                    escape(edge.from() + " -> " + edge.to() + " (" + edge.count() + "x, first at " + edge.site()
                            + ")")));
        }
        for (Map.Entry<Integer, String> node : nodes.entrySet()) {
            double[] p = at.get(node.getKey());
            html.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"#2c3e50\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>\n",
                    p[0], p[1], p[0] + 12, p[1] + 4, escape(tail(node.getValue(), 60))));
        }
        html.append("</svg>\n");
    }

    private static String tail(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
