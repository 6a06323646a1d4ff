package io.lockopt.analyzer.engine.source;

import java.io.IOException;
import java.util.List;
import java.util.zip.ZipFile;

import io.lockopt.analyzer.engine.Diagnostic;

/** The sources found for a scan; holds the opened jars until closed. */
public record SourceSet(List<SourceInput> inputs, List<Diagnostic> diagnostics, List<ZipFile> openArchives)
        implements AutoCloseable {

    public SourceSet {
        inputs = List.copyOf(inputs);
        diagnostics = List.copyOf(diagnostics);
        openArchives = List.copyOf(openArchives);
    }

    @Override
    public void close() {
        for (ZipFile archive : openArchives) {
            try {
                archive.close();
            } catch (IOException ignored) {
                // Read-only archive: nothing is lost when closing fails.
            }
        }
    }
}
