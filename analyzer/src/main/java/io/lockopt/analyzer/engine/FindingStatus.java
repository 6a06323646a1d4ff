package io.lockopt.analyzer.engine;

/** What became of a finding after suppressions and the baseline were applied. */
public enum FindingStatus {
    /** Reported, counts towards the exit code. */
    NEW,
    /** In the baseline: reported as such, does not fail the build. */
    BASELINED,
    /** Suppressed in the source ({@code @SuppressWarnings} or {@code lockopt:ignore}): counted, not failing. */
    SUPPRESSED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
