package io.lockopt.analyzer.engine;

/** Told how many files a scan will look at, then given the live counts to display. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (total, stats) -> { };

    /** Called once, after discovery and before the workers start; {@code stats} fills up as they go. */
    void started(int totalFiles, ScanStats stats);
}
