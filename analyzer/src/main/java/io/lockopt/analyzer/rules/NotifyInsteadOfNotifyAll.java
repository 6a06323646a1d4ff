package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.MonitorCall;
import io.lockopt.analyzer.model.PathConditions;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code notify()}/{@code signal()} on a monitor or condition whose waiters wait, in loops, for
 * different predicates (producers for space, consumers for elements): the single wakeup can
 * reach a thread whose predicate is still false, which goes back to waiting, and the wakeup
 * the other kind of waiter needed is lost. All waiters sharing one predicate is fine.
 */
@RuleInfo(summary = "notify()/signal() where waiters on the same monitor wait for different conditions",
        severity = Severity.NOTE)
public final class NotifyInsteadOfNotifyAll implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        LockFacts facts = LockFacts.of(file);
        Map<LockId, Map<String, MonitorCall>> predicates = new HashMap<>();
        List<MonitorCall> wakeups = new ArrayList<>();
        for (MethodFacts method : facts.methods()) {
            for (MonitorCall call : method.monitorCalls()) {
                if (call.kind().isWait()) {
                    String predicate = loopPredicate(call, method);
                    if (predicate != null) {
                        predicates.computeIfAbsent(call.target().lock(), k -> new LinkedHashMap<>())
                                .putIfAbsent(predicate, call);
                    }
                } else if (call.kind().isSingleWakeup()) {
                    wakeups.add(call);
                }
            }
        }
        for (MonitorCall wakeup : wakeups) {
            Map<String, MonitorCall> waiting = predicates.getOrDefault(wakeup.target().lock(), Map.of());
            if (waiting.size() < 2) {
                continue;
            }
            List<Reporter.RelatedLocation> related = new ArrayList<>();
            List<String> described = new ArrayList<>();
            waiting.forEach((key, waiter) -> {
                String predicate = loopCondition(waiter);
                related.add(new Reporter.RelatedLocation(file, waiter.node(), "waits while " + predicate));
                described.add("while (" + predicate + ") on line "
                        + waiter.node().getBegin().map(p -> p.line).orElse(0));
            });
            String name = wakeup.node().getNameAsString();
            String all = wakeup.kind() == MonitorCall.Kind.NOTIFY ? "notifyAll()" : "signalAll()";
            reporter.report(file, wakeup.node(), name + "() wakes a single thread, but threads wait on "
                    + wakeup.target().lock().shortName() + " for different conditions (" + String.join(", ", described)
                    + "), so the wakeup can reach one that cannot proceed and be lost; use " + all
                    + " or a separate Condition per predicate.", related,
                    Map.of("lock", wakeup.target().lock().name(), "untimedWaitersInSeveralMethods",
                            String.valueOf(severalUntimedWaiters(waiting.values()))),
                    // Even then, none of 17 judged on held-out libraries (samples 6, 8, 10) was a
                    // bug: one producer and one consumer, or waits made one after the other by
                    // one thread, a structure this analysis cannot see. Low.
                    Confidence.LOW);
        }
    }

    /**
     * The strongest shape ({@code properties.untimedWaitersInSeveralMethods}): the waiters for
     * different conditions are in different methods and at least one waits without a timeout.
     * Waits in one method (the branches of one thread's loop, a single consumer) most often have a
     * single waiting thread, and a timed wait bounds a lost wakeup to its timeout.
     */
    private static boolean severalUntimedWaiters(java.util.Collection<MonitorCall> waiters) {
        long methods = waiters.stream().map(w -> outermost(w.method())).distinct().count();
        boolean untimed = waiters.stream().anyMatch(w -> w.node().getArguments().isEmpty());
        return methods >= 2 && untimed;
    }

    private static MethodFacts outermost(MethodFacts method) {
        MethodFacts m = method;
        while (m.enclosing() != null) {
            m = m.enclosing();
        }
        return m;
    }

    /**
     * The normalized condition of the loop around a wait, or {@code null} when it is not in a loop.
     * Conjuncts about the timeout ({@code nanos > 0}) are dropped; for a condition object, which
     * code dedicates to one predicate, the names of methods called in it are too
     * ({@code unlinkFirst() == null} and {@code unlinkLast() == null} wait for the same thing).
     */
    private static String loopPredicate(MonitorCall wait, MethodFacts method) {
        Node loop = WaitNotInLoop.enclosingLoop(wait.node(), method);
        if (loop == null) {
            return null;
        }
        Expression condition = conditionOf(loop);
        if (condition == null) {
            return "true";
        }
        List<String> conjuncts = new ArrayList<>();
        for (Expression conjunct : PathConditions.conjuncts(condition)) {
            if (conjunct.findAll(NameExpr.class).stream().noneMatch(n -> isTimeout(n.getNameAsString()))) {
                conjuncts.add(normalize(conjunct, wait.kind().isCondition()));
            }
        }
        return conjuncts.isEmpty() ? "true" : String.join(" && ", conjuncts);
    }

    /** The loop condition around a waiter as written, for messages. */
    private static String loopCondition(MonitorCall wait) {
        Node loop = WaitNotInLoop.enclosingLoop(wait.node(), wait.method());
        Expression condition = loop == null ? null : conditionOf(loop);
        return condition == null ? "true" : condition.toString().replaceAll("\\s+", " ");
    }

    private static Expression conditionOf(Node loop) {
        if (loop instanceof WhileStmt w) {
            return w.getCondition();
        }
        if (loop instanceof DoStmt d) {
            return d.getCondition();
        }
        if (loop instanceof ForStmt f) {
            return f.getCompare().orElse(null);
        }
        return null;
    }

    private static boolean isTimeout(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("nanos") || n.contains("millis") || n.contains("timeout") || n.contains("remaining")
                || n.contains("deadline");
    }

    private static String normalize(Expression conjunct, boolean opaqueCalls) {
        String text = conjunct.toString();
        if (opaqueCalls) {
            for (MethodCallExpr call : conjunct.findAll(MethodCallExpr.class)) {
                text = text.replace(call.getNameAsString() + "(", "call(");
            }
        }
        return text.replaceAll("\\s+", " ");
    }
}
