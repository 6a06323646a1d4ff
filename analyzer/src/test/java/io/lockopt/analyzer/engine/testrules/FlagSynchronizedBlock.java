package io.lockopt.analyzer.engine.testrules;

import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** Test rule: flags every {@code synchronized} block, at the block statement. */
@RuleInfo(summary = "Flags every synchronized block (engine tests).", severity = Severity.WARNING,
        options = {"limit"})
public final class FlagSynchronizedBlock implements FileRule {
    @Override
    public void check(SourceFile file, Reporter reporter) {
        file.unit().findAll(SynchronizedStmt.class).forEach(block ->
                reporter.report(file, block.getExpression(), "synchronized on " + block.getExpression()
                        + "; use a lock object instead"));
    }
}
