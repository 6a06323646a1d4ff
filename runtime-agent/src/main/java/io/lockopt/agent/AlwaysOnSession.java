package io.lockopt.agent;

import java.lang.instrument.Instrumentation;
import java.util.function.Supplier;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.instrument.LockInstrumentation;
import io.lockopt.agent.jmx.LockMXBeans;
import io.lockopt.agent.recorder.InstrumentedSites;
import io.lockopt.agent.recorder.LockEvents;
import io.lockopt.agent.recorder.LockRecorder;
import io.lockopt.agent.recorder.SnapshotRequest;
import io.lockopt.agent.wire.AlwaysOnOptions;
import io.lockopt.agent.wire.Snapshot;

/**
 * The agent started with the JVM ({@code -javaagent:lockopt-agent.jar[=options]}), or loaded
 * into a running one by {@code lockopt profile --pid N --continuous}, and never detached: it
 * measures for the life of the process and exports what it measures through JFR events and
 * JMX, for the monitoring a fleet already runs. No session directory, no client.
 *
 * <p>Design notes. {@link #start} runs in {@code premain}, on the main thread before the
 * application's {@code main}: the instrumentation is installed there, so application classes
 * are rewritten as they load (no retransformation of what already ran). Loaded by attach, it
 * runs on the attach thread and retransforms the classes already loaded, as a session does;
 * the system property {@link AlwaysOnOptions#RUNNING_PROPERTY} tells the client it runs. It
 * claims the hooks' one sink slot, so a later {@code lockopt profile --pid} on this JVM is
 * refused as busy. The low-overhead defaults come from the recorder's own design (a wait is
 * timed only when the lock was busy, hot short holds are sampled) plus
 * {@code holds=contended}: a lock never contended is only counted. Readers (JFR's periodic
 * thread, JMX calls on RMI or attach threads) share one {@link Statistics}, which JMX reads at
 * most {@link Statistics#MAX_AGE_MILLIS} old; building a snapshot is the only thing that
 * drains the recorder's histograms and retires the records of collected locks, and it is
 * serialized there (with JMX off, a {@code lockopt-retire} thread retires them every
 * {@code jmx-refresh} period, through the same monitor).
 */
public final class AlwaysOnSession {
    private AlwaysOnSession() {
    }

    /** Called (by name) from {@link Agent}. */
    public static void start(String arguments, Instrumentation instrumentation) {
        AlwaysOnOptions options = AlwaysOnOptions.parse(arguments);
        InstrumentedSites sites = new InstrumentedSites();
        LockEvents events = options.jfrEvents() ? JfrPresence.events(options.heldThresholdNanos()) : LockEvents.NONE;
        LockRecorder recorder = new LockRecorder(sites, options.maxLocks(), events, options.holdsWhenContendedOnly());
        if (!LockHooks.attach(recorder)) {
            System.err.println("lockopt agent: not started: another lockopt agent measures this JVM");
            return;
        }
        LockInstrumentation lockInstrumentation = new LockInstrumentation(sites, options.includes(), options.excludes());
        lockInstrumentation.install(instrumentation);
        Statistics statistics = new Statistics(recorder, lockInstrumentation);
        if (events != LockEvents.NONE) {
            JfrPresence.start(events, statistics::fresh);
        }
        if (options.jmx()) {
            LockMXBeans.startRegistering(statistics, options.jmxRefreshMillis());
        } else {
            // Nothing may read the statistics: the records of collected locks are retired anyway.
            startRetiring(statistics, options.jmxRefreshMillis());
        }
        System.setProperty(AlwaysOnOptions.RUNNING_PROPERTY, "true");
    }

    private static void startRetiring(Statistics statistics, long periodMillis) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(periodMillis);
                    statistics.retireCollected();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockopt-retire");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The statistics so far, for every exporter: a snapshot of the recorder, rebuilt when the
     * last one is older than the caller accepts. Callers on any thread; the monitor
     * serializes the rebuilds (the recorder's snapshot has one reader at a time).
     */
    static final class Statistics implements Supplier<Snapshot> {
        static final long MAX_AGE_MILLIS = 1_000;

        private final LockRecorder recorder;
        private final LockInstrumentation instrumentation;
        private final long startedAtMillis = System.currentTimeMillis();
        private final long startedAtNanos = System.nanoTime();
        private Snapshot latest;
        private long latestAtNanos;
        private long sequence;

        Statistics(LockRecorder recorder, LockInstrumentation instrumentation) {
            this.recorder = recorder;
            this.instrumentation = instrumentation;
        }

        /** A snapshot at most {@link #MAX_AGE_MILLIS} old: for readers that may ask many times in a row (JMX). */
        @Override
        public Snapshot get() {
            return snapshot(MAX_AGE_MILLIS);
        }

        /** A snapshot built now: for readers with a period of their own (JFR). */
        Snapshot fresh() {
            return snapshot(0);
        }

        /** Retires the records of collected locks without building a snapshot (which does it too). */
        synchronized void retireCollected() {
            recorder.retireCollected();
        }

        private synchronized Snapshot snapshot(long maxAgeMillis) {
            long now = System.nanoTime();
            if (latest == null || now - latestAtNanos >= maxAgeMillis * 1_000_000L) {
                latest = recorder.snapshot(new SnapshotRequest("", ++sequence, false, null, startedAtMillis,
                        now - startedAtNanos, instrumentation.instrumentedClasses(), instrumentation.transformErrors()));
                latestAtNanos = now;
            }
            return latest;
        }
    }

    /** The JFR export, reached only when the runtime has the {@code jdk.jfr} module. */
    private static final class JfrPresence {
        static LockEvents events(long heldThresholdNanos) {
            if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
                System.err.println("lockopt agent: no JFR events: this runtime has no jdk.jfr module");
                return LockEvents.NONE;
            }
            return new io.lockopt.agent.jfr.JfrLockEvents(heldThresholdNanos);
        }

        /** JFR itself is not started here: the events are registered when something else starts it. */
        static void start(LockEvents events, Supplier<Snapshot> statistics) {
            ((io.lockopt.agent.jfr.JfrLockEvents) events).start(statistics);
        }
    }
}
