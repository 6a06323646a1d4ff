package io.lockopt.analyzer.facts;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;

/**
 * Which side of a read/write lock an acquisition takes. The two views are one lock for
 * ordering but two locks for the release rules (the downgrade idiom takes the read view in
 * a {@code try} whose {@code finally} releases the write view).
 */
public enum LockView {
    /** An exclusive lock or monitor. */
    EXCLUSIVE,
    READ,
    WRITE;

    /** What a message adds after the lock's name: {@code " (read)"}, {@code " (write)"}, nothing for an exclusive lock. */
    public String label() {
        return this == EXCLUSIVE ? "" : " (" + name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /**
     * {@code rw.readLock()} or {@code rw.writeLock()}: a view of a read/write lock taken from a
     * receiver, as {@code e} itself; {@code null} for any other expression. The view's lock is the
     * call's scope.
     */
    public static MethodCallExpr viewCall(Expression e) {
        return e instanceof MethodCallExpr call && call.getArguments().isEmpty() && call.getScope().isPresent()
                && (call.getNameAsString().equals("readLock") || call.getNameAsString().equals("writeLock"))
                ? call : null;
    }
}
