package io.lockopt.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.lockopt.cli.DurationConverter;
import picocli.CommandLine;

class DemoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(new DemoCommand(), args);
    }

    private int run(DemoCommand demo, String... args) {
        CommandLine cmd = DurationConverter.registerOn(new CommandLine(demo));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private long progressLines() {
        return out.toString().lines().filter(l -> l.matches("\\[\\s*\\d+s\\] ticks .*reads .*p99.*")).count();
    }

    @Test
    void printsPidAndProgressUntilStoppedThenTheSummary() throws Exception {
        // Runs until stopped, as with Ctrl-C, once two progress lines are out: a fixed --duration
        // fits fewer one-second reports when the machine is slow to schedule the main loop.
        DemoCommand demo = new DemoCommand();
        FutureTask<Integer> exitCode = new FutureTask<>(() -> run(demo, "--readers", "4", "--tick-rate", "5000"));
        Thread main = new Thread(exitCode, "demo-main");
        main.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (progressLines() < 2 && !exitCode.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        demo.stop();
        assertThat(exitCode.get(60, TimeUnit.SECONDS)).isEqualTo(0);
        String[] lines = out.toString().split("\\R");
        assertThat(lines[0]).contains("pid " + ProcessHandle.current().pid()).contains("read-write")
                .contains("until Ctrl-C");
        assertThat(progressLines()).isGreaterThanOrEqualTo(2);
        assertThat(out.toString()).contains("summary:").contains("lock    market-data (MeteredReadWriteLock)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void zeroReadersIsAllowed() {
        assertThat(run("--duration", "1s", "--readers", "0", "--strategy", "fine-grained")).isEqualTo(0);
        assertThat(out.toString()).contains("summary:").contains("reads   0");
    }

    @Test
    void exclusiveStrategyReportsItsReentrantLock() {
        assertThat(run("--duration", "1s", "--readers", "2", "--strategy", "EXCLUSIVE")).isEqualTo(0);
        assertThat(out.toString()).contains("strategy exclusive").contains("(ReentrantLock)");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(run("--readers", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--readers must not be negative");
        assertThat(run("--strategy", "spin")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown strategy 'spin'");
        assertThat(run("--tick-rate", "-5")).isEqualTo(2);
        assertThat(run("--duration", "soon")).isEqualTo(2);
        assertThat(run("--mix", "bars=1,writes=2")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown read operation 'writes'");
    }
}
