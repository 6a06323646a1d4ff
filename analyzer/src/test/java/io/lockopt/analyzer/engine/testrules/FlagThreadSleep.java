package io.lockopt.analyzer.engine.testrules;

import java.util.Map;

import com.github.javaparser.ast.expr.MethodCallExpr;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** Test rule: flags every {@code Thread.sleep(..)} call as an error. */
@RuleInfo(summary = "Flags Thread.sleep calls (engine tests).", severity = Severity.ERROR)
public final class FlagThreadSleep implements FileRule {
    @Override
    public void check(SourceFile file, Reporter reporter) {
        file.unit().findAll(MethodCallExpr.class, call -> call.getNameAsString().equals("sleep")
                && call.getScope().map(s -> s.toString().equals("Thread")).orElse(false))
                .forEach(call -> reporter.report(file, call, "Thread.sleep blocks the thread", java.util.List.of(),
                        Map.of("call", "Thread.sleep")));
    }
}
