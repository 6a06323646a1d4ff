package io.lockopt.agent.jfr;

import java.util.Base64;
import java.util.function.Supplier;

import jdk.jfr.FlightRecorder;

import org.HdrHistogram.Histogram;

import io.lockopt.agent.recorder.LockEvents;
import io.lockopt.agent.wire.Snapshot;
import io.lockopt.agent.wire.SnapshotCodec;

/**
 * The always-on agent's JFR export: {@code io.lockopt.LockContended} and {@code io.lockopt.LockHeld}
 * as they happen, {@code io.lockopt.LockStatistics} once per lock every period.
 *
 * <p>Design notes. The event classes live in the agent's class loader next to the recorder,
 * which commits them: the bootstrap hooks never see JFR. Application threads call
 * {@link #contended} and {@link #held} concurrently, each on its own event object; when no
 * recording enables an event, {@code shouldCommit()} is a field load and nothing is filled.
 * The statistics hook runs on JFR's periodic-task thread and reads the snapshot the supplier
 * gives (which serializes its own callers). Everything here is reached only when the
 * {@code jdk.jfr} module is present: a runtime without it gets no events, and the agent keeps
 * measuring.
 */
public final class JfrLockEvents implements LockEvents {
    private final long heldThresholdNanos;

    public JfrLockEvents(long heldThresholdNanos) {
        this.heldThresholdNanos = heldThresholdNanos;
        // Registers the event types now, at start: the first contended acquisition is not the
        // one that loads them (its event could miss a recording's settings) and pays no class loading.
        FlightRecorder.register(LockContendedEvent.class);
        FlightRecorder.register(LockHeldEvent.class);
    }

    /** Registers the periodic {@code io.lockopt.LockStatistics} event, fed from {@code statistics}. */
    public static void emitStatistics(Supplier<Snapshot> statistics) {
        FlightRecorder.addPeriodicEvent(LockStatisticsEvent.class, () -> {
            LockStatisticsEvent probe = new LockStatisticsEvent();
            if (!probe.isEnabled()) {
                return;
            }
            for (Snapshot.LockStats lock : statistics.get().locks()) {
                commit(lock);
            }
        });
    }

    private static void commit(Snapshot.LockStats lock) {
        LockStatisticsEvent event = new LockStatisticsEvent();
        event.lockId = lock.id();
        event.ownerId = lock.ownerId();
        event.lockLabel = lock.label();
        event.labelSource = lock.labelSource();
        event.lockClass = lock.className();
        event.kind = lock.kindName();
        event.mode = lock.mode().wireName();
        event.identityHash = lock.identityHash();
        event.acquisitions = lock.acquisitions();
        event.contended = lock.contended();
        event.reads = lock.reads();
        event.writes = lock.writes();
        event.reentrant = lock.reentrant();
        event.tryFailures = lock.tryFailures();
        event.waitTotal = lock.waitNanos();
        event.holdTotal = lock.holdNanos();
        Histogram waits = lock.waits();
        if (waits != null) {
            event.waitP50 = waits.getValueAtPercentile(50);
            event.waitP99 = waits.getValueAtPercentile(99);
            event.waitMax = waits.getMaxValue();
        }
        Histogram holds = lock.holds();
        if (holds != null) {
            event.holdP50 = holds.getValueAtPercentile(50);
            event.holdP99 = holds.getValueAtPercentile(99);
            event.holdMax = holds.getMaxValue();
        }
        event.waitHistogram = Base64.getEncoder().encodeToString(SnapshotCodec.histogramBytes(waits));
        event.holdHistogram = Base64.getEncoder().encodeToString(SnapshotCodec.histogramBytes(holds));
        event.commit();
    }

    @Override
    public long heldThresholdNanos() {
        return heldThresholdNanos;
    }

    @Override
    public void contended(LockEvent lock, long waitNanos) {
        LockContendedEvent event = new LockContendedEvent();
        event.waitTime = waitNanos; // before shouldCommit(): the waitThreshold setting reads it
        if (event.shouldCommit()) {
            fill(event, lock);
            event.commit();
        }
    }

    @Override
    public void held(LockEvent lock, long holdNanos) {
        LockHeldEvent event = new LockHeldEvent();
        if (event.shouldCommit()) {
            fill(event, lock);
            event.holdTime = holdNanos;
            event.commit();
        }
    }

    private static void fill(LockEventBase event, LockEvent lock) {
        event.lockId = lock.lockId();
        event.lockLabel = lock.label();
        event.lockClass = lock.lockClass();
        event.mode = lock.mode().wireName();
        event.siteClass = lock.siteClass();
        event.siteMethod = lock.siteMethod();
        event.siteLine = lock.siteLine();
        event.holderThread = lock.holderThread();
    }
}
