package io.lockopt.cli.testrules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** CLI test rule (registered only on the cli test classpath): Thread.sleep inside a synchronized block. */
@RuleInfo(summary = "Thread.sleep inside synchronized (cli tests).", severity = Severity.WARNING)
public final class CliTestSleepInSynchronized implements FileRule {
    @Override
    public void check(SourceFile file, Reporter reporter) {
        for (SynchronizedStmt block : file.unit().findAll(SynchronizedStmt.class)) {
            block.getBody().findAll(MethodCallExpr.class, call -> call.getNameAsString().equals("sleep"))
                    .forEach(call -> reporter.report(file, call, "sleeping while holding the monitor of "
                            + block.getExpression() + "; release it first"));
        }
    }
}
