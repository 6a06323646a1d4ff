package io.lockopt.agent.recorder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * JFR's {@code jdk.JavaMonitorEnter} events, streamed inside the target, turned into waits
 * of instrumented {@code synchronized} methods: bytecode cannot time them, since the JVM
 * enters a synchronized method's monitor before its first instruction.
 *
 * <p>An event is a wait of a synchronized method when its top frame is a method that
 * {@link InstrumentedSites#registerSynchronizedMethod} indexed and the frame's bytecode index is at
 * the method's entry (0 interpreted, -1 compiled or inlined). Events inside a method (a
 * {@code synchronized} block, already timed by its bytecode hooks) and events in classes that
 * were not instrumented are ignored, so nothing is counted twice.
 *
 * <p>Design notes. Everything JFR does for us runs on this object's own daemon thread,
 * {@code lockopt-monitor-waits}: it creates the recording (JFR's first use in a JVM takes
 * a few hundred milliseconds, which must not hold up the session's control thread) and runs
 * {@link RecordingStream#start()}, which records and delivers events, in batches about once
 * a second, until the stream is closed (JFR's own {@code startAsync()} thread is not a
 * daemon and would keep a target whose main thread ended alive). That thread alone calls
 * {@link #accept}, which hands each wait to the sink (the recorder, safe for any thread).
 * {@link #running} turns true when a {@link FlightRecorderListener} sees the recording start;
 * {@link #failure} is set if it cannot. {@link #drainAndClose} runs on the session's control
 * thread (or its shutdown hook) and races with the start: the stream is published and closed
 * under this object's monitor, so it is either never started or closed after it was
 * published. It waits until events committed before the call have been delivered
 * ({@code RecordingStream.stop()} on JDK 20 and later; on 17–19 two further flushes, the
 * first of which may have been cut before the call), then closes the stream, which ends the
 * delivery thread.
 */
final class MonitorEnterStream {
    static final String EVENT = "jdk.JavaMonitorEnter";
    /** The event's field naming the thread that released the monitor last before the waiter got it. */
    private static final String PREVIOUS_OWNER = "previousOwner";
    /** JFR flushes about once a second; two flushes after the request cover the one in progress. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(4);

    private final InstrumentedSites sites;
    private final MonitorWaitSink sink;
    private final Thread delivery;
    private final AtomicLong flushes = new AtomicLong();
    private volatile boolean running;
    /** {@link System#nanoTime()} when the recording began to run. */
    private volatile long runningSince;
    private volatile String failure;
    /** Published under this object's monitor; null until created, or when closed before. */
    private RecordingStream stream;
    private boolean closed;

    private MonitorEnterStream(InstrumentedSites sites, MonitorWaitSink sink) {
        this.sites = sites;
        this.sink = sink;
        this.delivery = new Thread(this::record, "lockopt-monitor-waits");
        delivery.setDaemon(true);
    }

    /** Starts recording monitor waits on a thread of its own; see {@link #running} and {@link #failure}. */
    static MonitorEnterStream start(InstrumentedSites sites, MonitorWaitSink sink) {
        MonitorEnterStream monitorWaits = new MonitorEnterStream(sites, sink);
        monitorWaits.delivery.start();
        return monitorWaits;
    }

    /** True once the recording runs: waits from then on are seen. */
    boolean running() {
        return running;
    }

    /** {@link System#nanoTime()} when the recording began to run; meaningful once {@link #running}. */
    long runningSince() {
        return runningSince;
    }

    /** Why the recording could not start; null while it runs or starts. */
    String failure() {
        return failure;
    }

    private void record() {
        FlightRecorderListener started = new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording recording) {
                // JFR reports a state change on the thread that made it: ours is the stream's recording.
                if (recording.getState() == RecordingState.RUNNING && Thread.currentThread() == delivery) {
                    runningSince = System.nanoTime();
                    running = true;
                }
            }
        };
        try {
            if (!FlightRecorder.isAvailable()) {
                failure = "JFR is not available in this JVM";
                return;
            }
            RecordingStream created = new RecordingStream();
            created.enable(EVENT).withThreshold(Duration.ZERO).withStackTrace();
            created.setReuse(true);
            created.setOrdered(false);
            created.onEvent(EVENT, this::accept);
            created.onFlush(flushes::incrementAndGet);
            synchronized (this) {
                if (closed) {
                    created.close();
                    return;
                }
                stream = created;
            }
            FlightRecorder.addListener(started);
            created.start(); // records and delivers until closed
        } catch (RuntimeException | Error e) {
            if (!running) {
                failure = e.getMessage() != null ? e.getMessage() : e.toString();
            }
        } finally {
            FlightRecorder.removeListener(started);
        }
    }

    void accept(RecordedEvent event) {
        int site = siteOf(event.getStackTrace());
        RecordedThread thread = event.getThread();
        if (site < 0 || thread == null) {
            return; // a synchronized block (timed in bytecode), or a class not instrumented
        }
        RecordedThread holder = event.hasField(PREVIOUS_OWNER) ? event.getThread(PREVIOUS_OWNER) : null;
        sink.waited(site, thread.getJavaThreadId(), nameOf(thread), event.getDuration().toNanos(),
                holder == null ? -1L : holder.getJavaThreadId(), holder == null ? null : nameOf(holder));
    }

    private static String nameOf(RecordedThread thread) {
        return thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    }

    /** The synchronized method whose entry the top frame is, or -1. */
    private int siteOf(RecordedStackTrace stack) {
        if (stack == null) {
            return -1;
        }
        List<RecordedFrame> frames = stack.getFrames();
        if (frames.isEmpty()) {
            return -1;
        }
        RecordedFrame top = frames.get(0);
        RecordedMethod method = top.getMethod();
        if (!top.isJavaFrame() || method == null || top.getBytecodeIndex() > 0) {
            return -1;
        }
        return sites.synchronizedMethodSite(method.getType().getName(), method.getName(), method.getDescriptor());
    }

    /**
     * Waits (at most {@link #DRAIN_TIMEOUT}) until the events committed before this call are
     * delivered, when {@code drain}; then closes the recording and its delivery thread.
     */
    void drainAndClose(boolean drain) {
        RecordingStream open;
        synchronized (this) {
            closed = true;
            open = stream;
        }
        if (open == null) {
            return;
        }
        try {
            if (drain && running && !stopDelivering(open)) {
                long seen = flushes.get();
                long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                while (flushes.get() < seen + 2 && System.nanoTime() < deadline && delivery.isAlive()) {
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.close();
        }
        try {
            // Without draining (the JVM is exiting), do not hold up the exit for the thread.
            delivery.join(drain ? DRAIN_TIMEOUT.toMillis() : 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code RecordingStream.stop()} (JDK 20 and later) stops the recording and returns once
     * every event in it has been consumed; false when this JDK has no such method.
     */
    private boolean stopDelivering(RecordingStream open) {
        Method stop;
        try {
            stop = RecordingStream.class.getMethod("stop");
        } catch (NoSuchMethodException e) {
            return false;
        }
        try {
            stop.invoke(open);
            return true;
        } catch (IllegalAccessException e) {
            return false;
        } catch (InvocationTargetException e) {
            return false; // not started yet or already stopped: nothing left to wait for
        }
    }
}
