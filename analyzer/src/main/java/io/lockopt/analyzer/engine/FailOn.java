package io.lockopt.analyzer.engine;

import java.util.Locale;
import java.util.Optional;

import io.lockopt.analyzer.spi.Severity;

/**
 * The least severe new finding that fails a run: {@code lockopt analyze --fail-on} (exit 1) and
 * the Maven plugin's {@code failOn} (a failed build).
 */
public enum FailOn {
    ERROR(Severity.ERROR), WARNING(Severity.WARNING), NOTE(Severity.NOTE), NEVER(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    public Optional<Severity> threshold() {
        return Optional.ofNullable(threshold);
    }

    /** {@code error}, {@code warning}, {@code note} or {@code never}, in any case. */
    public static Optional<FailOn> parse(String value) {
        for (FailOn f : values()) {
            if (f.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
