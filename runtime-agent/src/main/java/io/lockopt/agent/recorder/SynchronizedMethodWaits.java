package io.lockopt.agent.recorder;

import io.lockopt.agent.wire.Snapshot;

/**
 * Decides whether and how the waits of {@code synchronized} methods are measured in one
 * session, and owns the JFR stream that measures them ({@link MonitorEnterStream}). The
 * stream starts only once some synchronized method has been instrumented (classes loaded
 * later count too), and only when the client allowed it and the JVM has JFR; otherwise the
 * counts and holds of synchronized methods are still recorded and their waits are reported as
 * unknown, with the reason ({@link #state}).
 *
 * <p>Design notes. {@link #startIfNeeded} runs on the session's control thread at every poll;
 * {@link #close} on the control thread or the JVM shutdown hook that may race with it;
 * {@link #state} on whichever writes a snapshot. All three are synchronized and quick: JFR
 * starts on the stream's own thread, and the state moves from {@code starting} to
 * {@code jfr} when the stream says its recording runs. {@link MonitorEnterStream} (which links against
 * {@code jdk.jfr}) is loaded only after the module is known to be there, so a runtime without
 * it costs nothing but the message.
 */
public final class SynchronizedMethodWaits {
    private final InstrumentedSites sites;
    private final MonitorWaitSink sink;
    private final boolean allowed;
    private MonitorEnterStream stream;
    private String state;
    /** {@link System#nanoTime()} when JFR's recording began to run; 0 until then. */
    private long measuredSince;
    private boolean closed;

    /** {@code allowed}: the client did not turn JFR off for this session. */
    public SynchronizedMethodWaits(InstrumentedSites sites, MonitorWaitSink sink, boolean allowed) {
        this.sites = sites;
        this.sink = sink;
        this.allowed = allowed;
    }

    /** Starts measuring once the first synchronized method is instrumented; decides once. */
    public synchronized void startIfNeeded() {
        if (closed || state != null || !sites.hasSynchronizedMethods()) {
            return;
        }
        if (!allowed) {
            state = Snapshot.Counters.WAITS_OFF;
            return;
        }
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            state = Snapshot.Counters.WAITS_UNAVAILABLE + "the jdk.jfr module is not in this JVM";
            return;
        }
        try {
            stream = MonitorEnterStream.start(sites, sink);
            state = Snapshot.Counters.WAITS_STARTING;
        } catch (LinkageError | RuntimeException e) {
            state = Snapshot.Counters.WAITS_UNAVAILABLE + (e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /**
     * How the waits of synchronized methods are measured: null while none is instrumented,
     * otherwise one of the {@code Snapshot.Counters.WAITS_*} values.
     */
    public synchronized String state() {
        if (Snapshot.Counters.WAITS_STARTING.equals(state) && stream != null) {
            if (stream.running()) {
                measuredSince = stream.runningSince();
                state = Snapshot.Counters.WAITS_FROM_JFR;
            } else if (stream.failure() != null) {
                state = Snapshot.Counters.WAITS_UNAVAILABLE + stream.failure();
            }
        }
        return state;
    }

    /** How long after {@code sessionStartNanos} JFR began to measure; -1 when it does not. */
    public synchronized long measuredFrom(long sessionStartNanos) {
        return Snapshot.Counters.WAITS_FROM_JFR.equals(state()) ? Math.max(0L, measuredSince - sessionStartNanos)
                : -1L;
    }

    /**
     * Ends the measurement; with {@code drain}, waits first (a few seconds at most) until the
     * waits that happened before this call are recorded, so the final snapshot has them.
     */
    public synchronized void close(boolean drain) {
        closed = true;
        if (stream != null) {
            state();
            stream.drainAndClose(drain);
            if (Snapshot.Counters.WAITS_STARTING.equals(state)) {
                state = Snapshot.Counters.WAITS_UNAVAILABLE + "JFR had not started when the session ended";
            }
        }
    }
}
