package io.lockopt.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.expr.ThisExpr;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;

/**
 * Threads joined while a lock is held, and the locks those threads take before they end. A thread
 * that needs the lock its joiner holds cannot end while the joiner waits for it to end: ZooKeeper's
 * synchronized {@code ZooKeeperServer.shutdown()} shut its request processors down, and the sync
 * processor's {@code shutdown()} joined its own thread, which was blocked entering the synchronized
 * {@code zks.decInProcess()} on its way through the pipeline (ZOOKEEPER-2347; the leader's
 * {@code processAck} the same way in ZOOKEEPER-2380).
 *
 * <p>Such paths run through interfaces with many implementations (a pipeline of request
 * processors, each calling the next), which {@link CallGraph#callees} does not follow. Here a call
 * is followed to up to {@link #MAX_TARGETS} implementations ({@link CallGraph#possibleTargets}),
 * and up to {@link #MAX_CALLS} calls deep on each side: a finding needs both ends to meet, an
 * untimed {@code join()} of a thread class declared in the sources and an acquisition of the
 * held lock on the way from that class's {@code run()}, which keeps the wider search specific.
 * A join with a timeout ends; a thread class is one whose superclasses in the sources end in
 * {@code Thread}.
 *
 * <p>Built once per model on first use ({@link LockModel#joinedThreads}, under the model's monitor)
 * and used by the rule thread that asked for it; {@link #needsOf} and the call targets are filled
 * lazily, so it is not for concurrent use.
 */
public final class JoinedThreads {
    /** Implementations a call is followed to, at most: a pipeline's processors, not a {@code Runnable}'s dozens. */
    public static final int MAX_TARGETS = 12;
    /** Calls followed on each side, from the held lock to the join and from {@code run()} to the acquisition. */
    public static final int MAX_CALLS = 5;

    /**
     * A join reached from a method: the calls to it, the joined thread's class, whether every call
     * was resolved, and whether the joined thread is the object the path starts on (a join of
     * {@code this}, reached through calls on {@code this}).
     */
    public record Join(Trace path, ClassFacts thread, boolean certain, boolean joinsItself) {
    }

    /** A lock a thread's {@code run()} takes: the calls from {@code run()} to the acquisition. */
    public record Need(Trace path, boolean certain) {
    }

    private final CallGraph graph;
    /** Per method that reaches a join within {@link #MAX_CALLS}: the nearest one. */
    private final Map<MethodFacts, Join> reaches = new IdentityHashMap<>();
    private final Map<ClassFacts, Map<LockId, Need>> needs = new IdentityHashMap<>();
    private final Map<CallSite, List<MethodFacts>> targets = new IdentityHashMap<>();

    private JoinedThreads(CallGraph graph) {
        this.graph = graph;
        findJoins();
    }

    static JoinedThreads build(CallGraph graph) {
        return new JoinedThreads(graph);
    }

    /**
     * The join {@code call} leads to (the call itself, or within {@link #MAX_CALLS} calls) of a thread
     * whose {@code run()} takes {@code held} on its way, with that thread's path to it; {@code null}
     * when there is none.
     */
    public Deadlock deadlock(CallSite call, LockId held) {
        if (reaches.isEmpty()) {
            return null;
        }
        LockId identity = graph.orderingIdentity(held);
        Join own = direct(call);
        List<Join> joins = new ArrayList<>();
        if (own != null) {
            joins.add(own);
        } else {
            boolean resolved = !graph.callees(call).isEmpty();
            for (MethodFacts callee : targetsOf(call)) {
                Join j = reaches.get(callee);
                if (j != null && j.path().depth() < MAX_CALLS) {
                    joins.add(new Join(Trace.call(call, j.path()), j.thread(), j.certain() && resolved,
                            j.joinsItself() && call.receiver() == CallSite.Receiver.THIS));
                }
            }
        }
        for (Join join : joins) {
            if (join.joinsItself() && held.equals(LockId.thisMonitor(call.method().owner().name()))
                    || own != null && releasesWhileJoining(call, held)) {
                continue; // the join waits on the held monitor, which it releases meanwhile
            }
            Need need = needsOf(join.thread()).get(identity);
            if (need != null) {
                return new Deadlock(join, need);
            }
        }
        return null;
    }

