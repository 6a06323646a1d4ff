package io.lockopt.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;

class ImportedNamesTest {
    private static final Set<String> KNOWN = Set.of("java.util.concurrent.ThreadPoolExecutor",
            "org.springframework.stereotype.Component");

    private static CompilationUnit unit(String source) {
        return new JavaParser().parse(source).getResult().orElseThrow();
    }

    @Test
    void singleTypeImportsOnDemandImportsAndQualifiedNames() {
        CompilationUnit unit = unit("""
                import org.springframework.stereotype.Component;
                import java.util.concurrent.*;
                class A {
                }
                """);
        assertThat(ImportedNames.qualified(unit, "Component", KNOWN::contains))
                .isEqualTo("org.springframework.stereotype.Component");
        assertThat(ImportedNames.qualified(unit, "ThreadPoolExecutor", KNOWN::contains))
                .isEqualTo("java.util.concurrent.ThreadPoolExecutor");
        assertThat(ImportedNames.qualified(unit, "java.util.concurrent.ThreadPoolExecutor", KNOWN::contains))
                .isEqualTo("java.util.concurrent.ThreadPoolExecutor");
        assertThat(ImportedNames.qualified(unit, "ForkJoinPool", KNOWN::contains)).isNull();
    }

    /** A single-type import of another class of that name, or a type of the file's own, wins over an on-demand import. */
    @Test
    void aNearerDeclarationHidesTheOnDemandImport() {
        assertThat(ImportedNames.qualified(unit("""
                import com.example.ui.Component;
                import org.springframework.stereotype.*;
                class A {
                }
                """), "Component", KNOWN::contains)).isNull();
        assertThat(ImportedNames.qualified(unit("""
                import java.util.concurrent.*;
                class A {
                    static class ThreadPoolExecutor {
                    }
                }
                """), "ThreadPoolExecutor", KNOWN::contains)).isNull();
    }
}
