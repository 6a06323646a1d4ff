package io.lockopt.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.lockopt.cli.CliRun;

class DemoCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.runCommand(new DemoCommand(), args);
    }

    private long progressLines() {
        return cli.out().lines().filter(l -> l.matches("\\[\\s*\\d+s\\] ticks .*reads .*p99.*")).count();
    }

    @Test
    void printsPidAndProgressUntilStoppedThenTheSummary() throws Exception {
        // Runs until stopped, as with Ctrl-C, once two progress lines are out: a fixed --duration
        // fits fewer one-second reports when the machine is slow to schedule the main loop.
        DemoCommand demo = new DemoCommand();
        FutureTask<Integer> exitCode = new FutureTask<>(() -> cli.runCommand(demo, "--readers", "4", "--tick-rate", "5000"));
        Thread main = new Thread(exitCode, "demo-main");
        main.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (progressLines() < 2 && !exitCode.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        demo.stop();
        assertThat(exitCode.get(60, TimeUnit.SECONDS)).isEqualTo(0);
        String[] lines = cli.out().split("\\R");
        assertThat(lines[0]).contains("pid " + ProcessHandle.current().pid()).contains("read-write")
                .contains("until Ctrl-C");
        assertThat(progressLines()).isGreaterThanOrEqualTo(2);
        assertThat(cli.out()).contains("summary:").contains("lock    market-data (MeteredReadWriteLock)");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void zeroReadersIsAllowed() {
        assertThat(run("--duration", "1s", "--readers", "0", "--strategy", "fine-grained")).isEqualTo(0);
        assertThat(cli.out()).contains("summary:").contains("reads   0");
    }

    @Test
    void exclusiveStrategyReportsItsReentrantLock() {
        assertThat(run("--duration", "1s", "--readers", "2", "--strategy", "EXCLUSIVE")).isEqualTo(0);
        assertThat(cli.out()).contains("strategy exclusive").contains("(ReentrantLock)");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(run("--readers", "-1")).isEqualTo(2);
        assertThat(cli.err()).contains("--readers must not be negative");
        assertThat(run("--readers", "100000")).isEqualTo(2);
        assertThat(cli.err()).contains("--readers must be at most 1024, was 100000");
        assertThat(run("--strategy", "spin")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown strategy 'spin'");
        assertThat(run("--tick-rate", "-5")).isEqualTo(2);
        assertThat(run("--duration", "soon")).isEqualTo(2);
        assertThat(run("--mix", "bars=1,writes=2")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown read operation 'writes'");
    }
}
