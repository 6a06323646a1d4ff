package io.lockopt.agent.client;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import io.lockopt.agent.wire.SessionDirectory;

/**
 * Where the time of an attach went, from the client's clock and the agent's own figures:
 * {@code preparation} (checking the pid, the agent jar, the session directory), {@code load}
 * (the Attach API's attach and {@code loadAgent}, or starting the process in launch mode),
 * {@code untilReady} (from the load until the agent said ready), of which the agent reports
 * {@code agentStart} (its control thread up: class loading) and {@code instrumentation}
 * (retransforming the classes) when it says so.
 */
public record AttachTimings(Duration preparation, Duration load, Duration untilReady, Optional<Duration> agentStart,
        Optional<Duration> instrumentation) {

    /** From the client's timestamps (nanoTime) and the agent's ready status. */
    static AttachTimings of(long started, long loadStarted, long loadEnded, long ready, Properties readyStatus) {
        return new AttachTimings(Duration.ofNanos(loadStarted - started), Duration.ofNanos(loadEnded - loadStarted),
                Duration.ofNanos(ready - loadEnded), millis(readyStatus, SessionDirectory.AGENT_START_MILLIS),
                millis(readyStatus, SessionDirectory.INSTRUMENTATION_MILLIS));
    }

    public Duration total() {
        return preparation.plus(load).plus(untilReady);
    }

    private static Optional<Duration> millis(Properties properties, String name) {
        try {
            return Optional.ofNullable(properties.getProperty(name)).map(Long::parseLong).map(Duration::ofMillis);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
