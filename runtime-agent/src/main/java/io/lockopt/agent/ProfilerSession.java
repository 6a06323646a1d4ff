package io.lockopt.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.instrument.LockInstrumentation;
import io.lockopt.agent.recorder.InstrumentedSites;
import io.lockopt.agent.recorder.LockRecorder;
import io.lockopt.agent.recorder.SnapshotRequest;
import io.lockopt.agent.recorder.SynchronizedMethodWaits;
import io.lockopt.agent.wire.AgentOptions;
import io.lockopt.agent.wire.AlwaysOnOptions;
import io.lockopt.agent.wire.SessionDirectory;
import io.lockopt.agent.wire.Snapshot;

/**
 * One profiling session inside the target JVM, from attach to detach.
 *
 * <p>Design notes. Three threads meet here. The attach thread only calls {@link #start},
 * which starts the daemon control thread and returns once that thread has added the class
 * transformer (a few milliseconds: under {@code -javaagent} this is {@code premain}, and the
 * application's main class, which loads right after it, must meet the transformer, or a class
 * whose load overlapped the install could escape both the transformer and the retransformation
 * of loaded classes). The control thread retransforms the loaded classes, writes a snapshot every interval,
 * watches for the end (stop file, duration, stale client heartbeat) and then detaches. A
 * JVM shutdown hook may race with it to write the last snapshot when the target exits; the
 * {@link #finished} flag lets exactly one of them end the session. Application threads
 * never touch this class: they meet the recorder through the bootstrap hooks. Once a
 * synchronized method is instrumented, {@link SynchronizedMethodWaits} starts a JFR stream on
 * a daemon thread of its own, which reports waits to the recorder directly; ending the session
 * drains and closes it before the last snapshot. Nothing here
 * is static: a later session in the same JVM is a new object.
 */
public final class ProfilerSession {
    private static final long POLL_MILLIS = 50;
    /** How long {@link #start} waits for the transformer to be added (only a hung JVM takes longer). */
    private static final long TRANSFORMER_WAIT_SECONDS = 10;
    /**
     * Until a snapshot has carried data, one is written every poll (during the first interval
     * only): the client sees the first acquisitions right after the instrumentation is in,
     * not a whole interval later.
     */
    private boolean dataWritten;

    private final AgentOptions options;
    private final Instrumentation instrumentation;
    private final SessionDirectory channel;
    private final InstrumentedSites sites = new InstrumentedSites();
    private final LockRecorder recorder;
    private final LockInstrumentation lockInstrumentation;
    private final SynchronizedMethodWaits synchronizedWaits;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Counted down once the control thread has added the class transformer, or has given up before it. */
    private final CountDownLatch transforming = new CountDownLatch(1);
    private final long startedAtMillis = System.currentTimeMillis();
    private final long startedAtNanos = System.nanoTime();
    private final Thread shutdownHook;
    private long sequence;

    private ProfilerSession(AgentOptions options, Instrumentation instrumentation) {
        this.options = options;
        this.instrumentation = instrumentation;
        this.channel = new SessionDirectory(options.sessionDir());
        this.recorder = new LockRecorder(sites, options.maxLocks());
        this.lockInstrumentation = new LockInstrumentation(sites, options.includes(), options.excludes());
        this.synchronizedWaits = new SynchronizedMethodWaits(sites, recorder::monitorWaited, options.jfr());
        this.shutdownHook = new Thread(() -> finish("target-exit", false), "lockopt-profiler-exit");
    }

