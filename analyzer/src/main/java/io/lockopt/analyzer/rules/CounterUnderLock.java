package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A critical section whose only effect is to count: every statement increments, decrements or
 * adds a constant or local to one numeric field ({@code n++}, {@code total += size},
 * {@code n = n + 1}, {@code return ++n}). An {@code AtomicLong} (or a {@code LongAdder} for a
 * hot counter read rarely) does that without a lock. Conditional updates, signalling or any
 * other statement disqualify the section, and so does updating two counters together (their
 * joint consistency may be what the lock is for; two atomics would lose it).
 */
// Advice on speed, not a defect: without a measurement that the lock is contended it is low confidence.
@RuleInfo(summary = "A critical section that only bumps a counter (use AtomicLong or LongAdder)",
        severity = Severity.NOTE)
public final class CounterUnderLock implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CriticalSection section : method.sections()) {
                BlockStmt body = section.body();
                if (body == null || body.getStatements().isEmpty() || !section.lock().lock().isShared()
                        || section.acquisition().kind() == Acquisition.Kind.OPTIMISTIC_READ) {
                    continue;
                }
                String counter = null;
                for (Statement statement : body.getStatements()) {
                    String updated = counterOf(statement, method.owner());
                    if (updated == null || counter != null && !counter.equals(updated)) {
                        // Another effect, or a second counter: updating two together may be an invariant.
                        counter = null;
                        break;
                    }
                    counter = updated;
                }
                if (counter != null && !partOfInvariant(counter, section, file)) {
                    reporter.report(file, section.acquisition().node(), "This critical section on "
                            + section.lock().describe() + " only updates the counter " + counter + "; an AtomicLong"
                            + " (or a LongAdder for a hot counter that is read rarely) counts without a lock.",
                            List.of(), Map.of("lock", section.lock().lock().name()),
                            Confidence.LOW);
                }
            }
        }
    }

    /**
     * The counter is read or written in another section of the same lock that also touches other
     * fields: it is part of an invariant the lock keeps (a count that must match a collection), and
     * an atomic counter would break it.
     */
    private static boolean partOfInvariant(String counter, CriticalSection counting, SourceFile file) {
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CriticalSection other : method.sections()) {
                if (other == counting || !other.lock().lock().equals(counting.lock().lock())) {
                    continue;
                }
                boolean touchesCounter = false;
                boolean touchesOther = false;
                for (io.lockopt.analyzer.facts.FieldAccess access : other.fieldAccesses()) {
                    if (access.field().shortName().equals(counter)) {
                        touchesCounter = true;
                    } else if (access.field().lockKind() == null) {
                        touchesOther = true;
                    }
                }
                if (touchesCounter && touchesOther) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The counter field a statement updates, when that is all it does; else {@code null}. */
    private static String counterOf(Statement statement, ClassFacts owner) {
        Expression e;
        if (statement instanceof ExpressionStmt s) {
            e = s.getExpression();
        } else if (statement instanceof ReturnStmt r && r.getExpression().isPresent()) {
            e = r.getExpression().get();
        } else {
            return null;
        }
        if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)) {
            return numericField(u.getExpression(), owner);
        }
        if (e instanceof AssignExpr a) {
            String field = numericField(a.getTarget(), owner);
            if (field == null) {
                return null;
            }
            if (a.getOperator() == AssignExpr.Operator.PLUS || a.getOperator() == AssignExpr.Operator.MINUS) {
                return isPlainOperand(a.getValue()) ? field : null;
            }
            if (a.getOperator() == AssignExpr.Operator.ASSIGN && Parentheses.strip(a.getValue()) instanceof BinaryExpr b
                    && (b.getOperator() == BinaryExpr.Operator.PLUS || b.getOperator() == BinaryExpr.Operator.MINUS)
                    && field.equals(numericField(b.getLeft(), owner)) && isPlainOperand(b.getRight())) {
                return field;
            }
        }
        return null;
    }

    /** A literal or a simple name that is not a field: a constant step or a local amount. */
    private static boolean isPlainOperand(Expression e) {
        Expression inner = Parentheses.strip(e);
        return inner instanceof LiteralExpr || inner instanceof NameExpr
                || inner instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS
                        && u.getExpression() instanceof LiteralExpr;
    }

    /** {@code Class.field} when {@code e} names a numeric primitive field of this object or class. */
    private static String numericField(Expression e, ClassFacts owner) {
        Expression inner = Parentheses.strip(e);
        String name;
        if (inner instanceof NameExpr n) {
            name = n.getNameAsString();
        } else if (inner instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            name = f.getNameAsString();
        } else {
            return null;
        }
        for (ClassFacts c = owner; c != null; c = c.enclosing()) {
            FieldFacts field = c.field(name);
            if (field != null) {
                return field.isPrimitive() && !"boolean".equals(field.type()) && !field.isFinal()
                        ? field.shortName() : null;
            }
        }
        return null;
    }
}
