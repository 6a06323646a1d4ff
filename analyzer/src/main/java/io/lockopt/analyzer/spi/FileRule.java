package io.lockopt.analyzer.spi;

/** A rule that looks at one source file at a time (run in parallel across files). */
public non-sealed interface FileRule extends Rule {
    void check(SourceFile file, Reporter reporter);
}