    /**
     * Called (by name) from {@link Agent}; returns quickly, the work happens on the control thread.
     * Arguments without a session directory start the {@link AlwaysOnSession} instead.
     */
    public static void start(String arguments, Instrumentation instrumentation) {
        if (AlwaysOnOptions.isAlwaysOn(arguments)) {
            AlwaysOnSession.start(arguments, instrumentation);
            return;
        }
        AgentOptions options = AgentOptions.parse(arguments);
        SessionDirectory channel = new SessionDirectory(options.sessionDir());
        Optional<String> unsafe = channel.unsafeBecause();
        if (unsafe.isPresent()) {
            // Not a channel we trust: say nothing into it.
            System.err.println("lockopt agent: not started: " + unsafe.get());
            return;
        }
        ProfilerSession session = new ProfilerSession(options, instrumentation);
        Thread control = new Thread(session::run, "lockopt-profiler");
        control.setDaemon(true);
        control.start();
        try {
            session.transforming.await(TRANSFORMER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        if (!LockHooks.attach(recorder)) {
            transforming.countDown();
            writeStatus("busy", "another lockopt profile session is attached to this JVM");
            return;
        }
        try {
            long installStart = System.nanoTime();
            try {
                lockInstrumentation.startTransforming(instrumentation);
            } finally {
                transforming.countDown();
            }
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            lockInstrumentation.retransformLoaded();
            synchronizedWaits.startIfNeeded(); // JFR starts on its own thread, while the client is told we are ready
            long upMillis = (installStart - startedAtNanos) / 1_000_000;
            long installMillis = (System.nanoTime() - installStart) / 1_000_000;
            Properties timings = new Properties();
            timings.setProperty(SessionDirectory.AGENT_START_MILLIS, Long.toString(upMillis));
            timings.setProperty(SessionDirectory.INSTRUMENTATION_MILLIS, Long.toString(installMillis));
            writeStatus("ready", "instrumented " + lockInstrumentation.instrumentedClasses() + " classes in "
                    + installMillis + " ms (agent up after " + upMillis + " ms)", timings);
            writeSnapshot(false, null);
            String reason = awaitEnd();
            finish(reason, true);
            if (reason.equals("stop")) {
                return; // the client asked, so it is there to read the end and remove the channel
            }
        } catch (Throwable t) {
            writeStatus("failed", String.valueOf(t));
            finish("failed", true);
        }
        removeChannelOnceClientGone();
    }

    /** Sleeps in short steps, writing a snapshot every interval, until a reason to end shows up. */
    private String awaitEnd() throws InterruptedException {
        long firstInterval = System.nanoTime() + options.intervalMillis() * 1_000_000L;
        long nextSnapshot = firstInterval;
        while (!finished.get()) {
            Thread.sleep(POLL_MILLIS);
            synchronizedWaits.startIfNeeded();
            long now = System.nanoTime();
            if (stopRequested()) {
                return "stop";
            }
            if (options.durationMillis() > 0 && now - startedAtNanos >= options.durationMillis() * 1_000_000L) {
                return "duration";
            }
            if (clientGone()) {
                return "client-gone";
            }
            boolean early = !dataWritten && now < firstInterval;
            if (now >= nextSnapshot || early) {
                if (!early) {
                    nextSnapshot = now + options.intervalMillis() * 1_000_000L;
                }
                if (!writeSnapshot(false, null)) {
                    return "client-gone";
                }
            }
        }
        return "target-exit";
    }

    private boolean stopRequested() {
        try {
            Optional<Properties> stop = channel.readProperties(SessionDirectory.STOP);
            return stop.isPresent() && options.secret().equals(stop.get().getProperty("secret"));
        } catch (IOException e) {
            return false;
        }
    }

    private boolean clientGone() {
        try {
            long age = System.currentTimeMillis()
                    - Files.getLastModifiedTime(channel.file(SessionDirectory.HEARTBEAT)).toMillis();
            return age > options.heartbeatTimeoutMillis();
        } catch (NoSuchFileException e) {
            // No heartbeat yet is fine for a while; a missing directory means the client is gone.
            return !Files.isDirectory(channel.path())
                    || System.nanoTime() - startedAtNanos > options.heartbeatTimeoutMillis() * 1_000_000L;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Ends the session once: hooks become pass-throughs, classes are retransformed back
     * (not during JVM shutdown, where it would only delay the exit), the last snapshot and the
     * final status are written.
     */
    private void finish(String reason, boolean restoreClasses) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        LockHooks.detach(recorder);
        // Waits JFR saw before the detach reach the recorder before the last snapshot.
        synchronizedWaits.close(restoreClasses);
        boolean restored = false;
        if (restoreClasses) {
            try {
                restored = lockInstrumentation.uninstall(instrumentation);
            } catch (Throwable t) {
                restored = false;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        // Status first: a client that sees the last snapshot can rely on the final status.
        Properties extra = new Properties();
        extra.setProperty("reason", reason);
        extra.setProperty("restored", Boolean.toString(restored));
        writeStatus("detached", "session ended: " + reason, extra);
        writeSnapshot(true, reason);
        recorder.close();
    }

    /**
     * After the end the client reads the last snapshot and removes the channel. A client that was
     * killed never does: once its heartbeat is stale (at once when that ended the session), the
     * agent removes the directory itself, so none is left behind in the temp directory.
     */
    private void removeChannelOnceClientGone() {
        while (Files.isDirectory(channel.path(), LinkOption.NOFOLLOW_LINKS)) {
            if (clientGone()) {
                try {
                    channel.delete();
                } catch (IOException | RuntimeException e) {
                    // the next client removes stale session directories of its user
                }
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return; // the next client removes stale session directories of its user
            }
        }
    }

    private boolean writeSnapshot(boolean last, String reason) {
        try {
            Snapshot snapshot = recorder.snapshot(new SnapshotRequest(options.secret(), ++sequence, last, reason,
                    startedAtMillis, System.nanoTime() - startedAtNanos, lockInstrumentation.instrumentedClasses(),
                    lockInstrumentation.transformErrors())).withSynchronizedMethodWaits(synchronizedWaits.state(),
                            synchronizedWaits.measuredFrom(startedAtNanos));
            channel.writeSnapshot(snapshot);
            dataWritten |= snapshot.hasData();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void writeStatus(String state, String message) {
        writeStatus(state, message, new Properties());
    }

    private void writeStatus(String state, String message, Properties extra) {
        Properties status = new Properties();
        status.putAll(extra);
        status.setProperty("state", state);
        status.setProperty("secret", options.secret());
        status.setProperty("message", message);
        status.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        status.setProperty("java.version", System.getProperty("java.version"));
        try {
            channel.writeProperties(SessionDirectory.STATUS, status);
        } catch (IOException e) {
            // the client is gone; nothing to tell
        }
    }
}
