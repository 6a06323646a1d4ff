package io.lockopt.analyzer.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * {@link ScanStats} for the parallel scan.
 *
 * <p>Design notes: every worker thread records into the same counters while the progress bar
 * thread reads them. {@link LongAdder} keeps writers from contending on one cache line; a
 * snapshot taken mid-scan may mix counts from slightly different moments, which a progress
 * display tolerates. After the workers have been joined (the engine waits for every task), the
 * snapshot is exact, because joining the futures happens-before the reads.
 */
public final class ConcurrentScanStats implements ScanStats {
    private final LongAdder read = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder parsed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder fromCache = new LongAdder();
    private final LongAdder parsedAgain = new LongAdder();

    @Override
    public void recordRead() {
        read.increment();
    }

    @Override
    public void recordSkippedByPrescreen() {
        skipped.increment();
    }

    @Override
    public void recordParsed() {
        parsed.increment();
    }

    @Override
    public void recordParsedAgain() {
        parsedAgain.increment();
    }

    @Override
    public void recordReusedFromCache() {
        fromCache.increment();
    }

    @Override
    public void recordFailed() {
        failed.increment();
    }

    @Override
    public ScanStatsSnapshot snapshot() {
        return new ScanStatsSnapshot(read.sum(), skipped.sum(), parsed.sum(), failed.sum(), fromCache.sum(),
                parsedAgain.sum());
    }
}
