package io.lockopt.analyzer.engine;

/**
 * Immutable counts of a scan.
 *
 * @param read              files read (not those the {@code --cache} vouched for by their stamp alone)
 * @param skippedByPrescreen files that cannot matter to any enabled rule (not parsed)
 * @param parsed            files parsed and checked
 * @param failed            files that could not be read or parsed
 * @param fromCache         files whose file-rule results were reused from the cache, not parsed
 * @param parsedAgain       trees of files kept for the project-wide rules parsed again after the
 *                          garbage collector took them (not files: one file may count several times)
 */
public record ScanStatsSnapshot(long read, long skippedByPrescreen, long parsed, long failed, long fromCache,
        long parsedAgain) {

    /** Files finished in any way; what a progress bar shows. */
    public long done() {
        return skippedByPrescreen + parsed + failed + fromCache;
    }
}
