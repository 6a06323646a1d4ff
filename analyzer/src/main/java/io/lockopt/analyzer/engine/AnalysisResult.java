package io.lockopt.analyzer.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lockopt.analyzer.spi.Severity;

/**
 * The outcome of a scan: every finding (new, baselined and suppressed, in report order), the
 * files that could not be analyzed, and counts for the summary.
 *
 * @param filesFound   Java sources discovered (after excludes)
 * @param baselineUsed whether findings were compared with a baseline
 * @param warnings     problems of the run itself that leave the findings right (a {@code --cache} file
 *                     that could not be used or written), one line each, for the front end to print
 */
public record AnalysisResult(List<Finding> findings, List<Diagnostic> diagnostics, List<ActiveRule> rules,
        Path baseDirectory, int filesFound, ScanStatsSnapshot stats, Duration duration, boolean baselineUsed,
        List<String> warnings) {

    public AnalysisResult {
        findings = List.copyOf(findings);
        diagnostics = List.copyOf(diagnostics);
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }

    public long count(FindingStatus status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    /** New (not suppressed, not baselined) findings per rule id, sorted by id. */
    public Map<String, Long> newFindingsByRule() {
        Map<String, Long> counts = new TreeMap<>();
        findings.stream().filter(f -> f.status() == FindingStatus.NEW)
                .forEach(f -> counts.merge(f.ruleId(), 1L, Long::sum));
        return counts;
    }

    /** True when a new finding is at least as severe as {@code threshold} (empty: never fail). */
    public boolean hasNewFindingsAtLeast(java.util.Optional<Severity> threshold) {
        return threshold.isPresent() && findings.stream()
                .anyMatch(f -> f.status() == FindingStatus.NEW && f.severity().isAtLeast(threshold.get()));
    }

    /**
     * This result as if every unsuppressed finding were in the baseline: what a run that has just
     * written its findings to a new baseline reports.
     */
    public AnalysisResult acceptingAll() {
        List<Finding> accepted = findings.stream()
                .map(f -> f.status() == FindingStatus.NEW ? f.withStatus(FindingStatus.BASELINED) : f)
                .toList();
        return new AnalysisResult(accepted, diagnostics, rules, baseDirectory, filesFound, stats, duration, true,
                warnings);
    }

    /**
     * This result with only the findings {@code keep} accepts ({@code --changed-since}: those on
     * changed lines); diagnostics and counts of files stay.
     */
    public AnalysisResult keepingFindings(java.util.function.Predicate<Finding> keep) {
        return new AnalysisResult(findings.stream().filter(keep).toList(), diagnostics, rules, baseDirectory,
                filesFound, stats, duration, baselineUsed, warnings);
    }

    /** This result with {@code replacement} as its findings (evidence joined, see the advice module). */
    public AnalysisResult withFindings(List<Finding> replacement) {
        return new AnalysisResult(replacement, diagnostics, rules, baseDirectory, filesFound, stats, duration,
                baselineUsed, warnings);
    }

    /** Rules that threw: on these files (or the whole project) the report is incomplete. */
    public List<Diagnostic> ruleFailures() {
        return diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.RULE_FAILURE).toList();
    }

    public long parseErrors() {
        return diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.UNPARSABLE).count();
    }
}
