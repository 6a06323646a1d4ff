package io.lockopt.analyzer.engine.testrules;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** Test rule: throws on files containing {@code BOOM}, like a buggy rule would. */
@RuleInfo(summary = "Crashes on files that say BOOM (engine tests).", severity = Severity.NOTE)
public final class FailOnMarker implements FileRule {
    @Override
    public void check(SourceFile file, Reporter reporter) {
        if (file.text().contains("BOOM")) {
            throw new IllegalStateException("boom in " + file.path());
        }
    }
}
