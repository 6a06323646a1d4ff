package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldAccess;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * {@code synchronized (field)} where the field is not {@code final}: once the field is
 * reassigned, threads that read the old and the new value hold different monitors and run the
 * "critical" section together. Locals and final fields are fine, and so are private fields
 * that nothing in the file assigns outside constructors and initializers (effectively final);
 * assignments in test-only hooks ({@code @VisibleForTesting void setBalancer(..)}) do not count.
 */
@RuleInfo(summary = "synchronized on a field that is not final", severity = Severity.WARNING)
public final class SynchronizedOnNonFinalField implements FileRule {

    @Override
    public void check(SourceFile file, Reporter reporter) {
        LockFacts facts = LockFacts.of(file);
        Map<FieldFacts, List<FieldAccess>> reassigned = null;
        // One finding per field and file (storm's blob store locks one field in 14 blocks): its first
        // block, the others as related locations.
        Map<FieldFacts, List<Acquisition>> blocks = new LinkedHashMap<>();
        for (MethodFacts method : facts.methods()) {
            for (Acquisition acquisition : method.acquisitions()) {
                FieldFacts field = acquisition.field();
                if (!(acquisition.node() instanceof SynchronizedStmt) || field == null || field.isFinal()) {
                    continue;
                }
                if (reassigned == null) {
                    reassigned = reassignedAfterConstruction(facts);
                }
                List<FieldAccess> writes = reassigned.getOrDefault(field, List.of());
                if ((!field.isPrivate() || !writes.isEmpty()) && !coveredByOuterLock(acquisition, writes)) {
                    blocks.computeIfAbsent(field, k -> new ArrayList<>()).add(acquisition);
                }
            }
        }
        Map<String, Long> lockedFieldsByType = blocks.keySet().stream()
                .collect(Collectors.groupingBy(f -> String.valueOf(f.type()),
                        Collectors.counting()));
        for (Map.Entry<FieldFacts, List<Acquisition>> e : blocks.entrySet()) {
            FieldFacts field = e.getKey();
            List<Node> syncs = e.getValue().stream().map(Acquisition::node)
                    .sorted(Comparator.comparing(b -> b.getBegin().orElseThrow())).toList();
            // High: swapped while threads lock it (assigned where it is also locked), or assigned
            // again in two methods or more. Assigned once (a start-up or resolve step), or never
            // in this file but visible to code elsewhere: most likely effectively final, low.
            List<MethodFacts> sites = reassigned.getOrDefault(field, List.of()).stream().map(FieldAccess::method).toList();
            boolean swapped = sites.stream().distinct().count() >= 2 || sites.stream().anyMatch(m -> locksField(m, field));
            // Several fields of one domain type, each locked (geode's per-call RegionMapDestroy locks
            // regionEntry, newRegionEntry, oldRegionEntry): the code locks the entities the fields point
            // to, each in its own turn, not the fields; reassigning one moves on to another entity.
            boolean entityReferences = !isJdkType(field.type()) && lockedFieldsByType.get(String.valueOf(field.type())) >= 2;
            // Swaps are mostly start-up, reload or copy-on-write registration steps that rarely meet a
            // concurrent holder (held-out samples 8-15: 10 of 12 debatable). A value the whole JVM
            // shares (Collections.emptySet(), Optional.empty()) is different: every instance of the
            // class, and any other code, locks that one object until the first swap.
            Expression shared = sharedValue(field, reassigned.getOrDefault(field, List.of()));
            reporter.report(file, syncs.get(0), "Field " + field.shortName() + " is not final, so after it is"
                    + " reassigned threads synchronize on different objects and no longer exclude each"
                    + " other" + (syncs.size() > 1 ? " (" + syncs.size() + " blocks in this file)" : "")
                    + (shared == null ? "" : "; it also holds " + shared + ", one object the whole JVM shares")
                    + "; make it final or lock on a dedicated private final Object.",
                    SynchronizedOnSharedConstant.alsoSynchronizedHere(file, syncs),
                    Map.of("lock", e.getValue().get(0).lock().lock().name()),
                    swapped && !entityReferences && shared != null ? Confidence.HIGH : Confidence.LOW);
        }
    }

