package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.engine.ConcurrentScanStats;

class ProgressBarTest {
    @Test
    void testsRunWithoutATerminal() {
        // Surefire's forked JVM has no terminal, so analyze draws no bar there (nor in CI logs).
        assertThat(ProgressBar.terminalAttached()).isFalse();
    }

    @Test
    void quickScansDrawNothing() {
        StringWriter err = new StringWriter();
        ConcurrentScanStats stats = new ConcurrentScanStats();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(err))) {
            bar.started(10, stats);
            stats.recordParsed();
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void longScansShowProgressAndClearTheLine() throws InterruptedException {
        StringWriter err = new StringWriter();
        ConcurrentScanStats stats = new ConcurrentScanStats();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(err))) {
            bar.started(4, stats);
            stats.recordParsed();
            stats.recordSkippedByPrescreen();
            Thread.sleep(ProgressBar.DELAY_MILLIS + 3 * ProgressBar.PERIOD_MILLIS);
        }
        String drawn = err.toString();
        assertThat(drawn).contains("\rlockopt: scanning [" + "#".repeat(15) + " ".repeat(15) + "] 2/4 files");
        assertThat(drawn).endsWith("\r").doesNotContain("\n");
    }
}
