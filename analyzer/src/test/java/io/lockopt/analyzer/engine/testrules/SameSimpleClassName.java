package io.lockopt.analyzer.engine.testrules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;

import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/** Test project rule: a top-level class whose simple name another scanned file also declares. */
@RuleInfo(summary = "Flags classes declared twice (engine tests).", severity = Severity.NOTE)
public final class SameSimpleClassName implements ProjectRule {
    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        Map<String, Reporter.RelatedLocation> first = new HashMap<>();
        for (SourceFile file : files) {
            for (ClassOrInterfaceDeclaration type : file.unit().findAll(ClassOrInterfaceDeclaration.class)) {
                Reporter.RelatedLocation previous = first.putIfAbsent(type.getNameAsString(),
                        new Reporter.RelatedLocation(file, type.getName(), "first declared here"));
                if (previous != null) {
                    reporter.report(file, type.getName(), "class " + type.getNameAsString()
                            + " is also declared in " + previous.file().path(), List.of(previous), Map.of());
                }
            }
        }
    }
}
