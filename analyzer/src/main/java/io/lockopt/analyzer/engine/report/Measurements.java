package io.lockopt.analyzer.engine.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.Location;

/**
 * Runtime evidence joined to a scan's findings ({@code lockopt analyze --profile}, built by the
 * advice module): what a profile measured about the lock a finding names, and the locks measured
 * hot that no finding names. The reports carry it: SARIF as {@code rank} and
 * {@code properties.evidence}, JSON likewise, text as one evidence line under the finding.
 *
 * @param findings per finding, what was measured about its lock
 * @param hotLocks locks measured hot without a static finding, highest rank first
 */
public record Measurements(Map<Finding, Measured> findings, List<HotLock> hotLocks) {
    /** No profile given. */
    public static final Measurements NONE = new Measurements(Map.of(), List.of());

    /** The rule id under which SARIF and JSON list a lock measured hot without a static finding. */
    public static final String HOT_LOCK_RULE = "MeasuredHotLock";

    public Measurements {
        findings = Map.copyOf(findings);
        hotLocks = List.copyOf(hotLocks);
    }

    /**
     * What was measured about one lock.
     *
     * @param rank     0-100 from the lock's measured cost (waits and holds as a share of the
     *                 machine's thread time)
     * @param line     one line for the text report, with the figures
     * @param evidence the figures by name (numbers as numbers), for SARIF and JSON
     */
    public record Measured(int rank, String line, Map<String, Object> evidence) {
        public Measured {
            evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
            if (rank < 0 || rank > 100) {
                throw new IllegalArgumentException("rank must be 0-100: " + rank);
            }
        }
    }

    /** A lock measured hot that no finding names, at its declaration (or where it was taken most). */
    public record HotLock(String lock, Location location, Measured measured) {
    }

    public Optional<Measured> of(Finding finding) {
        return Optional.ofNullable(findings.get(finding));
    }

    public boolean isEmpty() {
        return findings.isEmpty() && hotLocks.isEmpty();
    }
}
