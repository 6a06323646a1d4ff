package io.lockopt.analyzer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lockopt.analyzer.facts.LockId;

/**
 * What running one method may do, including everything its scanned callees do: the shared locks
 * it acquires (waiting for them), the write sides of read/write locks it takes, and the first
 * blocking and alien call it makes, each with the trace that leads there. One witness per fact
 * is kept (the shortest found first), which is enough for messages and keeps the summary small.
 *
 * <p>Filled by {@link LockModel} while it is built (one thread), read-only afterwards.
 */
public final class MethodSummary {
    final Map<LockId, Trace> acquires = new LinkedHashMap<>();
    final Map<LockId, Trace> writeAcquires = new LinkedHashMap<>();
    final Map<LockId, Trace> monitorWaits = new LinkedHashMap<>();
    Trace blocking;
    Trace waiting;
    Trace alien;
    Trace listenerCall;

    /** Shared locks (fields, monitors) the method waits to acquire, directly or in a callee. */
    public Map<LockId, Trace> acquires() {
        return Collections.unmodifiableMap(acquires);
    }

    /** Read/write locks whose write side the method takes, directly or in a callee. */
    public Map<LockId, Trace> writeAcquires() {
        return Collections.unmodifiableMap(writeAcquires);
    }

    /**
     * Untimed {@code wait()}/{@code await()} the method makes, directly or in a callee, by the lock
     * the wait releases (the monitor, or the condition's lock): a caller holding another lock keeps
     * it held through the wait.
     */
    public Map<LockId, Trace> monitorWaits() {
        return Collections.unmodifiableMap(monitorWaits);
    }

    /** The first blocking call the method makes, directly or in a callee, or {@code null}. */
    public Trace blocking() {
        return blocking;
    }

    /**
     * The first blocking call that waits for another thread ({@link
     * io.lockopt.analyzer.facts.CallSite#waitsForAnotherThread}), directly or in a callee, or {@code null}.
     */
    public Trace waiting() {
        return waiting;
    }

    /** The first alien call (listener, callback) the method makes, directly or in a callee, or {@code null}. */
    public Trace alien() {
        return alien;
    }

    /** A callee's fact that one more call keeps within {@link #MAX_CALL_DEPTH}, or {@code null}. */
    private static Trace within(Trace trace) {
        return trace == null || trace.depth() > MAX_CALL_DEPTH - 1 ? null : trace;
    }

    /**
     * The first alien call on an element of a field's collection ({@code for (Listener l : listeners)
     * l.onEvent(e)}: registered listeners, the clearest case of code the class does not control),
     * directly or in a callee, or {@code null}.
     */
    public Trace listenerCall() {
        return listenerCall;
    }

    /**
     * Calls a summary's facts may lie behind: deeper paths run through more state checks and virtual
     * calls than a static path can vouch for (a third of the longest ones on real code could not
     * happen), and the bound keeps summaries small.
     */
    public static final int MAX_CALL_DEPTH = 4;

    /** Adds {@code callee}'s facts reached through {@code prefix}; true when something new was learned. */
    boolean absorb(io.lockopt.analyzer.facts.CallSite via, MethodSummary callee) {
        boolean changed = false;
        for (Map.Entry<LockId, Trace> e : callee.acquires.entrySet()) {
            if (!acquires.containsKey(e.getKey()) && within(e.getValue()) != null) {
                acquires.put(e.getKey(), Trace.call(via, e.getValue()));
                changed = true;
            }
        }
        for (Map.Entry<LockId, Trace> e : callee.monitorWaits.entrySet()) {
            if (!monitorWaits.containsKey(e.getKey()) && within(e.getValue()) != null) {
                monitorWaits.put(e.getKey(), Trace.call(via, e.getValue()));
                changed = true;
            }
        }
        for (Map.Entry<LockId, Trace> e : callee.writeAcquires.entrySet()) {
            if (!writeAcquires.containsKey(e.getKey()) && within(e.getValue()) != null) {
                writeAcquires.put(e.getKey(), Trace.call(via, e.getValue()));
                changed = true;
            }
        }
        if (blocking == null && within(callee.blocking) != null) {
            blocking = Trace.call(via, callee.blocking);
            changed = true;
        }
        if (waiting == null && within(callee.waiting) != null) {
            waiting = Trace.call(via, callee.waiting);
            changed = true;
        }
        if (listenerCall == null && within(callee.listenerCall) != null) {
            listenerCall = Trace.call(via, callee.listenerCall);
            changed = true;
        }
        if (alien == null && within(callee.alien) != null) {
            alien = Trace.call(via, callee.alien);
            changed = true;
        }
        return changed;
    }

}
