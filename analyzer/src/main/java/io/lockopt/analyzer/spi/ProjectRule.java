package io.lockopt.analyzer.spi;

import java.util.List;

/** A rule that needs every scanned file at once (call graph, lock-order graph). */
public non-sealed interface ProjectRule extends Rule {
    void check(List<SourceFile> files, Reporter reporter);

    /**
     * Called for each parsed file on the scan's worker threads, before {@link #check}: computes
     * what the rule needs of one file (kept in {@link SourceFile#derived}) in parallel and where a
     * failure can be pinned on the file. A file on which this throws is reported as a failure of
     * the rule on that file and left out of the project-wide pass.
     */
    default void prepare(SourceFile file) {
    }
}
