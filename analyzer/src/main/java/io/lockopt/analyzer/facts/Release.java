package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.TryStmt;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * One {@code unlock()}-style call.
 *
 * @param finallyOf   the nearest {@code try} whose {@code finally} contains the call (within
 *                    the same method), or {@code null}
 * @param conditional the call sits under an {@code if}, loop, {@code switch} or conditional
 *                    expression inside that {@code finally} (or anywhere, when not in one)
 */
public record Release(MethodFacts method, LockRef lock, NodeRef<MethodCallExpr> nodeRef, NodeRef<TryStmt> finallyOfRef,
        boolean conditional) {

    /** The {@code unlock()}-style call. */
    public MethodCallExpr node() {
        return nodeRef.get();
    }

    /** See {@code finallyOf} in the class notes. */
    public TryStmt finallyOf() {
        return finallyOfRef == null ? null : finallyOfRef.get();
    }

    /** True for the well-formed release: unconditionally in a {@code finally}. */
    public boolean inFinally() {
        return finallyOfRef != null && !conditional;
    }
}
