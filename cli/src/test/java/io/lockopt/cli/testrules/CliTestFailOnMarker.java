package io.lockopt.cli.testrules;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** CLI test rule (registered only on the cli test classpath): throws on files that say CLI_TEST_BOOM, like a buggy rule. */
@RuleInfo(summary = "Crashes on files that say CLI_TEST_BOOM (cli tests).", severity = Severity.NOTE)
public final class CliTestFailOnMarker implements FileRule {
    @Override
    public void check(SourceFile file, Reporter reporter) {
        if (file.text().contains("CLI_TEST_BOOM")) {
            throw new IllegalStateException("injected failure on " + file.path());
        }
    }
}