    /** The field's initializer or an assigned value that is a JVM-wide shared object, or {@code null}. */
    private static Expression sharedValue(FieldFacts field, List<FieldAccess> writes) {
        List<Expression> values = new ArrayList<>();
        if (field.node() != null) {
            field.node().getInitializer().ifPresent(values::add);
        }
        for (FieldAccess write : writes) {
            if (write.effect() instanceof AssignExpr assign) {
                values.add(assign.getValue());
            }
        }
        return values.stream().filter(SynchronizedOnNonFinalField::jvmWide).findFirst().orElse(null);
    }

    /** {@code Collections.emptySet()}, {@code Optional.empty()}, {@code List.of()}, a string literal, {@code Boolean.TRUE}. */
    private static boolean jvmWide(Expression value) {
        if (value.isStringLiteralExpr()) {
            return true;
        }
        if (value instanceof FieldAccessExpr access) {
            return simpleName(access.getScope().toString()).equals("Boolean");
        }
        return value instanceof MethodCallExpr call && call.getArguments().isEmpty() && call.getScope()
                .map(scope -> SHARED_FACTORIES.getOrDefault(simpleName(scope.toString()), Set.of())
                        .contains(call.getNameAsString()))
                .orElse(false);
    }

    /** {@code java.util.Collections} as written: {@code Collections}. */
    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static final Map<String, Set<String>> SHARED_FACTORIES = Map.of(
            "Collections", Set.of("emptySet", "emptyList", "emptyMap", "emptySortedSet", "emptySortedMap",
                    "emptyNavigableSet", "emptyNavigableMap", "emptyIterator"),
            "Optional", Set.of("empty"), "OptionalInt", Set.of("empty"), "OptionalLong", Set.of("empty"),
            "List", Set.of("of"), "Set", Set.of("of"), "Map", Set.of("of"),
            "ImmutableList", Set.of("of"), "ImmutableSet", Set.of("of"), "ImmutableMap", Set.of("of"));

    private static boolean isJdkType(String type) {
        return type == null || type.startsWith("java.") || type.startsWith("javax.") || !type.contains(".");
    }

    /**
     * Fields assigned somewhere other than a constructor, an initializer or a deserialization or
     * cloning hook (which build the object before it is shared) of this file, with the methods
     * that assign them.
     */
    private static Map<FieldFacts, List<FieldAccess>> reassignedAfterConstruction(LockFacts facts) {
        Map<FieldFacts, List<FieldAccess>> fields = new HashMap<>();
        for (MethodFacts method : facts.methods()) {
            // A lambda written in a constructor runs later: it counts as a reassignment.
            boolean constructing = method.kind() == MethodFacts.Kind.CONSTRUCTOR
                    || method.kind() == MethodFacts.Kind.INITIALIZER
                    || method.kind() == MethodFacts.Kind.METHOD && CONSTRUCTING_HOOKS.contains(method.name());
            for (FieldAccess access : method.fieldAccesses()) {
                if (access.kind() == FieldAccess.Kind.ASSIGN && !constructing && !access.assignsNull()
                        && !lazyInit(access) && !method.isTestOnly()) {
                    fields.computeIfAbsent(access.field(), k -> new ArrayList<>()).add(access);
                }
            }
        }
        return fields;
    }

    /** {@code if (buffer == null) buffer = ...}: set once from null, never swapped. */
    private static boolean lazyInit(FieldAccess access) {
        for (Node n = access.effect().getParentNode().orElse(null); n != null;
                n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt ifStmt) {
                String condition = ifStmt.getCondition().toString().replace("this.", "");
                return condition.contains(access.field().name() + " == null");
            }
            if (n instanceof CallableDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    /**
     * {@code lock.lock(); ... synchronized (responseTimes)}, with every reassignment of the field
     * also made under {@code lock}: the outer lock already excludes the swap, the monitor is only
     * redundant.
     */
    private static boolean coveredByOuterLock(Acquisition acquisition, List<FieldAccess> writes) {
        if (writes.isEmpty()) {
            return false;
        }
        for (CriticalSection outer : acquisition.held().sections()) {
            LockId lock = outer.lock().lock();
            if (lock.isShared() && writes.stream().allMatch(w -> w.held().find(lock) != null)) {
                return true;
            }
        }
        return false;
    }

    private static boolean locksField(MethodFacts method, FieldFacts field) {
        return method.acquisitions().stream().anyMatch(a -> a.field() == field);
    }

    private static final Set<String> CONSTRUCTING_HOOKS = Set.of("readObject", "readObjectNoData", "readResolve",
            "clone");
}