    /** A join under a lock whose thread needs that lock. */
    public record Deadlock(Join join, Need need) {
        /** Every call on both sides resolved without class-hierarchy fan-out. */
        public boolean certain() {
            return join.certain() && need.certain();
        }
    }

    private void findJoins() {
        ArrayDeque<MethodFacts> frontier = new ArrayDeque<>();
        for (MethodFacts m : graph.methods()) {
            for (CallSite call : m.calls()) {
                Join j = direct(call);
                if (j != null && !reaches.containsKey(m)) {
                    reaches.put(m, j);
                    frontier.add(m);
                }
            }
        }
        if (reaches.isEmpty()) {
            return;
        }
        // Backwards, level by level: the callers of a method that reaches a join reach it one call further.
        Map<String, List<CallSite>> callsByName = new HashMap<>();
        for (MethodFacts m : graph.methods()) {
            for (CallSite call : m.calls()) {
                callsByName.computeIfAbsent(call.name() + "/" + call.argumentCount(), k -> new ArrayList<>()).add(call);
            }
        }
        while (!frontier.isEmpty()) {
            MethodFacts callee = frontier.poll();
            Join toJoin = reaches.get(callee);
            if (toJoin.path().depth() >= MAX_CALLS - 1 || callee.kind() != MethodFacts.Kind.METHOD) {
                continue;
            }
            for (CallSite call : callsByName.getOrDefault(callee.name() + "/" + callee.arity(), List.of())) {
                MethodFacts caller = call.method();
                if (reaches.containsKey(caller) || !targetsOf(call).contains(callee)) {
                    continue;
                }
                boolean resolved = graph.callees(call).contains(callee);
                reaches.put(caller, new Join(Trace.call(call, toJoin.path()), toJoin.thread(),
                        toJoin.certain() && resolved, toJoin.joinsItself() && call.receiver() == CallSite.Receiver.THIS));
                frontier.add(caller);
            }
        }
    }

    private List<MethodFacts> targetsOf(CallSite call) {
        return targets.computeIfAbsent(call, c -> graph.possibleTargets(c, MAX_TARGETS));
    }

    /** {@code call} is an untimed {@code join()} of a thread class of the sources. */
    private Join direct(CallSite call) {
        if (!call.name().equals("join") || call.argumentCount() != 0) {
            return null;
        }
        ClassFacts thread = null;
        boolean onThis = call.node().getScope().isEmpty() || call.node().getScope().get() instanceof ThisExpr;
        if (onThis) {
            thread = call.method().owner();
        } else if (call.receiverType() != null) {
            thread = graph.classNamed(call.receiverType(), call.method().owner());
        }
        if (thread == null || !isThread(thread) || run(thread) == null) {
            return null;
        }
        return new Join(Trace.event(call.method(), call.nodeRef(), thread.simpleName() + ".join"), thread, true, onThis);
    }

    /**
     * {@code join} is a {@code join()} of the very object whose monitor {@code held} is: {@code
     * this.join()} in a synchronized method of the thread class, {@code synchronized (worker) {
     * worker.join(); }}. {@code Thread.join()} waits on the joined thread's own monitor
     * ({@code synchronized (this) { while (isAlive()) wait(0); }}), so it releases that monitor
     * while it waits, as a {@code wait()} on the held monitor does (Narayana's synchronized
     * {@code Listener.stopListener()} ending with {@code this.join()}, held-out code).
     */
    public static boolean releasesWhileJoining(CallSite join, LockId held) {
        if (!join.name().equals("join") || join.argumentCount() > 2) {
            return false;
        }
        boolean onThis = join.node().getScope().isEmpty() || join.node().getScope().get() instanceof ThisExpr;
        return onThis ? held.equals(LockId.thisMonitor(join.method().owner().name()))
                : join.receiverField() != null && join.receiverField().id().equals(held);
    }

