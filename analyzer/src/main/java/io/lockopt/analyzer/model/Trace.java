package io.lockopt.analyzer.model;

import java.util.ArrayList;
import java.util.List;

import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.NodeRef;

/**
 * How a method reaches something (a lock acquisition, a blocking or alien call): zero or more
 * calls into scanned callees, then the event itself. Immutable and shared structurally: a
 * caller's trace is one call step in front of its callee's trace, so summaries cost one object
 * per (method, fact), not one per path.
 *
 * @param via   the call this step makes, or {@code null} for the final event
 * @param next  the callee's trace after {@code via}, or {@code null} for the final event
 * @param eventRef for the final event: the acquisition or call node; else {@code null}
 * @param in    for the final event: the method it is in
 * @param what  for the final event: a short label ({@code Thread.sleep}, {@code OrderBook.lock})
 */
public record Trace(CallSite via, Trace next, NodeRef<? extends Node> eventRef, MethodFacts in, String what) {

    /** The event itself, happening in {@code in}. */
    public static Trace event(MethodFacts in, NodeRef<? extends Node> node, String what) {
        return new Trace(null, null, node, in, what);
    }

    /** For the final event: the acquisition or call node; else {@code null}. */
    public Node event() {
        return eventRef == null ? null : eventRef.get();
    }

    /** {@code via}, then {@code next} in the callee. */
    public static Trace call(CallSite via, Trace next) {
        return new Trace(via, next, null, null, null);
    }

    /** True when the event happens in the method itself, not in a callee. */
    public boolean isDirect() {
        return via == null;
    }

    /**
     * The event happens in this method or in callees reached through calls on {@code this} only
     * ({@code add(i, x)} calling the synchronized {@code pyadd}): a {@code this} monitor at the end is
     * the receiver's. (LockOrderInversion counts a held receiver's monitor as re-entered only when
     * the event is direct: {@code synchronized (self) { self.recreate(); }} reaching {@code self}'s
     * own synchronized getter stands for the order the field's monitor and its class's {@code this},
     * two lock identities, take: ZooKeeper's ZOOKEEPER-2080.)
     */
    public boolean staysOnTheReceiver() {
        for (Trace t = this; t.via != null; t = t.next) {
            if (t.via.receiver() != io.lockopt.analyzer.facts.CallSite.Receiver.THIS) {
                return false;
            }
        }
        return true;
    }

    /** The node in the first method: the event itself, or the call leading to it. */
    public Node firstNode() {
        return via == null ? event() : via.node();
    }

    /** The final step. */
    public Trace last() {
        Trace t = this;
        while (t.via != null) {
            t = t.next;
        }
        return t;
    }

    /** The callees passed through, outermost first. */
    public List<MethodFacts> callees() {
        List<MethodFacts> out = new ArrayList<>();
        for (Trace t = this; t.via != null; t = t.next) {
            out.add(t.next.method());
        }
        return out;
    }

    private MethodFacts method() {
        return via == null ? in : via.method();
    }

    /** Number of calls before the event. */
    public int depth() {
        int depth = 0;
        for (Trace t = this; t.via != null; t = t.next) {
            depth++;
        }
        return depth;
    }

    /** {@code RiskEngine.check -> Thread.sleep}: the callees by short name, then the event. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (MethodFacts callee : callees()) {
            out.append(callee.owner().simpleName()).append('.').append(callee.name()).append(" -> ");
        }
        return out.append(last().what).toString();
    }
}
