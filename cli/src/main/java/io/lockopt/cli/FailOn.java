package io.lockopt.cli;

import java.util.Optional;

import io.lockopt.analyzer.spi.Severity;

/** {@code --fail-on}: the least severe new finding that makes {@code analyze} exit 1. */
enum FailOn {
    ERROR(Severity.ERROR), WARNING(Severity.WARNING), NOTE(Severity.NOTE), NEVER(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    Optional<Severity> threshold() {
        return Optional.ofNullable(threshold);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