    /**
     * The superclasses of {@code c} end in {@code Thread}, or leave the analyzed files at a class
     * named {@code ...Thread} (ZooKeeper's {@code ZooKeeperCriticalThread}, a file without lock code
     * that the project pass does not parse).
     */
    private boolean isThread(ClassFacts c) {
        List<ClassFacts> lineage = lineage(c);
        String beyond = lineage.get(lineage.size() - 1).superclass();
        return beyond != null && (beyond.equals("Thread") || beyond.endsWith(".Thread")
                || beyond.endsWith("Thread") && !beyond.startsWith("java."));
    }

    /** The {@code run()} a thread of class {@code c} runs: its own or a superclass's in the sources. */
    private MethodFacts run(ClassFacts c) {
        for (ClassFacts at : lineage(c)) {
            for (MethodFacts m : at.methodsNamed("run")) {
                if (m.kind() == MethodFacts.Kind.METHOD && m.arity() == 0 && m.hasBody()) {
                    return m;
                }
            }
        }
        return null;
    }

    /** {@code c} and its superclasses in the analyzed files, nearest first (a cycle ends it). */
    private List<ClassFacts> lineage(ClassFacts c) {
        List<ClassFacts> out = new ArrayList<>();
        Set<ClassFacts> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ClassFacts at = c; at != null && seen.add(at); at = graph.classNamed(at.superclass(), at)) {
            out.add(at);
        }
        return out;
    }

    /** The shared locks a thread of class {@code thread} waits to acquire within {@link #MAX_CALLS} calls of its {@code run()}. */
    private Map<LockId, Need> needsOf(ClassFacts thread) {
        return needs.computeIfAbsent(thread, t -> {
            Map<LockId, Need> out = new LinkedHashMap<>();
            MethodFacts run = run(t);
            if (run == null) {
                return out;
            }
            // Breadth first, so each lock keeps its shortest path; the steps rebuild the trace.
            Map<MethodFacts, Step> reached = new IdentityHashMap<>();
            ArrayDeque<MethodFacts> queue = new ArrayDeque<>();
            reached.put(run, new Step(null, true, 0));
            queue.add(run);
            while (!queue.isEmpty()) {
                MethodFacts m = queue.poll();
                Step step = reached.get(m);
                for (Acquisition a : m.acquisitions()) {
                    LockId lock = a.lock().lock();
                    if (lock.isShared() && a.kind().blocksUntilAcquired()) {
                        out.putIfAbsent(graph.orderingIdentity(lock), new Need(trace(m, reached,
                                Trace.event(m, a.nodeRef(), a.lock().describe())), step.certain()));
                    }
                }
                if (step.depth() >= MAX_CALLS) {
                    continue;
                }
                for (CallSite call : m.calls()) {
                    boolean resolved = !graph.callees(call).isEmpty();
                    for (MethodFacts callee : targetsOf(call)) {
                        if (!reached.containsKey(callee)) {
                            reached.put(callee, new Step(call, step.certain() && resolved, step.depth() + 1));
                            queue.add(callee);
                        }
                    }
                }
            }
            return out;
        });
    }

    /** How the search from {@code run()} reached a method: the call, whether every call so far was resolved, how deep. */
    private record Step(CallSite via, boolean certain, int depth) {
    }

    private static Trace trace(MethodFacts at, Map<MethodFacts, Step> reached, Trace event) {
        Trace t = event;
        for (CallSite via = reached.get(at).via(); via != null; via = reached.get(via.method()).via()) {
            t = Trace.call(via, t);
        }
        return t;
    }
}
