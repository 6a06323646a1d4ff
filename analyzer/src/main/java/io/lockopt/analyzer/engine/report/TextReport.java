package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;

/**
 * Compiler-style lines ({@link CompilerStyleLine}) for new findings and for files that could
 * not be analyzed, then a summary. Suppressed and baselined findings are only counted.
 */
final class TextReport {
    private final boolean summary;

    TextReport(boolean summary) {
        this.summary = summary;
    }

    void write(AnalysisResult result, Writer out) throws IOException {
        for (Finding finding : result.findings()) {
            if (finding.status() != FindingStatus.NEW) {
                continue;
            }
            out.write(CompilerStyleLine.of(finding) + "\n");
            for (var related : finding.related()) {
                out.write(CompilerStyleLine.ofRelated(related) + "\n");
            }
        }
        for (Diagnostic diagnostic : result.diagnostics()) {
            out.write(CompilerStyleLine.of(diagnostic) + "\n");
        }
        if (summary) {
            writeSummary(result, out);
        }
    }

    private static void writeSummary(AnalysisResult result, Writer out) throws IOException {
        Map<String, Long> byRule = result.newFindingsByRule();
        long newFindings = result.count(FindingStatus.NEW);
        String perRule = byRule.isEmpty() ? "" : byRule.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
        out.write("\n");
        out.write(String.format(Locale.ROOT, "%d files scanned in %.2f s (%d parsed, %d without lock code)%n",
                result.filesFound(), result.duration().toMillis() / 1000.0, result.stats().parsed(),
                result.stats().skippedByPrescreen()));
        out.write(newFindings + (newFindings == 1 ? " finding" : " findings") + perRule + ", "
                + result.count(FindingStatus.SUPPRESSED) + " suppressed, "
                + result.count(FindingStatus.BASELINED) + " baselined, "
                + result.parseErrors() + (result.parseErrors() == 1 ? " parse error" : " parse errors")
                + otherDiagnostics(result) + "\n");
    }

    private static String otherDiagnostics(AnalysisResult result) {
        long other = result.diagnostics().size() - result.parseErrors();
        return other == 0 ? "" : ", " + other + " other file problems";
    }
}
