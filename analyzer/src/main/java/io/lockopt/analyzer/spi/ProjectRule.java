package io.lockopt.analyzer.spi;

import java.util.List;

/** A rule that needs every scanned file at once (call graph, lock-order graph). */
public non-sealed interface ProjectRule extends Rule {
    void check(List<SourceFile> files, Reporter reporter);
}
