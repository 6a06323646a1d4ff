package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    private final Measurements measured;

    TextReport(boolean summary) {
        this(summary, Measurements.NONE);
    }

    TextReport(boolean summary, Measurements measured) {
        this.summary = summary;
        this.measured = measured;
    }

    void write(AnalysisResult result, Writer out) throws IOException {
        // Findings backed by measurements first, the costliest lock first; the rest in report order.
        List<Finding> ordered = new ArrayList<>(result.findings());
        ordered.sort(Comparator.comparingInt((Finding f) -> measured.of(f).map(m -> -m.rank() - 1).orElse(0)));
        for (Finding finding : ordered) {
            if (finding.status() != FindingStatus.NEW) {
                continue;
            }
            out.write(CompilerStyleLine.of(finding) + "\n");
            Optional<Measurements.Measured> evidence = measured.of(finding);
            if (evidence.isPresent()) {
                out.write("    measured (rank " + evidence.get().rank() + "): " + evidence.get().line() + "\n");
            }
            for (var related : finding.related()) {
                out.write(CompilerStyleLine.ofRelated(related) + "\n");
            }
        }
        if (!measured.hotLocks().isEmpty()) {
            out.write("\nMeasured hot, no static finding:\n");
            for (Measurements.HotLock hot : measured.hotLocks()) {
                out.write(hot.location().path() + ":" + hot.location().region().line() + ":"
                        + hot.location().region().column() + ": note: " + hot.lock() + " measured hot (rank "
                        + hot.measured().rank() + "): " + hot.measured().line() + " [" + Measurements.HOT_LOCK_RULE
                        + "]\n");
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
        long fromCache = result.stats().fromCache();
        out.write(String.format(Locale.ROOT, "%d files scanned in %.2f s (%d parsed, %s%d without lock code)%n",
                result.filesFound(), result.duration().toMillis() / 1000.0, result.stats().parsed(),
                fromCache == 0 ? "" : fromCache + " unchanged from the cache, ", result.stats().skippedByPrescreen()));
        long parsedAgain = result.stats().parsedAgain();
        if (parsedAgain > 0) {
            // Not an error: the heap held the facts but not every tree; more heap (LOCKOPT_JAVA_OPTS) is faster.
            out.write(String.format(Locale.ROOT, "%d trees parsed again to stay within the heap%n", parsedAgain));
        }
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
