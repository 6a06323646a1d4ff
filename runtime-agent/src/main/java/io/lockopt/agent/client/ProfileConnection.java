package io.lockopt.agent.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import io.lockopt.agent.wire.SessionDirectory;
import io.lockopt.agent.wire.Snapshot;

/**
 * The client's end of a running profile: reads the agent's snapshots, keeps the heartbeat
 * fresh, asks the agent to stop, and removes the session directory when closed.
 *
 * <p>Design notes: used by one client thread; the agent writes the files it reads whole
 * (atomic moves), so a read never sees half a snapshot. Only files carrying this session's
 * secret are believed.
 */
public final class ProfileConnection implements AutoCloseable {
    private final JavaProcess target;
    private final SessionDirectory channel;
    private final String secret;
    private final Properties readyStatus;
    private final long attachStartedNanos;
    private final long readyNanos;
    private final AttachTimings attachTimings;
    /** Launch mode: the program started with the agent; null for an attach. */
    private final Process launched;
    /** When {@link #poll} first read a snapshot with data, once {@link #sawData}. */
    private long firstDataNanos;
    private boolean sawData;
    private Snapshot latest;

    ProfileConnection(JavaProcess target, Process launched, SessionDirectory channel, String secret,
            Properties readyStatus, long attachStartedNanos, long readyNanos, AttachTimings attachTimings) {
        this.target = target;
        this.launched = launched;
        this.channel = channel;
        this.secret = secret;
        this.readyStatus = readyStatus;
        this.attachStartedNanos = attachStartedNanos;
        this.readyNanos = readyNanos;
        this.attachTimings = attachTimings;
    }

    /** From the start of the attach (launch mode: of the launch) until the agent reported ready. */
    public Duration attachTime() {
        return Duration.ofNanos(readyNanos - attachStartedNanos);
    }

    /** Where the {@link #attachTime} went. */
    public AttachTimings attachTimings() {
        return attachTimings;
    }

    /**
     * From the start of the attach (launch mode: of the launch) until {@link #poll} read the
     * first snapshot in which some lock had been acquired; empty until then. Its precision is
     * the caller's polling period.
     */
    public Optional<Duration> timeToFirstData() {
        return !sawData ? Optional.empty() : Optional.of(Duration.ofNanos(firstDataNanos - attachStartedNanos));
    }

    public JavaProcess target() {
        return target;
    }

    /** The session's private directory in the temp directory (gone once the session is over). */
    public java.nio.file.Path sessionDirectory() {
        return channel.path();
    }

    /** What the agent said when it became ready (e.g. how many classes it instrumented). */
    public String readyMessage() {
        return readyStatus.getProperty("message", "");
    }

    /** The newest snapshot written since the last call, if any. */
    public Optional<Snapshot> poll() throws IOException {
        Optional<Snapshot> read;
        try {
            read = channel.readSnapshot();
        } catch (IOException e) {
            if (!targetAlive()) {
                return Optional.empty();
            }
            throw e;
        }
        if (read.isEmpty() || !secret.equals(read.get().secret())) {
            return Optional.empty();
        }
        Snapshot snapshot = read.get();
        if (latest != null && snapshot.sequence() <= latest.sequence()) {
            return Optional.empty();
        }
        latest = snapshot;
        if (!sawData && snapshot.hasData()) {
            firstDataNanos = System.nanoTime();
            sawData = true;
        }
        return Optional.of(snapshot);
    }

    /** The newest snapshot seen so far, or null. */
    public Snapshot latest() {
        return latest;
    }

    /** Tells the agent the client is still there; call it at least every second or two. */
    public void heartbeat() throws IOException {
        ProfileClient.writeHeartbeat(channel, secret);
    }

    public boolean targetAlive() {
        return ProcessHandle.of(target.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Launch mode: the launched program's exit code, once it has exited, waiting up to {@code wait}
     * for that (a program whose agent wrote its last snapshot from a shutdown hook is still
     * exiting); empty while it runs, and for an attached JVM, whose exit code only its parent sees.
     */
    public Optional<Integer> exitCode(Duration wait) throws InterruptedException {
        if (launched == null || !launched.waitFor(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        return Optional.of(launched.exitValue());
    }

    /** True once the agent has written its last snapshot (stopped by itself: duration, target exit). */
    public boolean finished() {
        return latest != null && latest.last();
    }

    /**
     * Asks the agent to end the session and waits for its last snapshot (taken after its
     * instrumentation was removed). Returns the newest snapshot there is when the target
     * exits or does not answer in time.
     */
    public Snapshot stop(Duration timeout) throws IOException, InterruptedException {
        if (!finished()) {
            Properties stop = new Properties();
            stop.setProperty("secret", secret);
            try {
                channel.writeProperties(SessionDirectory.STOP, stop);
            } catch (IOException e) {
                // the directory is gone: nothing to stop
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished() && System.nanoTime() < deadline) {
            poll();
            if (finished() || !targetAlive()) {
                poll();
                break;
            }
            Thread.sleep(50);
        }
        return latest;
    }

    /**
     * For a client being shut down (Ctrl-C): asks the agent to stop, waits up to {@code wait} for
     * its final status, and removes the session directory. Touches only the directory, so it may
     * run on a shutdown-hook thread while the client's own thread is still polling.
     */
    public void abandon(Duration wait) {
        try {
            Properties stop = new Properties();
            stop.setProperty("secret", secret);
            channel.writeProperties(SessionDirectory.STOP, stop);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && targetAlive()
                    && !status().map(p -> "detached".equals(p.getProperty("state"))).orElse(false)) {
                Thread.sleep(50);
            }
            channel.delete();
        } catch (IOException e) {
            // the directory is gone already: nothing left to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The agent's final status (state {@code detached} with {@code restored=true} after a clean detach). */
    public Optional<Properties> status() throws IOException {
        return channel.readProperties(SessionDirectory.STATUS).filter(p -> secret.equals(p.getProperty("secret")));
    }

    @Override
    public void close() throws IOException {
        channel.delete();
    }
}
