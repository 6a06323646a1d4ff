package io.lockopt.analyzer.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.LockRef;
import io.lockopt.analyzer.facts.LockView;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.MonitorCall;
import io.lockopt.analyzer.facts.NameScopes;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.spi.SourceFile;
import io.lockopt.graphs.Digraphs;

/**
 * The project-wide lock model: the {@link CallGraph} of the scanned sources and a
 * {@link MethodSummary} per method. Summaries are computed once per method, callees first,
 * over the strongly connected components of the call graph ({@link Digraphs}: Tarjan's algorithm, iterative so
 * deep call chains cannot overflow the stack); inside a component (recursion) the members'
 * summaries are iterated to a fixpoint, which terminates because summaries only grow and are
 * bounded by the facts present. Cost is linear in methods plus call edges (times the locks per
 * summary), not in the number of call paths.
 *
 * <p>Design notes: one model serves every project rule of an analysis. The engine runs project
 * rules concurrently; {@link #of} builds the model under the monitor of a slot stored in the
 * first file's lasting data, so exactly one rule thread builds it and the others wait for it,
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
        return files.get(0).lasting(Slot.class, f -> new Slot()).model(files);
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

    /**
     * Threads joined under locks and the locks they need ({@link JoinedThreads}), built on first
     * use: most code bases join no thread of their own and never pay for the search.
     */
    public synchronized JoinedThreads joinedThreads() {
        if (joinedThreads == null) {
            joinedThreads = JoinedThreads.build(graph);
        }
        return joinedThreads;
    }

    private JoinedThreads joinedThreads;

    /**
     * The locks constructors take from their callers ({@link InjectedLocks}), built on first use and
     * shared: LockOrderInversion and WaitWithOtherLockHeld both ask, on different rule threads.
     */
    public synchronized InjectedLocks injectedLocks() {
        if (injectedLocks == null) {
            injectedLocks = InjectedLocks.of(this);
        }
        return injectedLocks;
    }

    private InjectedLocks injectedLocks;

    /** The summary of {@code method} (an empty one for methods outside the scanned sources). */
    public MethodSummary summary(MethodFacts method) {
        MethodSummary s = summaries.get(method);
        return s == null ? new MethodSummary() : s;
    }

    /**
     * How {@code method} takes {@code held} on the object it runs on in a way that waits for its
     * holder: itself, or through calls on that object (a lambda's or an inner class's calls of its
     * enclosing object's methods count); {@code null} when it does not, within the summaries'
     * depth. A read lock held stops only the write side: readers share it.
     */
    public Trace takesOnItsObject(MethodFacts method, LockRef held) {
        LockId identity = graph.orderingIdentity(held.lock());
        MethodSummary summary = summary(method);
        Map<LockId, Trace> waiting = held.view() == LockView.READ ? summary.writeAcquires() : summary.acquires();
        for (Map.Entry<LockId, Trace> taken : waiting.entrySet()) {
            Trace path = taken.getValue();
            if (graph.orderingIdentity(taken.getKey()).equals(identity) && path.staysOnTheReceiver()
                    && onItsObject(held.lock(), path.last().event())) {
                return path;
            }
        }
        return null;
    }

    /**
     * {@code body} runs on the object {@code waiter} runs on, as far as an instance lock of it goes:
     * it is the waiter's class's code or code nested in it (a lambda, an inner or anonymous class,
     * whose calls on this object reach the enclosing one), with no class on the way that extends the
     * waiter's class (in {@code new Worker() { run() { count(); } }} {@code count()} is the new
     * object's). A static lock is one object wherever it is taken.
     */
    public boolean runsOnTheObjectOf(MethodFacts body, MethodFacts waiter, LockId lock) {
        if (isStatic(lock)) {
            return true;
        }
        ClassFacts own = waiter.owner();
        for (ClassFacts c = body.owner(); c != null; c = c.enclosing()) {
            if (c == own) {
                return true;
            }
            if (own.name().equals(c.superclass())) {
                return false;
            }
        }
        return false;
    }

    /**
     * The acquisition at {@code node} takes {@code lock} on the object running the code, or the lock
     * is static ({@code Registry.LOCK}), one object wherever it is taken.
     */
    public boolean onItsObject(LockId lock, Node node) {
        return isStatic(lock) || acquiredOnItsOwnObject(node);
    }

    /** A class literal's monitor or a static field's lock: one object wherever it is taken. */
    public boolean isStatic(LockId lock) {
        if (lock.kind() == LockId.Kind.CLASS) {
            return true;
        }
        FieldFacts field = lock.kind() == LockId.Kind.FIELD ? graph.fieldOf(lock) : null;
        return field != null && field.isStatic();
    }

    /**
     * The acquisition at {@code node} takes a lock of the object running the code: a synchronized
     * method (the node is its modifier), {@code synchronized (this)}, a field named bare or through {@code this}/{@code
     * Outer.this} ({@code lock.lock()}, {@code this.rw.writeLock().lock()}), a class literal; not
     * a lock reached through a parameter, a local or another object ({@code other.lock}).
     */
    public static boolean acquiredOnItsOwnObject(Node node) {
        if (node instanceof Modifier || node instanceof CallableDeclaration<?>
                || node instanceof MethodCallExpr call && call.getScope().isEmpty()) {
            return true; // a synchronized method; a lock wrapper of this object (lockExclusive())
        }
        Expression e = node instanceof SynchronizedStmt sync ? sync.getExpression()
                : node instanceof MethodCallExpr call ? call.getScope().orElse(null) : null;
        e = e == null ? null : Parentheses.strip(e);
        for (MethodCallExpr view = LockView.viewCall(e); view != null; view = LockView.viewCall(e)) {
            e = Parentheses.strip(view.getScope().get());
        }
        if (e instanceof NameExpr name) {
            if (NameScopes.isParameter(name)) {
                return false;
            }
            // final ReentrantLock lock = this.lock; lock.lock(): a local copy of this object's field
            VariableDeclarator local = NameScopes.localInScope(name);
            Expression copied = local == null ? null : local.getInitializer().map(Parentheses::strip).orElse(null);
            return local == null || copied instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr
                    || copied instanceof NameExpr field && !NameScopes.isParameter(field)
                            && NameScopes.localInScope(field) == null;
        }
        return e instanceof ThisExpr || e instanceof ClassExpr
                || e instanceof FieldAccessExpr field && field.getScope() instanceof ThisExpr;
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
        // What each method does itself first, in file order: a file's tree is read while it is at hand
        // (trees of released files may have to be parsed again: SourceFile), not once per component.
        for (MethodFacts m : graph.methods()) {
            summaries.put(m, direct(m, graph));
        }
        for (List<MethodFacts> component : Digraphs.components(graph.methods(), this::successors)) {
            summarizeComponent(component);
        }
    }

    private List<MethodFacts> successors(MethodFacts m) {
        List<MethodFacts> successors = new ArrayList<>();
        for (CallSite call : m.calls()) {
            successors.addAll(graph.callees(call));
        }
        return successors;
    }

    /**
     * Summarizes one component whose callees outside it are all summarized already (its members hold
     * their direct facts).
     */
    private void summarizeComponent(List<MethodFacts> component) {
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

    private static MethodSummary direct(MethodFacts m, CallGraph graph) {
        MethodSummary s = new MethodSummary();
        for (Acquisition a : m.acquisitions()) {
            // Another file's object's field (synchronized (peer.lock)) is known by the field only here.
            LockId lock = a.lock().lock().kind() == LockId.Kind.EXPRESSION ? graph.orderingIdentity(a.lock().lock())
                    : a.lock().lock();
            if (!lock.isShared() || !a.kind().blocksUntilAcquired()) {
                continue;
            }
            s.acquires.putIfAbsent(lock, Trace.event(m, a.nodeRef(), lock.shortName()));
            if (a.lock().view() == LockView.WRITE) {
                s.writeAcquires.putIfAbsent(a.lock().lock(), Trace.event(m, a.nodeRef(),
                        a.lock().describe()));
            }
        }
        for (MonitorCall wait : m.monitorCalls()) {
            LockRef released = wait.kind() == MonitorCall.Kind.WAIT ? wait.target()
                    : wait.conditionOwner();
            if (wait.kind().isWait() && wait.node().getArguments().isEmpty() && !wait.onLockObject()
                    && released != null && released.lock().isShared()) {
                s.monitorWaits.putIfAbsent(released.lock(), Trace.event(m, wait.nodeRef(),
                        wait.target().lock().shortName() + "." + wait.node().getNameAsString()));
            }
        }
        for (CallSite call : m.calls()) {
            if (call.onlyWhenNoLockHeld()) {
                continue;
            }
            if (s.blocking == null && call.blocking() != null && !call.isByDesignIo() && !call.isDoneFuture()
                    && !call.isUnboundedPut()) {
                s.blocking = Trace.event(m, call.nodeRef(), call.blocking());
            }
            if (s.waiting == null && call.waitsForAnotherThread()) {
                s.waiting = Trace.event(m, call.nodeRef(), call.blocking());
            }
            // A callee's parameter is supplied by its caller in the scanned sources (often a lambda of its
            // own): only fields and their elements hold code the whole call chain does not control.
            // isAlien may scan the field's file for what fills it: asked once per call.
            boolean alien = (s.alien == null || s.listenerCall == null) && AlienCalls.isAlien(call);
            if (s.alien == null && alien && call.receiver() != CallSite.Receiver.PARAMETER) {
                s.alien = Trace.event(m, call.nodeRef(), AlienCalls.describe(call));
            }
            if (s.listenerCall == null && alien && call.receiver() == CallSite.Receiver.ELEMENT_OF_FIELD) {
                s.listenerCall = Trace.event(m, call.nodeRef(), AlienCalls.describe(call));
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
