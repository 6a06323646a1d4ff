package io.lockopt.analyzer.spi;

/** Severity of a finding, ordered from most to least severe. SARIF levels use the lower-case name. */
public enum Severity {
    ERROR, WARNING, NOTE;

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean isAtLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** The SARIF/text spelling: {@code error}, {@code warning}, {@code note}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
