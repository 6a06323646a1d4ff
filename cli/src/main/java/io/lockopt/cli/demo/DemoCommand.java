package io.lockopt.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.lockopt.cli.DurationConverter;
import io.lockopt.cli.Interruption;
import io.lockopt.samples.LockStrategy;
import io.lockopt.samples.ManagedLockStats;
import io.lockopt.samples.ManagerStats;
import io.lockopt.samples.RealtimeDataManager;
import io.lockopt.samples.workload.ReadMix;
import io.lockopt.samples.workload.ReaderLoop;
import io.lockopt.samples.workload.SimulatedFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code lockopt demo}: the realtime manager under a simulated feed and reader threads, printing
 * one progress line a second. It is the live target for {@code lockopt profile --pid}.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the realtime market-data demo service: a simulated tick feed plus reader threads.",
            "Prints its pid first (for 'lockopt profile --pid'), then one line a second; Ctrl-C stops it "
                + "with a summary."
        },
        footer = {"", DurationConverter.HELP})
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", defaultValue = "read-write", converter = StrategyConverter.class,
            completionCandidates = StrategyNames.class,
            description = "Lock strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LockStrategy strategy;

    private static final int MAX_READERS = 1_024;

    @Option(names = "--readers", defaultValue = "4", paramLabel = "N",
            description = "Reader threads (0 allowed; default: ${DEFAULT-VALUE}).")
    int readers;

    @Option(names = "--tick-rate", defaultValue = "20000", paramLabel = "TICKS_PER_SECOND",
            description = "Simulated ticks per second (default: ${DEFAULT-VALUE}).")
    long tickRate;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to run, e.g. 30s or 5m (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--mix", defaultValue = "bars=60,last=30,recent=10", converter = MixConverter.class,
            description = "Reader operation weights (default: ${DEFAULT-VALUE}).")
    ReadMix mix;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the feed (default: ${DEFAULT-VALUE}).")
    long seed;

    private volatile boolean running = true;
    /** Ctrl-C (the shutdown hook) or {@link #stop}: the main loop stops the workers and prints the summary. */
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        if (readers < 0) {
            throw new ParameterException(spec.commandLine(), "--readers must not be negative, was " + readers);
        }
        if (readers > MAX_READERS) {
            // Each reader is a platform thread: 100,000 of them take minutes to start and stop.
            throw new ParameterException(spec.commandLine(), "--readers must be at most " + MAX_READERS + ", was " + readers);
        }
        if (tickRate < 0) {
            throw new ParameterException(spec.commandLine(), "--tick-rate must not be negative, was " + tickRate);
        }
        PrintWriter out = spec.commandLine().getOut();
        RealtimeDataManager manager = RealtimeDataManager.builder("market-data").strategy(strategy).build();
        Recorder latencies = new Recorder(3);
        LongAdder reads = new LongAdder();
        SimulatedFeed feed = new SimulatedFeed(manager, tickRate, seed, () -> running);

        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(feed, "demo-feed"));
        for (int i = 0; i < readers; i++) {
            threads.add(new Thread(new ReaderLoop(manager, mix, seed + 1 + i, latencies, reads, () -> running),
                    "demo-reader-" + i));
        }

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C or SIGTERM: let the main loop stop the workers and print the summary.
            stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Interruption.toldByTheCommand();

        out.printf("lockopt demo: pid %d, strategy %s, %s, %,d ticks/s, mix %s, %s%n",
                ProcessHandle.current().pid(), StrategyConverter.label(strategy), readerCount(), tickRate, mix,
                duration == null ? "until Ctrl-C" : "for " + describe(duration));
        out.flush();

        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Histogram all = new Histogram(3);
        long lastTicks = 0;
        long lastReads = 0;
        long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long nextReport = start + REPORT_INTERVAL.toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                long wake = Math.min(nextReport, deadline);
                if (stopRequested.await(Math.max(0, wake - now), TimeUnit.NANOSECONDS)) {
                    break;
                }
                now = System.nanoTime();
                if (now >= nextReport) {
                    Histogram interval = latencies.getIntervalHistogram();
                    all.add(interval);
                    long ticks = manager.stats().ticksAccepted();
                    long readCount = reads.sum();
                    double seconds = (now - start) / 1e9;
                    out.printf(Locale.ROOT, "[%5.0fs] ticks %,d (+%,d/s)  reads %,d (+%,d/s)  read p50 %s  p99 %s%n",
                            seconds, ticks, ticks - lastTicks, readCount, readCount - lastReads,
                            micros(interval, 50), micros(interval, 99));
                    out.flush();
                    lastTicks = ticks;
                    lastReads = readCount;
                    nextReport += REPORT_INTERVAL.toNanos();
                }
                if (now >= deadline) {
                    break;
                }
            }
        } finally {
            running = false;
            for (Thread thread : threads) {
                thread.join();
            }
            all.add(latencies.getIntervalHistogram());
            printSummary(out, manager, all, reads.sum(), (System.nanoTime() - start) / 1e9);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting through the hook; nothing to remove.
            }
        }
        return 0;
    }

    /** Stops a running demo as Ctrl-C does: workers stopped, summary printed, {@link #call} returns. */
    void stop() {
        stopRequested.countDown();
    }

    private void printSummary(PrintWriter out, RealtimeDataManager manager, Histogram latency, long readCount,
            double seconds) {
        ManagerStats stats = manager.stats();
        out.printf(Locale.ROOT, "summary: %.1f s, strategy %s, %s%n", seconds,
                StrategyConverter.label(strategy), readerCount());
        out.printf(Locale.ROOT, "  ticks   accepted %,d  rejected %,d  bars closed %,d  (%,.0f/s)%n",
                stats.ticksAccepted(), stats.ticksRejected(), stats.barsClosed(), stats.ticksAccepted() / seconds);
        out.printf(Locale.ROOT, "  reads   %,d (%,.0f/s)  latency p50 %s  p90 %s  p99 %s  max %s%n", readCount,
                readCount / seconds, micros(latency, 50), micros(latency, 90), micros(latency, 99),
                latency.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f us", latency.getMaxValue() / 1e3));
        for (ManagedLockStats lock : manager.lockStats()) {
            out.printf(Locale.ROOT, "  lock    %s (%s): %,d acquisitions (%,d read), %.1f%% contended, "
                    + "wait total %.1f ms max %.2f ms, hold total %.1f ms max %.2f ms, peak readers %d%n",
                    lock.name(), lock.kind(), lock.acquisitions(), lock.readAcquisitions(),
                    lock.contendedShare() * 100, lock.totalWaitNanos() / 1e6, lock.maxWaitNanos() / 1e6,
                    lock.totalHoldNanos() / 1e6, lock.maxHoldNanos() / 1e6, lock.peakReaders());
        }
        out.flush();
    }

    private String readerCount() {
        return readers + (readers == 1 ? " reader" : " readers");
    }

    private static String micros(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f us", histogram.getValueAtPercentile(percentile) / 1e3);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Accepts {@code exclusive}, {@code read-write}, {@code fine-grained}, {@code optimistic} (any case, {@code _} or {@code -}). */
    static final class StrategyConverter implements ITypeConverter<LockStrategy> {
        @Override
        public LockStrategy convert(String value) {
            String key = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (LockStrategy s : LockStrategy.values()) {
                if (s.name().equals(key)) {
                    return s;
                }
            }
            throw new TypeConversionException("unknown strategy '" + value + "' (expected exclusive, read-write, fine-grained or optimistic)");
        }

        static String label(LockStrategy strategy) {
            return strategy.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Reads {@code --mix}. */
    static final class MixConverter implements ITypeConverter<ReadMix> {
        @Override
        public ReadMix convert(String value) {
            try {
                return ReadMix.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Completion candidates and help text for {@code --strategy}. */
    static final class StrategyNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        StrategyNames() {
            for (LockStrategy s : LockStrategy.values()) {
                add(StrategyConverter.label(s));
            }
        }
    }
}
