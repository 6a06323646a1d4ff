package io.lockopt.advice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.lockopt.analyzer.engine.AnalysisOptions;
import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Analyzer;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;

/**
 * The analyzer's findings grouped by the lock they are about ({@code properties.lock}, the
 * {@code pkg.Class.field} identity the profiler's labels share).
 */
public final class StaticFindings {
    /** The finding property naming the lock (see the rules' package documentation). */
    public static final String LOCK_PROPERTY = "lock";

    private final Map<String, List<Finding>> byLock;

    private StaticFindings(Map<String, List<Finding>> byLock) {
        this.byLock = byLock;
    }

    /** No sources given: no findings on any lock. */
    public static final StaticFindings NONE = new StaticFindings(Map.of());

    /** The new (not suppressed, not baselined) findings of {@code result} that name a lock. */
    public static StaticFindings of(AnalysisResult result) {
        Map<String, List<Finding>> byLock = new LinkedHashMap<>();
        for (Finding finding : result.findings()) {
            String lock = finding.properties().get(LOCK_PROPERTY);
            if (lock != null && finding.status() == FindingStatus.NEW) {
                byLock.computeIfAbsent(lock, l -> new ArrayList<>()).add(finding);
            }
        }
        return new StaticFindings(byLock);
    }

    /**
     * Analyzes {@code source} (a directory, file or sources jar) as {@code lockopt analyze} does
     * with its defaults (configuration file in {@code source} honoured), paths relative to the
     * working directory, keeping also the low-confidence read-mostly findings.
     */
    public static StaticFindings analyze(Path source) {
        RuleRegistry registry = RuleRegistry.discover();
        AnalysisOptions options = new AnalysisOptions(Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty(), AnalysisSettings.DEFAULT_TARGET_JDK, Optional.empty(), StandardCharsets.UTF_8,
                Optional.empty(), true, Optional.empty(), true);
        Path base = Path.of("").toAbsolutePath();
        // Read-mostly findings the scan alone holds low still tell the model what the sections do.
        AnalysisResult result = new Analyzer().analyze(options.request(List.of(source), base,
                options.configuration(List.of(source), registry), registry).withConfidence(Confidence.LOW));
        return of(result.withFindings(result.findings().stream()
                .filter(f -> !f.properties().containsKey(EvidenceJoin.CONFIDENCE_PROPERTY)
                        || f.ruleId().equals(AdviceModel.READ_MOSTLY_RULE))
                .toList()));
    }

    /** The findings on {@code lock}, in report order. */
    public List<Finding> on(String lock) {
        return byLock.getOrDefault(lock, List.of());
    }

    /** The rule ids of the findings on {@code lock}. */
    public Set<String> rulesOn(String lock) {
        Set<String> rules = new TreeSet<>();
        on(lock).forEach(f -> rules.add(f.ruleId()));
        return rules;
    }

    /** The locks that have findings. */
    public Set<String> locks() {
        return byLock.keySet();
    }
}
