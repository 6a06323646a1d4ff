package io.lockopt.profile;

import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A self-contained HTML page (no scripts, no network): the ranked table, an inline SVG bar
 * chart of total wait per lock, and the lock-order graph as an SVG laid out in lock order
 * ({@link LockOrderLayout}) with the cycles in red.
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
                .append("h2{margin-top:1.5em}.ev{color:#555;font-size:90%}.graph{overflow-x:auto}")
                .append("#only-cycles:checked~.graph .u{display:none}</style></head><body>\n");
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

    /**
     * The lock-order graph, laid out by {@link LockOrderLayout}: columns in lock order, edges from
     * the end of a label to the next column's lock, edges that close a cycle drawn back around
     * the left, the cycles' edges red and thick. With cycles, a checkbox (CSS only) hides the locks
     * and edges in none of them.
     */
    private static void lockOrderGraph(StringBuilder html, ProfileReport.LockOrder order) {
        if (order.edges().isEmpty()) {
            html.append("<p>No lock was acquired while another was held.</p>\n");
            return;
        }
        Set<String> cycleEdges = new HashSet<>();
        Set<Integer> inCycle = new HashSet<>();
        for (ProfileReport.Cycle cycle : order.cycles()) {
            for (ProfileReport.Edge edge : cycle.edges()) {
                cycleEdges.add(edge.fromId() + ">" + edge.toId());
                inCycle.add(edge.fromId());
                inCycle.add(edge.toId());
            }
        }
        LockOrderLayout layout = LockOrderLayout.of(order);
        if (!cycleEdges.isEmpty()) {
            html.append("<input type=\"checkbox\" id=\"only-cycles\"><label for=\"only-cycles\"> only the locks in")
                    .append(" cycles</label>\n");
        }
        html.append("<div class=\"graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(layout.width())
                .append("\" height=\"").append(layout.height() + LockOrderLayout.MARGIN).append("\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
                .append("markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        for (ProfileReport.Edge edge : order.edges()) {
            LockOrderLayout.Place from = layout.places().get(edge.fromId());
            LockOrderLayout.Place to = layout.places().get(edge.toId());
            boolean red = cycleEdges.contains(edge.fromId() + ">" + edge.toId());
            String path;
            if (!layout.drawnBack(edge) && to.layer() > from.layer()) {
                double startX = from.labelEnd() + 4;
                double endX = to.x() - 10;
                double middle = (startX + endX) / 2;
                path = String.format(Locale.ROOT, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", startX, from.y(), middle,
                        from.y(), middle, to.y(), endX, to.y());
            } else {
                // It closes a cycle: back under the graph, down and up the free band before each column
                // (the labels of the column before end 70 px short of it), so it crosses no label.
                double below = layout.height() + LockOrderLayout.MARGIN * 0.6;
                path = String.format(Locale.ROOT, "M%.1f,%.1f H%.1f V%.1f H%.1f V%.1f H%.1f", from.x() - 10, from.y(),
                        from.x() - 24, below, to.x() - 24, to.y(), to.x() - 10);
            }
            html.append(String.format(Locale.ROOT,
                    "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" marker-end=\"url(#arrow)\"%s>"
                            + "<title>%s</title></path>\n",
                    path, red ? "#c0392b" : "#888", red ? "2.5" : "1", red ? "" : " class=\"u\"",
                    escape(edge.from() + " -> " + edge.to() + " (" + edge.count() + "x, first at " + edge.site()
                            + ")")));
        }
        for (LockOrderLayout.Place node : layout.places().values()) {
            boolean cyclic = inCycle.contains(node.id());
            html.append(String.format(Locale.ROOT,
                    "<g%s><title>%s</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text></g>\n",
                    cyclic ? "" : " class=\"u\"", escape(node.label()), node.x(), node.y(),
                    cyclic ? "#c0392b" : "#2c3e50", node.x() + LockOrderLayout.LABEL_OFFSET, node.y() + 4,
                    escape(tail(node.label(), LockOrderLayout.LABEL_CHARS))));
        }
        html.append("</svg></div>\n");
    }

    static String tail(String text, int width) {
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
