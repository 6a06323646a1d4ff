package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;

import io.lockopt.analyzer.facts.FieldAccess;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code ++}, {@code --}, compound assignment or {@code f = f + k} on a volatile field with no
 * lock held: {@code volatile} makes each read and each write visible, not the read-modify-write
 * atomic, so concurrent updates are lost. Constructors and static initializers are exempt (the
 * object or class is not shared yet).
 */
@RuleInfo(summary = "++, -- or += on a volatile field outside any lock", severity = Severity.WARNING)
public final class VolatileIncrement implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        java.util.Map<FieldFacts, java.util.Set<MethodFacts>> updaters = new java.util.HashMap<>();
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (FieldAccess write : method.fieldAccesses()) {
                if (write.field().isVolatile() && write.held().isEmpty() && isReadModifyWrite(write)) {
                    updaters.computeIfAbsent(write.field(), k -> new java.util.HashSet<>()).add(method);
                }
            }
        }
        for (MethodFacts method : LockFacts.of(file).methods()) {
            if (method.kind() == MethodFacts.Kind.CONSTRUCTOR || method.kind() == MethodFacts.Kind.INITIALIZER) {
                continue;
            }
            for (FieldAccess write : method.fieldAccesses()) {
                FieldFacts field = write.field();
                if (field.isVolatile() && write.held().isEmpty() && isReadModifyWrite(write)) {
                    reporter.report(file, write.effect(), "Updating volatile field " + field.shortName() + " with "
                            + write.effect() + " is a separate read and write, so concurrent updates are lost;"
                            + " use an AtomicInteger/AtomicLong (or a LongAdder for counters) or update it under"
                            + " a lock.", List.of(), Map.of(),
                            updaters.get(field).size() >= 2 ? confidence(write) : Confidence.LOW);
                }
            }
        }
    }

    /**
     * Confidence: high only when two methods or more update the field (a reference count's retain and
     * release, a gauge's up and down), a shape where different threads write it; a field one method
     * updates is most often written by one thread (a subscriber's {@code onNext}, a single task),
     * volatile only for its readers. Then {@code ++}, {@code --} and adding a constant are counters
     * whose lost updates show; a boolean
     * {@code |=}/{@code &=} only ever moves one way, and adding a computed amount is mostly a
     * single writer's running total: low confidence.
     */
    private static Confidence confidence(FieldAccess write) {
        if (write.kind() == FieldAccess.Kind.INCREMENT) {
            return Confidence.HIGH;
        }
        if (write.effect() instanceof AssignExpr assign
                && (assign.getOperator() == AssignExpr.Operator.PLUS || assign.getOperator() == AssignExpr.Operator.MINUS)
                && unwrap(assign.getValue()) instanceof com.github.javaparser.ast.expr.LiteralExpr) {
            return Confidence.HIGH;
        }
        return Confidence.LOW;
    }

    private static boolean isReadModifyWrite(FieldAccess write) {
        if (write.kind() == FieldAccess.Kind.INCREMENT || write.kind() == FieldAccess.Kind.COMPOUND) {
            return true;
        }
        if (write.kind() == FieldAccess.Kind.ASSIGN && write.effect() instanceof AssignExpr assign
                && unwrap(assign.getValue()) instanceof BinaryExpr binary) {
            String name = write.field().name();
            return names(binary.getLeft(), name) || names(binary.getRight(), name);
        }
        return false;
    }

    private static boolean names(Expression e, String field) {
        Expression x = unwrap(e);
        return x instanceof NameExpr n && n.getNameAsString().equals(field)
                || x instanceof FieldAccessExpr f && f.getNameAsString().equals(field);
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof EnclosedExpr enclosed) {
            e = enclosed.getInner();
        }
        return e;
    }
}
