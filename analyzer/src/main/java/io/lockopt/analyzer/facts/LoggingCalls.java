package io.lockopt.analyzer.facts;

import java.util.Locale;
import java.util.regex.Pattern;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;

/**
 * Calls on a logger ({@code LOG.info(..)}, {@code log.isDebugEnabled()}): they read their
 * arguments and, by every logging framework's contract, do not throw into the caller.
 */
public final class LoggingCalls {
    private static final Pattern LOGGER_NAME = Pattern.compile("_?s?(log|logger)");

    private LoggingCalls() {
    }

    /**
     * A call whose receiver is a variable named like a logger ({@code LOG}, {@code logger}, {@code
     * _log}), directly or through a fluent chain ({@code LOGGER.atError().setCause(e).log(..)}, SLF4J
     * 2 and Flogger).
     */
    public static boolean isLoggingCall(MethodCallExpr call) {
        Expression scope = call.getScope().orElse(null);
        while (scope instanceof MethodCallExpr inner) {
            scope = inner.getScope().orElse(null);
        }
        return scope instanceof NameExpr n && LOGGER_NAME.matcher(n.getNameAsString().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * {@code LOG.info("..")}, {@code boolean debug = log.isDebugEnabled();} or
     * {@code if (debug) { log.debugf(..); }}: a statement that only logs.
     */
    public static boolean isLoggingStatement(Statement statement) {
        if (statement instanceof ExpressionStmt expression) {
            Expression e = expression.getExpression();
            if (e instanceof MethodCallExpr call) {
                return isLoggingCall(call);
            }
            return e instanceof VariableDeclarationExpr declaration && declaration.getVariables().stream()
                    .allMatch(v -> v.getInitializer().filter(i -> i instanceof MethodCallExpr c && isLoggingCall(c))
                            .isPresent());
        }
        if (statement instanceof IfStmt ifStmt && ifStmt.getElseStmt().isEmpty()
                && onlyLoggingOrNames(ifStmt.getCondition())) {
            Statement then = ifStmt.getThenStmt();
            return then instanceof BlockStmt block ? block.getStatements().stream().allMatch(LoggingCalls::isLoggingStatement)
                    : isLoggingStatement(then);
        }
        return false;
    }

    private static boolean onlyLoggingOrNames(Expression condition) {
        return condition.isNameExpr() || condition instanceof MethodCallExpr call && isLoggingCall(call)
                && call.getArguments().isEmpty();
    }
}
