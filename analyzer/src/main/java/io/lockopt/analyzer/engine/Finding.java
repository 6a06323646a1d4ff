package io.lockopt.analyzer.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.spi.Severity;

/**
 * One problem found by a rule, after the engine has located it, fingerprinted it and applied
 * suppressions and the baseline.
 *
 * @param enclosing   the enclosing type and member ({@code a.b.Outer.Inner#put(String,int)}), part of the fingerprint
 * @param fingerprint stable across edits that only move lines (see {@link Fingerprint})
 */
public record Finding(String ruleId, Severity severity, String message, Location location,
        List<Location> related, Map<String, String> properties, String enclosing,
        String fingerprint, FindingStatus status) {

    /** Report order: file, position, then rule. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().path())
            .thenComparingInt(f -> f.location().region().line())
            .thenComparingInt(f -> f.location().region().column())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);

    public Finding {
        related = List.copyOf(related);
        properties = Map.copyOf(properties);
    }

    public String path() {
        return location.path();
    }

    public Region region() {
        return location.region();
    }

    Finding withFingerprint(String value) {
        return new Finding(ruleId, severity, message, location, related, properties, enclosing, value, status);
    }

    Finding withStatus(FindingStatus value) {
        return new Finding(ruleId, severity, message, location, related, properties, enclosing, fingerprint, value);
    }
}
