package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.engine.ConcurrentScanStats;

/**
 * The bar on a clock the test moves, ticked by the test itself: its render thread's period is
 * a day, so nothing is drawn behind the test's back and no outcome depends on timing.
 */
class ProgressBarTest {
    private static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(ProgressBar.DELAY_MILLIS);
    private static final long NEVER_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong(42_000_000_000L);

    private static String bar(int filled, String count) {
        return "\rlockopt: scanning [" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + count + " files";
    }

    @Test
    void testsRunWithoutATerminal() {
        // Surefire's forked JVM has no terminal, so analyze draws no bar there (nor in CI logs).
        assertThat(ProgressBar.terminalAttached()).isFalse();
    }

    @Test
    void quickScansDrawNothing() {
        ConcurrentScanStats stats = new ConcurrentScanStats();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(err), now::get, NEVER_MILLIS)) {
            bar.render(); // before the scan: nothing to draw
            bar.started(10, stats);
            stats.recordParsed();
            now.addAndGet(DELAY_NANOS - 1);
            bar.render();
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void longScansShowProgressAndClearTheLine() {
        ConcurrentScanStats stats = new ConcurrentScanStats();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(err), now::get, NEVER_MILLIS)) {
            bar.started(4, stats);
            stats.recordParsed();
            stats.recordSkippedByPrescreen();
            now.addAndGet(DELAY_NANOS);
            bar.render();
            assertThat(err.toString()).isEqualTo(bar(15, "2/4"));
            stats.recordParsed();
            bar.render();
            assertThat(err.toString()).endsWith(bar(22, "3/4"));
        }
        String drawn = err.toString();
        assertThat(drawn).endsWith(bar(22, "3/4") + "\r" + " ".repeat(80) + "\r").doesNotContain("\n");
    }

    @Test
    void aScanWithNoFilesDrawsNothing() {
        try (ProgressBar bar = new ProgressBar(new PrintWriter(err), now::get, NEVER_MILLIS)) {
            bar.started(0, new ConcurrentScanStats());
            now.addAndGet(10 * DELAY_NANOS);
            bar.render();
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theRenderThreadDrawsOnItsOwn() throws InterruptedException {
        // The production period: past the delay on the bar's clock, the scheduled ticks draw. A
        // generous deadline, not a sleep, so a slow machine only makes the test slower.
        ConcurrentScanStats stats = new ConcurrentScanStats();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(err), now::get, ProgressBar.PERIOD_MILLIS)) {
            bar.started(4, stats);
            stats.recordParsed();
            now.addAndGet(DELAY_NANOS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (err.toString().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(err.toString()).startsWith(bar(7, "1/4"));
        }
    }
}
