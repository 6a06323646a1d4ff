package io.lockopt.agent.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** Signals for tests that stop and resume a process. */
public final class ProcessSignals {
    private ProcessSignals() {
    }

    /**
     * Stops {@code pid} and waits until the kernel says so: {@code kill} returns once the signal is sent, and on a
     * loaded machine the process may still show as running for a while after.
     */
    public static void stop(long pid) throws Exception {
        send("STOP", pid);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (JavaProcess.stoppedState(pid).isEmpty()) {
            assertThat(System.nanoTime()).as("pid %d shows as stopped within 10 s", pid).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    public static void resume(long pid) throws Exception {
        send("CONT", pid);
    }

    private static void send(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
    }
}
