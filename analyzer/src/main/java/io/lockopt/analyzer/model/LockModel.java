package io.lockopt.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.LockView;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * The project-wide lock model: the {@link CallGraph} of the scanned sources and a
 * {@link MethodSummary} per method. Summaries are computed once per method, callees first,
 * over the strongly connected components of the call graph (Tarjan's algorithm, iterative so
 * deep call chains cannot overflow the stack); inside a component (recursion) the members'
 * summaries are iterated to a fixpoint, which terminates because summaries only grow and are
 * bounded by the facts present. Cost is linear in methods plus call edges (times the locks per
 * summary), not in the number of call paths.
 *
 * <p>Design notes: one model serves every project rule of an analysis. The engine runs project
 * rules concurrently; {@link #of} builds the model under the monitor of a slot stored in the
 * first file's derived data, so exactly one rule thread builds it and the others wait for it,
 * and the monitor's release publishes the finished (afterwards read-only) model to them.
 */
public final class LockModel {
    private final CallGraph graph;
    private final Map<MethodFacts, MethodSummary> summaries = new IdentityHashMap<>();
    private int summariesComputed;

    private LockModel(List<SourceFile> files) {
        this.graph = new CallGraph(files);
        summarize();
    }

    /** The model of {@code files}, built once per analysis and shared by the project rules. */
    public static LockModel of(List<SourceFile> files) {
        if (files.isEmpty()) {
            return new LockModel(files);
        }
        return files.get(0).derived(Slot.class, f -> new Slot()).model(files);
    }

    /** Extracts the lock facts of one file ahead of the model, on the scan's worker threads. */
    public static void prepare(SourceFile file) {
        io.lockopt.analyzer.facts.LockFacts.of(file);
    }

    /** Builds a fresh model (tests). */
    public static LockModel build(List<SourceFile> files) {
        return new LockModel(files);
    }

    public CallGraph graph() {
        return graph;
    }

    /** The summary of {@code method} (an empty one for methods outside the scanned sources). */
    public MethodSummary summary(MethodFacts method) {
        MethodSummary s = summaries.get(method);
        return s == null ? new MethodSummary() : s;
    }

    /** How many summaries were computed while building: one per method. */
    public int summariesComputed() {
        return summariesComputed;
    }

    /**
     * The first callee of {@code call} whose summary has the fact {@code pick} selects, with the
     * trace from the call; {@code null} when no resolved callee has it.
     */
    public Trace throughCall(CallSite call, java.util.function.Function<MethodSummary, Trace> pick) {
        for (MethodFacts callee : graph.callees(call)) {
            Trace t = pick.apply(summary(callee));
            if (t != null) {
                return Trace.call(call, t);
            }
        }
        return null;
    }

    private void summarize() {
        List<MethodFacts> methods = graph.methods();
        Map<MethodFacts, int[]> index = new IdentityHashMap<>(); // {index, lowlink, onStack}
        Deque<MethodFacts> stack = new ArrayDeque<>();
        int[] counter = {0};
        for (MethodFacts root : methods) {
            if (index.containsKey(root)) {
                continue;
            }
            // Iterative Tarjan: frames hold the method and the position in its successor list.
            Deque<Object[]> frames = new ArrayDeque<>();
            enter(root, index, stack, counter, frames);
            while (!frames.isEmpty()) {
                Object[] frame = frames.peek();
                MethodFacts m = (MethodFacts) frame[0];
                @SuppressWarnings("unchecked")
                List<MethodFacts> successors = (List<MethodFacts>) frame[1];
                int position = (int) frame[2];
                if (position < successors.size()) {
                    frame[2] = position + 1;
                    MethodFacts next = successors.get(position);
                    int[] nextState = index.get(next);
                    if (nextState == null) {
                        enter(next, index, stack, counter, frames);
                    } else if (nextState[2] == 1) {
                        int[] state = index.get(m);
                        state[1] = Math.min(state[1], nextState[0]);
                    }
                    continue;
                }
                frames.pop();
                int[] state = index.get(m);
                if (!frames.isEmpty()) {
                    int[] parent = index.get((MethodFacts) frames.peek()[0]);
                    parent[1] = Math.min(parent[1], state[1]);
                }
                if (state[1] == state[0]) {
                    List<MethodFacts> component = new ArrayList<>();
                    MethodFacts member;
                    do {
                        member = stack.pop();
                        index.get(member)[2] = 0;
                        component.add(member);
                    } while (member != m);
                    summarizeComponent(component);
                }
            }
        }
    }

    private void enter(MethodFacts m, Map<MethodFacts, int[]> index, Deque<MethodFacts> stack, int[] counter,
            Deque<Object[]> frames) {
        int i = counter[0]++;
        index.put(m, new int[] {i, i, 1});
        stack.push(m);
        List<MethodFacts> successors = new ArrayList<>();
        for (CallSite call : m.calls()) {
            successors.addAll(graph.callees(call));
        }
        frames.push(new Object[] {m, successors, 0});
    }

    /** Summarizes one component whose callees outside it are all summarized already. */
    private void summarizeComponent(List<MethodFacts> component) {
        for (MethodFacts m : component) {
            MethodSummary s = direct(m);
            summaries.put(m, s);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (MethodFacts m : component) {
                MethodSummary s = summaries.get(m);
                for (CallSite call : m.calls()) {
                    for (MethodFacts callee : graph.callees(call)) {
                        MethodSummary cs = summaries.get(callee);
                        if (cs != null) {
                            changed |= s.absorb(call, cs);
                        }
                    }
                }
            }
            if (component.size() == 1 && !selfRecursive(component.get(0))) {
                break;
            }
        }
        summariesComputed += component.size();
    }

    private boolean selfRecursive(MethodFacts m) {
        for (CallSite call : m.calls()) {
            if (graph.callees(call).contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static MethodSummary direct(MethodFacts m) {
        MethodSummary s = new MethodSummary();
        for (Acquisition a : m.acquisitions()) {
            if (!a.lock().lock().isShared() || !a.kind().blocksUntilAcquired()) {
                continue;
            }
            s.acquires.putIfAbsent(a.lock().lock(), Trace.event(m, a.node(), a.lock().lock().shortName()));
            if (a.lock().view() == LockView.WRITE) {
                s.writeAcquires.putIfAbsent(a.lock().lock(), Trace.event(m, a.node(),
                        a.lock().describe()));
            }
        }
        for (CallSite call : m.calls()) {
            if (s.blocking == null && call.blocking() != null && !call.isByDesignIo() && !call.isDoneFuture()
                    && !call.isUnboundedPut()) {
                s.blocking = Trace.event(m, call.node(), call.blocking());
            }
            if (s.waiting == null && call.waitsForAnotherThread()) {
                s.waiting = Trace.event(m, call.node(), call.blocking());
            }
            // A callee's parameter is supplied by its caller in the scanned sources (often a lambda of its
            // own): only fields and their elements hold code the whole call chain does not control.
            if (s.alien == null && AlienCalls.isAlien(call) && call.receiver() != CallSite.Receiver.PARAMETER) {
                s.alien = Trace.event(m, call.node(), AlienCalls.describe(call));
            }
            if (s.listenerCall == null && AlienCalls.isAlien(call)
                    && call.receiver() == CallSite.Receiver.ELEMENT_OF_FIELD) {
                s.listenerCall = Trace.event(m, call.node(), AlienCalls.describe(call));
            }
        }
        return s;
    }

    /** Holds the one model of an analysis; see the class notes. */
    private static final class Slot {
        private List<SourceFile> files;
        private LockModel model;

        synchronized LockModel model(List<SourceFile> of) {
            if (model == null || !files.equals(of)) {
                files = List.copyOf(of);
                model = new LockModel(files);
            }
            return model;
        }
    }
}
