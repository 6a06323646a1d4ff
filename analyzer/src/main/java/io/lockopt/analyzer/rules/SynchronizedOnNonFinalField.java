package io.lockopt.analyzer.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.FieldAccess;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code synchronized (field)} where the field is not {@code final}: once the field is
 * reassigned, threads that read the old and the new value hold different monitors and run the
 * "critical" section together. Locals and final fields are fine, and so are private fields
 * that nothing in the file assigns outside constructors and initializers (effectively final).
 */
@RuleInfo(summary = "synchronized on a field that is not final", severity = Severity.WARNING)
public final class SynchronizedOnNonFinalField implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        LockFacts facts = LockFacts.of(file);
        Set<FieldFacts> reassigned = null;
        for (MethodFacts method : facts.methods()) {
            for (Acquisition acquisition : method.acquisitions()) {
                FieldFacts field = acquisition.field();
                if (!(acquisition.node() instanceof SynchronizedStmt sync) || field == null || field.isFinal()) {
                    continue;
                }
                if (reassigned == null) {
                    reassigned = reassignedAfterConstruction(facts);
                }
                if (!field.isPrivate() || reassigned.contains(field)) {
                    reporter.report(file, sync, "Field " + field.shortName() + " is not final, so after it is"
                            + " reassigned threads synchronize on different objects and no longer exclude each"
                            + " other; make it final or lock on a dedicated private final Object.", List.of(),
                            Map.of("lock", acquisition.lock().lock().name()));
                }
            }
        }
    }

    /** Fields assigned somewhere other than a constructor or initializer of this file. */
    private static Set<FieldFacts> reassignedAfterConstruction(LockFacts facts) {
        Set<FieldFacts> fields = new HashSet<>();
        for (MethodFacts method : facts.methods()) {
            // A lambda written in a constructor runs later: it counts as a reassignment.
            boolean constructing = method.kind() == MethodFacts.Kind.CONSTRUCTOR
                    || method.kind() == MethodFacts.Kind.INITIALIZER;
            for (FieldAccess access : method.fieldAccesses()) {
                if (access.kind() == FieldAccess.Kind.ASSIGN && !constructing) {
                    fields.add(access.field());
                }
            }
        }
        return fields;
    }
}
