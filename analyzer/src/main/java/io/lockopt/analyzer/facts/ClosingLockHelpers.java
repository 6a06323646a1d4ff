package io.lockopt.analyzer.facts;

import java.util.List;
import java.util.Optional;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

/**
 * {@code try (Closer ignored = writeLock()) { .. }} where {@code writeLock()} is a method of the same
 * file that takes a lock and returns what releases it (JMeter's {@code ResourceLock}, the
 * {@code AutoLock} habit): the try block holds that lock. A helper qualifies when its body takes
 * the lock in a statement of its own ({@code lock.writeLock().lock();}), releases it nowhere but
 * inside a lambda or method reference (the closer it returns), and returns a value; or when it
 * returns what another such helper of the file returns ({@code return releaseWrite(lock);}),
 * followed two calls deep. Helpers are found by name and arity, and only when the name is unique
 * in the file.
 */
final class ClosingLockHelpers {
    private static final int DEPTH = 2;

    /**
     * The lock a helper call takes for its caller.
     *
     * @param receiver the lock expression in the caller's terms (an argument of the call, or the
     *                 helper's own field named as in the caller)
     * @param view     {@code readLock()}/{@code writeLock()} taken on it, or {@code null} for the lock itself
     */
    record Taken(Expression receiver, String view) {
    }

    private ClosingLockHelpers() {
    }

    /** The lock {@code call} takes and leaves to a closer, or empty. */
    static Optional<Taken> takenBy(CompilationUnit unit, MethodCallExpr call) {
        return takenBy(unit, call, DEPTH);
    }

    private static Optional<Taken> takenBy(CompilationUnit unit, MethodCallExpr call, int depth) {
        if (depth == 0 || call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)
                && !(call.getScope().get() instanceof NameExpr)) {
            return Optional.empty();
        }
        List<MethodDeclaration> named = unit.findAll(MethodDeclaration.class,
                m -> m.getNameAsString().equals(call.getNameAsString())
                        && m.getParameters().size() == call.getArguments().size());
        if (named.size() != 1 || named.get(0).getType().isVoidType() || named.get(0).getBody().isEmpty()) {
            return Optional.empty();
        }
        MethodDeclaration helper = named.get(0);
        for (Statement statement : helper.getBody().get().getStatements()) {
            if (statement instanceof ExpressionStmt expression && expression.getExpression() instanceof MethodCallExpr lock
                    && (lock.getNameAsString().equals("lock") || lock.getNameAsString().equals("lockInterruptibly"))
                    && lock.getArguments().isEmpty() && lock.getScope().isPresent()) {
                Expression scope = lock.getScope().get();
                String view = null;
                MethodCallExpr viewCall = LockView.viewCall(scope);
                if (viewCall != null) {
                    view = viewCall.getNameAsString();
                    scope = viewCall.getScope().get();
                }
                if (!(scope instanceof NameExpr name) || releasedOutsideACloser(helper, name.getNameAsString(), view)) {
                    return Optional.empty();
                }
                return inCaller(helper, call, name).map(receiver -> new Taken(receiver, viewOf(name, lock)));
            }
            if (statement instanceof ReturnStmt ret && ret.getExpression().orElse(null) instanceof MethodCallExpr next) {
                Optional<Taken> inner = takenBy(unit, next, depth - 1);
                if (inner.isEmpty() || !(inner.get().receiver() instanceof NameExpr name)) {
                    return Optional.empty();
                }
                String view = inner.get().view();
                return inCaller(helper, call, name).map(receiver -> new Taken(receiver, view));
            }
        }
        return Optional.empty();
    }

    private static String viewOf(NameExpr receiver, MethodCallExpr lock) {
        return lock.getScope().get() instanceof MethodCallExpr view && view.getScope().get() == receiver
                ? view.getNameAsString() : null;
    }

    /** {@code name} in the caller's terms: the argument passed for that parameter, or the field itself. */
    private static Optional<Expression> inCaller(MethodDeclaration helper, MethodCallExpr call, NameExpr name) {
        List<Parameter> parameters = helper.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).getNameAsString().equals(name.getNameAsString())) {
                return Optional.of(call.getArgument(i));
            }
        }
        boolean local = helper.findFirst(com.github.javaparser.ast.body.VariableDeclarator.class,
                v -> v.getNameAsString().equals(name.getNameAsString())).isPresent();
        return local ? Optional.empty() : Optional.of(name);
    }

    /**
     * An {@code unlock()} of what the helper took ({@code lock}, or its {@code view}) outside every
     * lambda and method reference. Releasing another view first is the upgrade the helper makes.
     */
    private static boolean releasedOutsideACloser(MethodDeclaration helper, String lock, String view) {
        return helper.findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("unlock")
                && c.getScope().isPresent() && isTaken(c.getScope().get(), lock, view) && !inCloser(c, helper)).isPresent();
    }

    private static boolean isTaken(Expression scope, String lock, String view) {
        if (view == null) {
            return scope instanceof NameExpr n && n.getNameAsString().equals(lock);
        }
        return scope instanceof MethodCallExpr call && call.getNameAsString().equals(view)
                && call.getScope().orElse(null) instanceof NameExpr n && n.getNameAsString().equals(lock);
    }

    private static boolean inCloser(Node node, MethodDeclaration helper) {
        for (Node n = node.getParentNode().orElse(null); n != null && n != helper; n = n.getParentNode().orElse(null)) {
            if (n instanceof LambdaExpr || n instanceof MethodReferenceExpr) {
                return true;
            }
        }
        return false;
    }
}
