package io.lockopt.analyzer.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Settings rules may read: the target JDK and per-rule options from the configuration file
 * ({@code rules: {ReadMostlyExclusiveLock: {threshold: 0.8}}}).
 */
public record AnalysisSettings(int targetJdk, Map<String, Map<String, Object>> ruleOptions) {

    public static final int DEFAULT_TARGET_JDK = 17;
    /** The oldest JDK a target may name: no rule speaks of anything older. */
    public static final int OLDEST_TARGET_JDK = 8;
    /**
     * The newest JDK this lockopt knows, that of the parser's language level ({@code
     * Analyzer.LANGUAGE_LEVEL}): JDK-dependent rules compare with thresholds at or below it, so a newer
     * target behaves as this one.
     */
    public static final int NEWEST_KNOWN_JDK = 26;

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(DEFAULT_TARGET_JDK, Map.of());
    }

    public AnalysisSettings {
        ruleOptions = Map.copyOf(ruleOptions);
    }

    /**
     * The warning a run gives when its target JDK is newer than this lockopt knows: not an error (a JDK
     * released after this lockopt is a real target), but its rules take it as the newest known.
     */
    public Optional<String> newerTargetWarning() {
        return targetJdk > NEWEST_KNOWN_JDK
                ? Optional.of("target JDK " + targetJdk + " is newer than any this lockopt knows; its rules take it as "
                        + NEWEST_KNOWN_JDK)
                : Optional.empty();
    }

    /** A numeric option of a rule, or {@code fallback} when not configured. */
    public double option(String ruleId, String key, double fallback) {
        Object value = ruleOptions.getOrDefault(ruleId, Map.of()).get(key);
        return value instanceof Number n ? n.doubleValue() : fallback;
    }
}
