package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.stmt.ExpressionStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * The result of {@code tryLock(...)} (or the stamp of {@code tryReadLock}/{@code tryWriteLock})
 * thrown away: the code after it runs whether or not the lock was acquired. Lock wrappers named
 * for acquiring ({@code tryLock...}, {@code lock...}, {@code acquire...}) leave the check to their caller.
 */
@RuleInfo(summary = "The boolean result of tryLock(...) is discarded", severity = Severity.WARNING)
public final class TryLockResultIgnored implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            if (method.acquiresForCaller()) {
                continue;
            }
            for (Acquisition acquisition : method.acquisitions()) {
                if (acquisition.kind().mayFail()
                        && acquisition.node().getParentNode().orElse(null) instanceof ExpressionStmt) {
                    reporter.report(file, acquisition.node(), "The result of " + acquisition.node()
                            + " is ignored, so the code after it runs whether or not "
                            + acquisition.lock().describe() + " was acquired; test it, as in"
                            + " if (lock.tryLock()) { try { ... } finally { lock.unlock(); } }.",
                            List.of(), Map.of("lock", acquisition.lock().lock().name()));
                }
            }
        }
    }
}
