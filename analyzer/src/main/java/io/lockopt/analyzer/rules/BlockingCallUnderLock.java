package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.stmt.BlockStmt;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldAccess;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LifeCycle;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.LockRef;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.MonitorCall;
import io.lockopt.analyzer.model.AwaitedTasks;
import io.lockopt.analyzer.model.CallGraph;
import io.lockopt.analyzer.model.EventThreads;
import io.lockopt.analyzer.model.JoinedThreads;
import io.lockopt.analyzer.model.LockModel;
import io.lockopt.analyzer.model.MethodSummary;
import io.lockopt.analyzer.model.PathConditions;
import io.lockopt.analyzer.model.Trace;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.Prescreen;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A call that can block for long (sleep, join, future get, queue put/take, latch and barrier
 * waits, blocking I/O, JDBC, HTTP) made while a lock is held in the same method. Every other
 * thread needing the lock waits as long as the call. A {@code wait}/{@code await} that releases
 * only its own monitor while another lock stays held is {@link WaitWithOtherLockHeld}'s.
 * Waits on the held monitor or condition (they release it; so does a {@code join()} of the thread
 * whose monitor is held, which waits on that monitor), zero-timeout polls and lock
 * acquisitions are not blocking calls here. Stream decorators (classes that are themselves
 * streams, readers or writers) lock around the stream they wrap by design, and serialization
 * hooks write to the stream they are given: their I/O calls are not flagged.
 *
 * <p>Confidence: high when the wait can never end, because every call that would end it (a
 * latch's {@code countDown}, a queue's {@code put}, a future's {@code complete}, a semaphore's
 * {@code release} on the same field) is itself made holding the lock the waiter holds: a
 * deadlock, directly or within {@value #MAX_CONFIDENT_CALLS} calls, outside shutdown methods. Every other
 * blocking call under a lock stalls the lock's other users rather than deadlocking them, and on
 * real code it is mostly by design (a lock that exists to serialize exactly that I/O or that
 * wait, a flush or shutdown barrier, back-pressure, a single-flight lookup): low confidence.
 *
 * <p>Through callees too: a call, made while a lock is held, into a scanned method that blocks
 * (itself or further down) is flagged at the call, naming the path
 * ({@code holds OrderBook.lock -> RiskEngine.check -> Thread.sleep}). To see such callees the rule
 * widens the prescreen to files that mention a blocking API by name; a callee whose file names
 * none of them (e.g. only {@code Future.get}) is not seen, which errs on the silent side.
 */
@RuleInfo(summary = "A blocking call (sleep, I/O, Future.get, queue put/take, ...) while holding a lock",
        severity = Severity.WARNING)
public final class BlockingCallUnderLock implements ProjectRule {
    /**
     * Files with locks, and files that make a call that blocks whoever holds a lock around their
     * caller, spelled as the commonest such calls are: {@code Thread.sleep(..)}, {@code TimeUnit.X.sleep(..)},
     * {@code take()}, {@code await(..)}, {@code join()}, {@code waitFor(..)}. A mention of a type is not
     * enough (most code naming a {@code BlockingQueue} only offers and polls). Every keyword is one
     * more scan of every file's text, and parsing every lock-free file to follow every call would
     * cost more than it finds, so rarer blocking APIs (sockets, channels, JDBC, HTTP) are followed
     * into callees only when the callee's file is parsed anyway.
     */
    private static final Prescreen LOCKS_OR_BLOCKING = text -> Prescreen.CONCURRENCY.mayMatter(text)
            || Prescreen.containsAny(text, List.of("Thread.sleep(", "S.sleep(", ".take()", ".await(", ".join()",
                    "waitFor("));

    /**
     * Calls followed into callees for a high-confidence finding; longer paths pass through state
     * checks a static path cannot see (a third of them were infeasible on real code) and are
     * reported with low confidence.
     */
    private static final int MAX_CONFIDENT_CALLS = 3;

    @Override
    public Prescreen prescreen() {
        return LOCKS_OR_BLOCKING;
    }

    @Override
    public void prepare(SourceFile file) {
        LockModel.prepare(file);
    }

    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        LockModel model = LockModel.of(files);
        Signals signals = new Signals(model);
        JoinedThreads joins = model.joinedThreads();
        for (SourceFile file : files) {
            check(file, model, joins, reporter, signals);
        }
    }

    private static void check(SourceFile file, LockModel model, JoinedThreads joins, Reporter reporter,
            Signals signals) {
        // One stream's I/O under one hold is one thing to move out (ZooKeeper's SendWorker.send
        // writes an int, the bytes and a flush on one stream): the first call is reported, the
        // others are related places. Keyed by the section (a class with identity equality; in the
        // order first met, so the report order is the source's) and the stream's expression.
        Map<CriticalSection, Map<String, List<CallSite>>> streamCalls = new LinkedHashMap<>();
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CallSite call : method.calls()) {
                CriticalSection section = call.held().innermost();
                if (section != null && JoinedThreads.releasesWhileJoining(call, section.lock().lock())) {
                    // A join of the thread whose monitor is held waits on that monitor, releasing it.
                    section = call.held().innermostOtherThan(section.lock().lock());
                }
                if (section == null) {
                    continue;
                }
                LockId held = section.lock().lock();
                if (reportWaitForALockTaker(file, call, model, reporter)
                        || reportJoinDeadlock(file, call, model.graph(), joins, reporter)) {
                    continue;
                }
                if (call.blocking() == null) {
                    Trace path = model.throughCall(call, MethodSummary::waiting);
                    if (path != null && PathConditions.infeasible(path, model.graph(), held)) {
                        path = null;
                    }
                    if (path == null || path.depth() > MAX_CONFIDENT_CALLS) {
                        path = model.throughCall(call, MethodSummary::blocking);
                        if (path != null && PathConditions.infeasible(path, model.graph(), held)) {
                            path = null;
                        }
                    }
                    if (path != null) {
                        CallSite wait = path.depth() > MAX_CONFIDENT_CALLS ? null : siteOf(path.last());
                        List<MethodFacts> onTheWay = new ArrayList<>(path.callees());
                        onTheWay.add(method);
                        Signaller signaller = wait == null ? null : signals.onlyUnder(wait, held, onTheWay);
                        reporter.report(file, call.node(), call.name() + "() blocks in " + path.last().what()
                                + " while " + section.lock().describe() + " (acquired on line "
                                + section.acquisition().line() + ") is held (holds " + section.lock().describe()
                                + " -> " + path.describe() + ")" + consequence(signaller, section),
                                List.of(acquiredHere(file, section), new Reporter.RelatedLocation(
                                        model.graph().fileOf(path.last().in()), path.last().event(),
                                        path.last().what() + " blocks here")),
                                Map.of("lock", held.name()),
                                signaller != null && !LifeCycle.tearsDown(method) ? Confidence.HIGH : Confidence.LOW);
                    }
                }
                if (call.blocking() != null && !call.isByDesignIo() && !call.isDoneFuture()
                        && !call.isUnboundedPut() && !PathConditions.infeasible(
                                Trace.event(method, call.nodeRef(), call.blocking()), model.graph(), held)) {
                    Signaller signaller = signals.onlyUnder(call, held, List.of(method));
                    Confidence confidence = signaller != null && !LifeCycle.tearsDown(method)
                            ? Confidence.HIGH : Confidence.LOW;
                    String stream = streamOf(call);
                    if (stream != null && confidence == Confidence.LOW) {
                        streamCalls.computeIfAbsent(section, k -> new LinkedHashMap<>())
                                .computeIfAbsent(stream, k -> new ArrayList<>()).add(call);
                        continue;
                    }
                    reporter.report(file, call.node(), call.blocking() + " blocks while " + section.lock().describe()
                            + " (acquired on line " + section.acquisition().line() + ") is held"
                            + consequence(signaller, section),
                            signaller == null ? List.of(acquiredHere(file, section)) : signaller.related(file, section, model),
                            Map.of("lock", held.name()), confidence);
                }
            }
        }
        streamCalls.forEach((section, byStream) -> byStream.forEach((stream, calls) ->
                reportStream(file, reporter, section, stream, calls)));
    }

    /** Most other calls on the stream named as related places. */
    private static final int MAX_OTHER_CALLS = 4;

    /** The first of a hold's blocking calls on one stream, the others as related places. */
    private static void reportStream(SourceFile file, Reporter reporter, CriticalSection section, String stream,
            List<CallSite> calls) {
        CallSite first = calls.get(0);
        List<Reporter.RelatedLocation> related = new ArrayList<>();
        related.add(acquiredHere(file, section));
        calls.stream().skip(1).limit(MAX_OTHER_CALLS).forEach(c -> related.add(new Reporter.RelatedLocation(file,
                c.node(), c.blocking() + " blocks here too")));
        String more = calls.size() == 1 ? "" : " (and " + (calls.size() - 1) + " more call" + (calls.size() == 2 ? "" : "s")
                + " on " + stream + " in this hold)";
        reporter.report(file, first.node(), first.blocking() + more + " blocks while "
                + section.lock().describe() + " (acquired on line " + section.acquisition().line() + ") is held"
                + consequence(null, section), related,
                Map.of("lock", section.lock().lock().name(), "sites", Integer.toString(calls.size())), Confidence.LOW);
    }

    /**
     * The expression of the stream, reader, writer or channel a blocking I/O call is made on
     * ({@code dout} in {@code dout.writeInt(n)}), or {@code null} for other blocking calls.
     */
    private static String streamOf(CallSite call) {
        String type = call.receiverType();
        if (call.staticCall() || type == null || !(type.startsWith("java.io.") || type.startsWith("java.nio.channels.")
                || type.equals("java.net.Socket"))) {
            return null;
        }
        return call.node().getScope().map(Object::toString).orElse(null);
    }

    /**
     * A thread joined, here or further down, while a lock is held that the thread takes on its way
     * to its end ({@link JoinedThreads}): reported once, as the deadlock it is; true when reported.
     * Low confidence even when every call on both paths is resolved: the thread must be waiting for
     * the lock when the join starts, and the state that lets it get there is often ruled out when
     * the joiner runs (ZooKeeper 3.9's request throttler takes the server's monitor only before the
     * processors are set up; judged debatable in the triage set).
     */
    private static boolean reportJoinDeadlock(SourceFile file, CallSite call, CallGraph graph, JoinedThreads joins,
            Reporter reporter) {
        for (CriticalSection section : call.held().sections()) {
            JoinedThreads.Deadlock deadlock = joins.deadlock(call, section.lock().lock());
            if (deadlock == null) {
                continue;
            }
            Trace join = deadlock.join().path();
            Trace need = deadlock.need().path();
            String thread = deadlock.join().thread().simpleName();
            String runPath = thread + ".run -> " + need.describe();
            reporter.report(file, call.node(), call.name() + "() joins the " + thread + " thread while "
                    + section.lock().describe() + " (acquired on line " + section.acquisition().line()
                    + ") is held (holds " + section.lock().describe() + " -> " + join.describe()
                    + "), and that thread takes " + section.lock().describe() + " on its way (" + runPath
                    + "): if it is waiting for the lock when the join starts, neither ends; join after releasing the lock.",
                    List.of(acquiredHere(file, section),
                            new Reporter.RelatedLocation(graph.fileOf(join.last().in()), join.last().event(),
                                    thread + " joined here"),
                            new Reporter.RelatedLocation(graph.fileOf(need.last().in()), need.last().event(),
                                    "the " + thread + " thread takes " + section.lock().describe() + " here")),
                    Map.of("lock", section.lock().lock().name(), "shape", "join-deadlock",
                            "dispatch", deadlock.certain() ? "resolved" : "class-hierarchy"),
                    Confidence.LOW);
            return true;
        }
        return false;
    }

    /**
     * A wait for an event thread ({@link EventThreads}) made holding a lock that one of the file's
     * callbacks on that thread takes on the same object, or for a task the method handed to another
     * thread ({@link AwaitedTasks}) that takes it: reported once, as the deadlock it is; true when
     * reported. High confidence: the event thread runs its callbacks in turn, so whenever it is in
     * that callback, waiting for the lock, when the wait starts, neither goes on (ZOOKEEPER-4293: a
     * channel closed and waited for under {@code connectLock}, which the connect listener takes),
     * and an awaited task that needs the lock never ends; unlike a joined thread's path through a
     * pipeline, the code that takes the lock is the waiter's own file's.
     */
    private static boolean reportWaitForALockTaker(SourceFile file, CallSite call, LockModel model,
            Reporter reporter) {
        if (call.isDoneFuture() || call.onlyWhenNoLockHeld() || awaitedBefore(call)) {
            return false;
        }
        EventThreads.Loop loop = EventThreads.awaited(call);
        AwaitedTasks.Task task = loop == null ? AwaitedTasks.awaited(file, call) : null;
        if (loop == null && task == null) {
            return false;
        }
        for (CriticalSection section : call.held().sections()) {
            LockId held = section.lock().lock();
            if (JoinedThreads.releasesWhileJoining(call, held)
                    || !model.onItsObject(held, section.acquisition().node())) {
                continue; // the thread's own monitor, released while joining; another object's lock
            }
            if (task != null && (section.calls().stream().noneMatch(c -> c.node() == task.started())
                    || !model.runsOnTheObjectOf(task.body(), call.method(), held))) {
                continue; // started before the lock was taken (it may have ended), or on another object
            }
            MethodFacts taker;
            Trace path;
            String waitsFor;
            String takerIs;
            if (loop != null) {
                EventThreads.Taker callback = EventThreads.takerOf(file, loop, section.lock(), call, model);
                if (callback == null) {
                    continue;
                }
                taker = callback.callback();
                path = callback.path();
                waitsFor = loop.description();
                takerIs = "a callback that thread runs";
            } else {
                path = model.takesOnItsObject(task.body(), section.lock());
                if (path == null) {
                    continue;
                }
                taker = task.body();
                waitsFor = "the task handed to " + task.describe() + " on line "
                        + task.handOff().getBegin().map(p -> p.line).orElse(0);
                takerIs = "that task";
            }
            String lock = section.lock().describe();
            String where = EventThreads.describe(taker) + (path.isDirect() ? "" : " -> " + path.describe());
            reporter.report(file, call.node(), call.blocking() + " waits for " + waitsFor + " while " + lock
                    + " (acquired on line " + section.acquisition().line() + ") is held, and " + takerIs + " takes "
                    + held.shortName() + " (" + where + "): " + (loop != null
                            ? "if the event thread is in it, waiting for the lock, neither goes on"
                            : "the task cannot get past it until the wait ends, so neither goes on")
                    + "; wait after releasing the lock.",
                    List.of(acquiredHere(file, section), new Reporter.RelatedLocation(
                            model.graph().fileOf(path.last().in()), path.last().event(),
                            (loop != null ? "the callback" : "the task") + " takes " + held.shortName() + " here")),
                    Map.of("lock", held.name(), "shape", loop != null ? "event-thread-deadlock" : "awaited-task-deadlock"),
                    Confidence.HIGH);
            return true;
        }
        return false;
    }

    /**
     * The same future or thread was waited for without a timeout earlier in the method, on every
     * path to this wait ({@code f.sync(); synchronized (lock) { f.get(); }}): it is done by then. A
     * timed wait before may have timed out.
     */
    private static boolean awaitedBefore(CallSite call) {
        String scope = call.node().getScope().map(Object::toString).orElse(null);
        return scope != null && call.method().calls().stream().anyMatch(c -> c != call && c.blocking() != null
                && c.argumentCount() == 0 && c.node().getScope().filter(s -> s.toString().equals(scope)).isPresent()
                && Guards.isAfter(call.node(), c.node())
                && c.node().findAncestor(BlockStmt.class).filter(block -> Guards.contains(block, call.node())).isPresent());
    }

    /**
     * What ends a wait that nothing can end while the lock is held: {@code call} ({@code
     * latch.countDown()}), made holding the lock everywhere, or, when {@code startedBehind} is not
     * null, only after taking it in that task, handed to another thread in the waiter's hold.
     */
    record Signaller(String call, AwaitedTasks.Task startedBehind, CallSite behind) {
        /** The places a finding names: where the lock was taken and, for a task, where it signals. */
        List<Reporter.RelatedLocation> related(SourceFile file, CriticalSection section, LockModel model) {
            Reporter.RelatedLocation acquired = acquiredHere(file, section);
            return behind == null ? List.of(acquired) : List.of(acquired, new Reporter.RelatedLocation(
                    model.graph().fileOf(behind.method()), behind.node(), "the task calls " + call + " here, after taking "
                            + section.lock().describe()));
        }
    }

    private static String consequence(Signaller signaller, CriticalSection section) {
        if (signaller == null) {
            return ", stalling every thread that needs it; move the call out of the critical section.";
        }
        String lock = section.lock().describe();
        return signaller.startedBehind() == null
                ? ", and every " + signaller.call() + " that would end the wait is made holding " + lock
                        + " too: the threads deadlock; wait after releasing the lock."
                : ", and the task handed to " + signaller.startedBehind().describe() + " on line "
                        + signaller.startedBehind().handOff().getBegin().map(p -> p.line).orElse(0) + " in this hold calls "
                        + signaller.call() + " only after taking " + lock
                        + ": it cannot before the wait ends, so neither goes on; wait after releasing the lock.";
    }

    /** The call site of a trace's final event, when it is a call. */
    private static CallSite siteOf(Trace last) {
        for (CallSite c : last.in().calls()) {
            if (c.node() == last.event()) {
                return c;
            }
        }
        return null;
    }

    /**
     * The calls that end another thread's wait on an object held in a field: {@code countDown()}
     * ends {@code await()}, {@code put}/{@code offer} end {@code take()}, {@code complete} ends
     * {@code get()}, {@code release} ends {@code acquire()}. When every such call on the field is
     * made holding the lock the waiter holds, nothing can end the wait: a deadlock, the shape
     * reported with high confidence (ActiveMQ's ProducerThread awaited its pause latch under its
     * monitor, and only a synchronized method counted it down). Every other blocking call under a
     * lock stalls rather than deadlocks, and on real code is mostly by design (a lock that
     * serializes the very wait, a shutdown barrier, back-pressure): low confidence.
     */
    static final class Signals {
        private static final Map<String, Set<String>> ENDED_BY = Map.of(
                "await", Set.of("countDown", "arrive", "arriveAndDeregister", "arriveAndAwaitAdvance"),
                "take", Set.of("put", "offer", "add", "addAll", "transfer"),
                "get", Set.of("complete", "completeExceptionally", "set", "setException", "cancel"),
                "join", Set.of("complete", "completeExceptionally", "cancel"),
                "acquire", Set.of("release"),
                "acquireUninterruptibly", Set.of("release"));

        private final Map<FieldFacts, List<CallSite>> callsOnField = new HashMap<>();

        private final Map<LockId, List<MonitorCall>> wakers =
                new HashMap<>();

        /**
         * Every notify/signal that can end a wait releasing {@code monitor} is made holding {@code
         * outer}, in its method or in every caller chain (up to three calls); false when there is none.
         */
        boolean wakersHold(LockId monitor, LockId outer,
                CallGraph graph) {
            List<MonitorCall> calls = wakers.getOrDefault(graph.orderingIdentity(monitor), List.of());
            return !calls.isEmpty() && calls.stream().allMatch(w -> w.held().find(outer) != null
                    || heldByEveryCaller(w.method(), outer, graph, 3));
        }

        /** Some notify/signal that can end a wait releasing {@code monitor} runs without {@code outer}. */
        boolean wakersRunWithout(LockId monitor, LockId outer, CallGraph graph) {
            List<MonitorCall> calls = wakers.getOrDefault(graph.orderingIdentity(monitor), List.of());
            return !calls.isEmpty() && !wakersHold(monitor, outer, graph);
        }

        static boolean heldByEveryCaller(MethodFacts method, LockId lock,
                CallGraph graph, int depth) {
            List<CallSite> callers = graph.callers(method);
            return depth > 0 && !callers.isEmpty() && callers.stream().allMatch(c -> c.held().find(lock) != null
                    || heldByEveryCaller(c.method(), lock, graph, depth - 1));
        }

        private final LockModel model;

        Signals(LockModel model) {
            this.model = model;
            CallGraph graph = model.graph();
            for (MethodFacts m : model.graph().methods()) {
                for (MonitorCall w : m.monitorCalls()) {
                    LockRef woken = w.kind().isCondition() ? w.conditionOwner() : w.target();
                    if (!w.kind().isWait() && woken != null) {
                        wakers.computeIfAbsent(graph.orderingIdentity(woken.lock()), k -> new ArrayList<>()).add(w);
                    }
                }
                for (CallSite c : m.calls()) {
                    if (c.receiverField() != null && c.receiver() == CallSite.Receiver.FIELD) {
                        callsOnField.computeIfAbsent(c.receiverField(), k -> new ArrayList<>()).add(c);
                    }
                }
            }
        }

        /**
         * The name of the call that ends {@code wait}, when there is one and every call of it on the
         * same field holds {@code lock}; else null. Also null when one of them is made on the way to the
         * wait ({@code onTheWay}: the method holding the lock and the callees to the wait): the first
         * thread in opens the latch before it lets the lock go (geode's cache close: later closers wait
         * for a latch the first one counted down inside the same hold), so no one waits for it in vain.
         */
        Signaller onlyUnder(CallSite wait, LockId lock, Collection<MethodFacts> onTheWay) {
            Set<String> enders = ENDED_BY.get(wait.name());
            if (enders == null || wait.receiverField() == null || wait.receiver() != CallSite.Receiver.FIELD
                    || wait.isTimed() || !lock.isShared()) {
                return null;
            }
            List<CallSite> signals = callsOnField.getOrDefault(wait.receiverField(), List.of()).stream()
                    .filter(c -> enders.contains(c.name())).toList();
            if (signals.isEmpty() || signals.stream().anyMatch(c -> onTheWay.stream().anyMatch(m -> m == c.method()))
                    || createdInTheSameHold(wait, lock)) {
                return null;
            }
            String signal = wait.receiverField().shortName() + "." + signals.get(0).name() + "()";
            if (signals.stream().allMatch(c -> c.held().find(lock) != null)) {
                return new Signaller(signal, null, null);
            }
            AwaitedTasks.Task starter = startedBehindTheLock(wait, lock, signals);
            return starter == null ? null : new Signaller(signal, starter, signals.stream()
                    .filter(c -> c.method() == starter.body()).findFirst().orElseThrow());
        }

        /**
         * {@code synchronized (lock) { new Thread(this::run).start(); started.await(); }} where
         * {@code run()} takes {@code lock} before {@code started.countDown()}: every call that would end
         * the wait ({@code signals}) is made holding the lock or, in a task handed to another thread in
         * the waiter's own hold, only after taking it (a statement of the task's body before the call,
         * not a branch). That thread cannot pass the lock before the waiter lets it go, which it does
         * only once the wait ends: a deadlock every time. The task that does so, or null.
         */
        private AwaitedTasks.Task startedBehindTheLock(CallSite wait, LockId lock, List<CallSite> signals) {
            CriticalSection hold = wait.held().find(lock);
            if (hold == null) {
                return null; // the lock is held by a caller: the hand-off is not in sight
            }
            AwaitedTasks.Task starter = null;
            List<AwaitedTasks.Task> tasks = AwaitedTasks.handedOffIn(model.graph().fileOf(wait.method()), hold, wait);
            for (CallSite signal : signals) {
                if (signal.held().find(lock) != null) {
                    continue;
                }
                AwaitedTasks.Task task = tasks.stream().filter(t -> t.body() == signal.method()
                        && model.runsOnTheObjectOf(t.body(), wait.method(), lock)).findFirst().orElse(null);
                if (task == null || signal.method().acquisitions().stream().noneMatch(a -> a.held().find(lock) == null
                        && model.graph().orderingIdentity(a.lock().lock()).equals(model.graph().orderingIdentity(lock))
                        && Guards.isAfter(signal.node(), a.node())
                        && a.node().getParentNode().filter(block -> block instanceof BlockStmt
                                && block.getParentNode().orElse(null) == signal.method().declaration()
                                && Guards.contains(block, signal.node())).isPresent())) {
                    return null;
                }
                starter = task;
            }
            return starter;
        }
    }

    /**
     * {@code permits = new Semaphore(max); permits.acquire();} in one hold of {@code lock}: the
     * object is new, so only the waiter has used it and its own initial state decides the wait
     * (geronimo's pool resize pre-acquires permits of the semaphore it just built; held-out sample
     * 23, judged wrong as a deadlock). A stall at most: low.
     */
    private static boolean createdInTheSameHold(CallSite wait, LockId lock) {
        CriticalSection hold = wait.held().find(lock);
        return hold != null && wait.method().fieldAccesses().stream().anyMatch(a -> a.field() == wait.receiverField()
                && a.kind() == FieldAccess.Kind.ASSIGN
                && a.effect() instanceof AssignExpr assign
                && assign.getValue().isObjectCreationExpr() && a.held().find(lock) == hold
                && Guards.isAfter(wait.node(), assign));
    }

    static Reporter.RelatedLocation acquiredHere(SourceFile file, CriticalSection section) {
        return new Reporter.RelatedLocation(file, section.acquisition().node(),
                section.lock().describe() + " acquired here");
    }
}
