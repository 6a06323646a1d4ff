package io.lockopt.samples.workload;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Recorder;

import io.lockopt.samples.RealtimeDataManager;

/**
 * One reader thread: runs the configured mix of reads as fast as it can, recording each read's
 * latency into a shared HdrHistogram {@link Recorder} (wait-free for writers).
 */
public final class ReaderLoop implements Runnable {
    private static final int BARS_PER_READ = 20;
    private static final int TICKS_PER_READ = 50;

    private final RealtimeDataManager manager;
    private final ReadMix mix;
    private final SplittableRandom random;
    private final Recorder latencies;
    private final LongAdder reads;
    private final BooleanSupplier running;
    /** Keeps the results observable so the JIT cannot drop the reads. */
    private volatile long consumed;

    public ReaderLoop(RealtimeDataManager manager, ReadMix mix, long seed, Recorder latencies, LongAdder reads,
            BooleanSupplier running) {
        this.manager = manager;
        this.mix = mix;
        this.random = new SplittableRandom(seed);
        this.latencies = latencies;
        this.reads = reads;
        this.running = running;
    }

    @Override
    public void run() {
        List<Duration> timeframes = manager.timeframes();
        long sink = 0;
        while (running.getAsBoolean()) {
            ReadMix.ReadOperation op = mix.next(random);
            long start = System.nanoTime();
            switch (op) {
                case BARS -> sink += manager.bars(timeframes.get(random.nextInt(timeframes.size())),
                        BARS_PER_READ, true).size();
                case LAST_PRICE -> sink += manager.lastPrice().isPresent() ? 1 : 0;
                case RECENT_TICKS -> sink += manager.recentTicks(TICKS_PER_READ).size();
                default -> throw new AssertionError(op);
            }
            latencies.recordValue(System.nanoTime() - start);
            reads.increment();
        }
        consumed = sink;
    }
}
