package io.lockopt.analyzer.engine.report;

import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.Location;

/**
 * The lines terminals, IDEs and CI logs turn into links, {@code path:line:col: severity: message
 * [RuleId]}: the text report's, and the Maven plugin's through the Maven log.
 */
public final class CompilerStyleLine {
    private CompilerStyleLine() {
    }

    /** A finding's primary location. */
    public static String of(Finding finding) {
        return finding.path() + ":" + finding.region().line() + ":" + finding.region().column() + ": "
                + finding.severity().label() + ": " + finding.message() + " [" + finding.ruleId() + "]";
    }

    /** One of a finding's related locations, as a note. */
    public static String ofRelated(Location related) {
        return related.path() + ":" + related.region().line() + ":" + related.region().column()
                + ": note: " + (related.message() == null ? "related location" : related.message());
    }

    /** A file that could not be analyzed, or a rule that failed, as a warning. */
    public static String of(Diagnostic diagnostic) {
        String where = diagnostic.path().isEmpty() ? "lockopt"
                : diagnostic.path() + ":" + diagnostic.region().line() + ":" + diagnostic.region().column();
        return where + ": warning: " + diagnostic.message() + " [" + diagnostic.kind().label() + "]";
    }
}
