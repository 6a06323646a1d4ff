package io.lockopt.analyzer.engine.report;

/**
 * How a report is written, beyond the result it shows.
 *
 * @param tool                    name and version of the tool, as SARIF and JSON name it
 * @param summary                 the text report's closing summary lines
 * @param suppressedInSarif       SARIF lists in-source suppressed findings too (with {@code suppressions});
 *                                off by default, since GitHub code scanning shows them as open alerts
 */
public record ReportOptions(ToolInfo tool, boolean summary, boolean suppressedInSarif) {
    /** With the summary, without suppressed findings in SARIF. */
    public static ReportOptions of(ToolInfo tool) {
        return new ReportOptions(tool, true, false);
    }

    public ReportOptions withSummary(boolean value) {
        return new ReportOptions(tool, value, suppressedInSarif);
    }

    public ReportOptions withSuppressedInSarif(boolean value) {
        return new ReportOptions(tool, summary, value);
    }
}
