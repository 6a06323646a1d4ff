package io.lockopt.agent.recorder;

/**
 * What a session asks of a snapshot besides the recorder's figures: the header of
 * {@link io.lockopt.agent.wire.Snapshot} and the instrumentation's own counts.
 *
 * @param endReason why the session ended (only with {@code last}); null while it runs
 * @param elapsedNanos time since the session started
 */
public record SnapshotRequest(String secret, long sequence, boolean last, String endReason, long startedAtMillis,
        long elapsedNanos, int classesInstrumented, long transformErrors) {
}
