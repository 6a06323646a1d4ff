package io.lockopt.analyzer.engine.testrules;

import java.util.List;

import com.github.javaparser.ast.expr.MethodCallExpr;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Prescreen;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** Test rule with a prescreen of its own (a new instance per call): any call named sleep, lock code or not. */
@RuleInfo(summary = "Flags sleep calls anywhere (engine tests).", severity = Severity.ERROR)
public final class SleepAnywhere implements FileRule {
    @Override
    public Prescreen prescreen() {
        return Prescreen.anyOf(List.of("sleep"));
    }

    @Override
    public void check(SourceFile file, Reporter reporter) {
        file.unit().findAll(MethodCallExpr.class, call -> call.getNameAsString().equals("sleep"))
                .forEach(call -> reporter.report(file, call, "sleep"));
    }
}
