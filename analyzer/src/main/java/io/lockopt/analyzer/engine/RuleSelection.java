package io.lockopt.analyzer.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lockopt.analyzer.engine.config.LockoptConfig;
import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.Severity;

/**
 * Decides which rules run and with what severity. Every rule runs by default; the configuration
 * file can disable rules and change severities; {@code --enable} restricts the scan to the listed
 * rules (re-enabling any the configuration disabled) and {@code --disable} removes rules.
 */
public final class RuleSelection {
    private RuleSelection() {
    }

    /**
     * @throws AnalysisInputException when an id in {@code enable} or {@code disable} is unknown, or in
     *     both (which of the two should win is a guess)
     */
    public static List<ActiveRule> resolve(RuleRegistry registry, LockoptConfig config, List<String> enable,
            List<String> disable) {
        Set<String> only = known(registry, enable, "--enable");
        Set<String> off = known(registry, disable, "--disable");
        for (String id : only) {
            if (off.contains(id)) {
                throw new AnalysisInputException("rule '" + id + "' is in both --enable and --disable; name it in one");
            }
        }
        List<ActiveRule> active = new ArrayList<>();
        for (Rule rule : registry.rules()) {
            LockoptConfig.RuleConfig configured = config.rules().get(rule.id());
            boolean enabled;
            if (!only.isEmpty()) {
                enabled = only.contains(rule.id());
            } else {
                enabled = configured == null || configured.enabled().orElse(true);
            }
            if (off.contains(rule.id())) {
                enabled = false;
            }
            if (enabled) {
                Severity severity = configured == null ? rule.info().severity()
                        : configured.severity().orElse(rule.info().severity());
                active.add(new ActiveRule(rule, severity));
            }
        }
        return active;
    }

    private static Set<String> known(RuleRegistry registry, List<String> ids, String option) {
        Set<String> result = new LinkedHashSet<>();
        for (String raw : ids) {
            for (String id : raw.split(",")) {
                String trimmed = id.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!registry.contains(trimmed)) {
                    throw new AnalysisInputException("unknown rule '" + trimmed + "' in " + option
                            + " (run 'lockopt rules' for the list)");
                }
                result.add(trimmed);
            }
        }
        return result;
    }
}
