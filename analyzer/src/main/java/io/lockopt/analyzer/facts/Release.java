package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.TryStmt;

/**
 * One {@code unlock()}-style call.
 *
 * @param finallyOf   the nearest {@code try} whose {@code finally} contains the call (within
 *                    the same method), or {@code null}
 * @param conditional the call sits under an {@code if}, loop, {@code switch} or conditional
 *                    expression inside that {@code finally} (or anywhere, when not in one)
 */
public record Release(MethodFacts method, LockRef lock, MethodCallExpr node, TryStmt finallyOf,
        boolean conditional) {

    /** True for the well-formed release: unconditionally in a {@code finally}. */
    public boolean inFinally() {
        return finallyOf != null && !conditional;
    }
}
