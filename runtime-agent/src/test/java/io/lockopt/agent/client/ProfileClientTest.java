package io.lockopt.agent.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.tools.attach.AttachNotSupportedException;

/** What a failed attach is called, from HotSpot's exception and the process's state. */
class ProfileClientTest {
    /** HotSpot's words when the JVM never opened its attach socket. */
    private static final String NO_SOCKET = "Unable to open socket file /tmp/.java_pid%d: target process %d doesn't"
            + " respond within 10500ms or HotSpot VM not loaded";

    @Test
    void aJvmThatDidNotAnswerIsNotBlamedOnTheAttachMechanismAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            ProfileException refused = ProfileClient.attachRefused(sleep.pid(),
                    new AttachNotSupportedException(String.format(NO_SOCKET, sleep.pid(), sleep.pid())));
            assertThat(refused.problem()).isEqualTo(ProfileException.Problem.NOT_ANSWERING);
            assertThat(refused.getMessage()).startsWith("cannot attach to pid " + sleep.pid()
                    + ": the JVM did not answer the attach (it is hung, or its attach is disabled): Unable to open");
        } finally {
            sleep.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Stopped after the check before the attach: the process state says so once the attach gave up. */
    @Test
    void aJvmStoppedDuringTheAttachIsCalledStopped() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessSignals.stop(sleep.pid());
            ProfileException refused = ProfileClient.attachRefused(sleep.pid(),
                    new AttachNotSupportedException(String.format(NO_SOCKET, sleep.pid(), sleep.pid())));
            assertThat(refused.problem()).isEqualTo(ProfileException.Problem.NOT_ANSWERING);
            assertThat(refused.getMessage()).startsWith("pid " + sleep.pid() + " is stopped (State: T (stopped);");
        } finally {
            sleep.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void attachDisabledInThePerfDataIsNamed() {
        ProfileException refused = ProfileClient.attachRefused(ProcessHandle.current().pid(),
                new AttachNotSupportedException("The VM does not support the attach mechanism"));
        assertThat(refused.problem()).isEqualTo(ProfileException.Problem.ATTACH_DISABLED);
        assertThat(refused.getMessage()).isEqualTo("cannot attach to pid " + ProcessHandle.current().pid()
                + ": the JVM does not accept attach (started with -XX:+DisableAttachMechanism)");
    }
}
