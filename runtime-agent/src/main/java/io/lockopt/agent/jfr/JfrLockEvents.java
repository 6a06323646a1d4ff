package io.lockopt.agent.jfr;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

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
 * The statistics hook runs on JFR's periodic-task thread, commits one
 * {@code io.lockopt.LockStatistics} per lock (with its holds by site) and one
 * {@code io.lockopt.LockOrderEdge} per edge of the lock-order graph, and reads the snapshot the supplier
 * gives (which serializes its own callers). Everything here is reached only when the
 * {@code jdk.jfr} module is present: a runtime without it gets no events, and the agent keeps
 * measuring.
 *
 * <p>Nothing of JFR starts because of the agent: the event types are registered (and the periodic
 * statistics hooked) only when something else initializes JFR, a {@code -XX:StartFlightRecording}
 * or a {@code jcmd JFR.start}, told by a {@link FlightRecorderListener} (at once if JFR already
 * runs). Registering them in {@code premain} initialized JFR in every JVM the agent started in,
 * recording or not, and the demo then took seconds longer to reach its throughput (at 10 s: 0.6M
 * reads/s against 3.2M with {@code jfr=false}, measured 2026-12-03). Until then
 * {@link #contended} and {@link #held} return after one volatile load.
 */
public final class JfrLockEvents implements LockEvents {
    private final long heldThresholdNanos;
    /** Set once JFR runs and the event types are registered; until then no event is built. */
    private volatile boolean registered;

    public JfrLockEvents(long heldThresholdNanos) {
        this.heldThresholdNanos = heldThresholdNanos;
    }

    /**
     * Events from now on, whenever JFR runs; {@code statistics} (null: none) feeds the periodic
     * {@code io.lockopt.LockStatistics} event.
     */
    public void start(Supplier<Snapshot> statistics) {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                register(statistics);
            }
        });
    }

    /** Whether the event types are registered (JFR has been initialized since the agent started). */
    public boolean registered() {
        return registered;
    }

    private synchronized void register(Supplier<Snapshot> statistics) {
        if (registered) {
            return;
        }
        FlightRecorder.register(LockContendedEvent.class);
        FlightRecorder.register(LockHeldEvent.class);
        FlightRecorder.register(LockOrderEdgeEvent.class);
        if (statistics != null) {
            emitStatistics(statistics);
        }
        registered = true;
    }

    private static void emitStatistics(Supplier<Snapshot> statistics) {
        FlightRecorder.addPeriodicEvent(LockStatisticsEvent.class, () -> {
            LockStatisticsEvent probe = new LockStatisticsEvent();
            if (!probe.isEnabled()) {
                return;
            }
            Snapshot snapshot = statistics.get();
            Map<Integer, Snapshot.SiteStats> sites = new HashMap<>();
            for (Snapshot.SiteStats site : snapshot.sites()) {
                sites.put(site.id(), site);
            }
            for (Snapshot.LockStats lock : snapshot.locks()) {
                commit(lock, sites, snapshot.sequence());
            }
            for (Snapshot.EdgeStats edge : snapshot.edges()) {
                commit(edge, sites.get(edge.siteId()));
            }
        });
    }

    private static void commit(Snapshot.EdgeStats edge, Snapshot.SiteStats site) {
        LockOrderEdgeEvent event = new LockOrderEdgeEvent();
        event.fromLockId = edge.fromId();
        event.toLockId = edge.toId();
        event.count = edge.count();
        if (site != null) {
            event.siteClass = site.className();
            event.siteMethod = site.methodName();
            event.siteLine = site.line();
        }
        event.firstThread = edge.thread();
        event.commit();
    }

    /** {@link LockStatisticsEvent#holdSites}: {@code class/method/line/count/total/max;...} ('/' and ';' are in no binary name). */
    static String holdSites(List<Snapshot.SiteHold> holds, Map<Integer, Snapshot.SiteStats> sites) {
        StringBuilder text = new StringBuilder();
        for (Snapshot.SiteHold hold : holds) {
            Snapshot.SiteStats site = sites.get(hold.siteId());
            if (site == null) {
                continue;
            }
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(site.className()).append('/').append(site.methodName()).append('/').append(site.line())
                    .append('/').append(hold.holds().count()).append('/').append(hold.holds().totalNanos()).append('/')
                    .append(hold.holds().maxNanos());
        }
        return text.toString();
    }

    private static void commit(Snapshot.LockStats lock, Map<Integer, Snapshot.SiteStats> sites, long sequence) {
        LockStatisticsEvent event = new LockStatisticsEvent();
        event.lockId = lock.id();
        event.snapshot = sequence;
        event.retiredInstances = lock.retiredInstances();
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
        event.holdSites = holdSites(lock.holdSites(), sites);
        event.commit();
    }

    @Override
    public long heldThresholdNanos() {
        return heldThresholdNanos;
    }

    @Override
    public void contended(LockEvent lock, long waitNanos) {
        if (!registered) {
            return;
        }
        LockContendedEvent event = new LockContendedEvent();
        event.waitTime = waitNanos; // before shouldCommit(): the waitThreshold setting reads it
        if (event.shouldCommit()) {
            fill(event, lock);
            event.commit();
        }
    }

    @Override
    public void held(LockEvent lock, long holdNanos) {
        if (!registered) {
            return;
        }
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
        event.holderSite = lock.holderSite();
        event.holderStack = lock.holderStack().isEmpty() ? null : String.join(";", lock.holderStack());
    }
}
