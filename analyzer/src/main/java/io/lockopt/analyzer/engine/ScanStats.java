package io.lockopt.analyzer.engine;

/** Counts what a scan did with its files; recorded by many worker threads at once. */
public interface ScanStats {

    /** A file was read (not one the {@code --cache} vouched for by its stamp alone). */
    void recordRead();

    /** The prescreen showed the file cannot matter to any enabled rule; it was not parsed. */
    void recordSkippedByPrescreen();

    /** The file was parsed and the file rules ran on it. */
    void recordParsed();

    /**
     * The file's content was unchanged since the run that wrote the {@code --cache}: what the file
     * rules found in it was reused, and it was not parsed.
     */
    void recordReusedFromCache();

    /**
     * The tree of a file kept for the project-wide rules was parsed again: the garbage collector took
     * it to stay within the heap ({@link io.lockopt.analyzer.spi.SourceFile#release()}).
     */
    void recordParsedAgain();

    /** The file could not be read, decoded or parsed. */
    void recordFailed();

    /** The counts so far. */
    ScanStatsSnapshot snapshot();
}
