package io.lockopt.analyzer.engine;

import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.Severity;

/** A rule enabled for a scan, with the severity its findings get (the default or the configured one). */
public record ActiveRule(Rule rule, Severity severity) {
    public String id() {
        return rule.id();
    }
}
