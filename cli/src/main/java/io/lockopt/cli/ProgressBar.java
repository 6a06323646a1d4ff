package io.lockopt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.lockopt.analyzer.engine.ProgressListener;
import io.lockopt.analyzer.engine.ScanStats;

/**
 * A one-line progress bar on stderr for scans that take more than a moment; it draws nothing
 * for scans that finish within {@link #DELAY_MILLIS}.
 *
 * <p>Design notes: the scan's worker threads only bump the LongAdder counters of
 * {@link ScanStats}; a single daemon render thread reads them every {@link #PERIOD_MILLIS} and
 * is the only thread writing to stderr while the scan runs. It draws once the scan has run
 * {@link #DELAY_MILLIS} by the bar's clock, {@link System#nanoTime()} (a test passes its own
 * clock and calls {@link #render} itself instead of sleeping through the delay).
 * {@link #close()} (called by the command thread after the scan) stops the render thread and
 * waits for it before clearing the line, so the command's own output never interleaves with a
 * half-drawn bar. {@code drawn} is written by the render thread and read after
 * {@code awaitTermination}, which orders the two.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    static final long DELAY_MILLIS = 1_000;
    static final long PERIOD_MILLIS = 200;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final ScheduledExecutorService renderer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lockopt-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final LongSupplier nanoTime;
    private final long periodMillis;
    private volatile boolean drawn;
    private volatile Scan scan;

    /** The running scan: its size, its counters and when it began by the bar's clock. */
    private record Scan(int totalFiles, ScanStats stats, long startedNanos) {
    }

    ProgressBar(PrintWriter err) {
        this(err, System::nanoTime, PERIOD_MILLIS);
    }

    /** A test's clock, and a period between ticks that may keep the render thread out of its way. */
    ProgressBar(PrintWriter err, LongSupplier nanoTime, long periodMillis) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.periodMillis = periodMillis;
    }

    /**
     * Whether the process talks to a terminal, so a bar that redraws one line makes sense (not in
     * CI logs). From JDK 22 {@link System#console()} may exist for redirected streams too, and
     * {@code Console.isTerminal()} (looked up reflectively: lockopt compiles for 17) tells.
     */
    static boolean terminalAttached() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 there is a console only for an interactive terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Override
    public void started(int totalFiles, ScanStats stats) {
        if (totalFiles == 0) {
            return;
        }
        scan = new Scan(totalFiles, stats, nanoTime.getAsLong());
        // Ticks from the start; the first one at or past DELAY_MILLIS draws (the fifth, as the
        // scheduler's own clock is System.nanoTime too).
        renderer.scheduleAtFixedRate(this::render, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One tick of the render thread: draws the bar once the scan has run {@link #DELAY_MILLIS}. */
    void render() {
        Scan running = scan;
        if (running != null
                && nanoTime.getAsLong() - running.startedNanos() >= TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS)) {
            draw(running.totalFiles(), running.stats().snapshot().done());
        }
    }

    private void draw(int total, long done) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        err.print("\rlockopt: scanning [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + done + "/" + total + " files");
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        renderer.shutdownNow();
        try {
            renderer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            err.flush();
        }
    }
}
