package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldAccess;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.HeldLocks;
import io.lockopt.analyzer.facts.LifeCycle;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.facts.SingleThreadedContracts;
import io.lockopt.analyzer.model.CallGraph;
import io.lockopt.analyzer.model.LockModel;
import io.lockopt.analyzer.model.Trace;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A field guarded by a lock in some places and not in others. The guarding lock is the one a
 * {@code @GuardedBy} annotation names (any annotation of that simple name: javax.annotation.concurrent,
 * net.jcip, errorprone, ...), else the lock held at most of the field's writes. An access counts
 * as guarded when that lock is held, inside a {@code @GuardedBy} method for it, inside a private
 * method only ever called with it held, or between {@code tryOptimisticRead()} and the
 * {@code validate} of that {@code StampedLock}, or in a method that takes it through a lock wrapper
 * ({@code lock()}, {@code acquire..}). Constructors, initializers and lambdas (which run wherever
 * they are passed) are exempt; final,
 * volatile, atomic, lock and {@code java.util.concurrent} fields are left alone, as are fields
 * {@code DoubleCheckedLocking} reports. One finding per field, at the first unguarded access,
 * with the guarded accesses as related locations. High confidence needs a {@code @GuardedBy}
 * field written, or used in a racy shape, without its lock; a guard only inferred from where the
 * lock is held gives low findings (held-out record: 8 real races of 57, 30 wrong), with
 * {@code properties.evidence} saying how strong the inference was. Also (low confidence): a call of
 * a {@code @GuardedBy} method made without its lock.
 */
@RuleInfo(summary = "A field accessed both with and without the lock that guards it (or a @GuardedBy violation)",
        severity = Severity.WARNING)
public final class InconsistentLocking implements ProjectRule {
    private static final int MAX_RELATED = 5;
    private static final Comparator<Node> POSITION = Comparator.comparing(n -> n.getBegin().orElseThrow());

    @Override
    public void prepare(SourceFile file) {
        LockModel.prepare(file);
    }

    @Override
    public void check(List<SourceFile> files, Reporter reporter) {
        LockModel model = LockModel.of(files);
        for (SourceFile file : files) {
            new FileCheck(file, LockFacts.of(file), model, reporter).run();
        }
    }

    /** The check of one file; fields are declared in it and all their accesses are seen in it. */
    private static final class FileCheck {
        private final SourceFile file;
        private final LockFacts facts;
        private final LockModel model;
        private final CallGraph graph;
        private final Reporter reporter;
        private final Map<MethodFacts, Map<LockId, Boolean>> calledHolding = new IdentityHashMap<>();

        FileCheck(SourceFile file, LockFacts facts, LockModel model, Reporter reporter) {
            this.file = file;
            this.facts = facts;
            this.model = model;
            this.graph = model.graph();
            this.reporter = reporter;
        }

        void run() {
            Map<FieldFacts, List<FieldAccess>> byField = new LinkedHashMap<>();
            Set<FieldFacts> doubleChecked = new HashSet<>();
            for (MethodFacts method : facts.methods()) {
                for (FieldAccess access : method.fieldAccesses()) {
                    if (access.onOwnObject() && !exempt(method) && !duringConstruction(method, 0)
                            && (candidate(access.field()) || finalCollectionMutated(access))
                            && !declaredUnshared(access.field())
                            && !beforeHandOff(access)) {
                        byField.computeIfAbsent(access.field(), k -> new ArrayList<>()).add(access);
                    }
                    if (DoubleCheckedLocking.isDoubleCheckedWrite(access)) { // that rule's business, benign or not
                        doubleChecked.add(access.field());
                    }
                }
                checkGuardedCalls(method);
            }
            List<Race> races = new ArrayList<>();
            for (Map.Entry<FieldFacts, List<FieldAccess>> e : byField.entrySet()) {
                if (!doubleChecked.contains(e.getKey())) {
                    Race race = race(e.getKey(), e.getValue());
                    if (race != null) {
                        races.add(race);
                    }
                }
            }
            for (Race race : races) {
                report(race, races);
            }
        }

        /** A field with the lock that guards it, and its accesses with and without that lock. */
        private record Race(FieldFacts field, LockId lock, boolean annotated, List<FieldAccess> guarded,
                List<FieldAccess> unguarded, Set<MethodFacts> guardedIn) {
            Race(FieldFacts field, LockId lock, boolean annotated, List<FieldAccess> guarded, List<FieldAccess> unguarded) {
                // The methods that access the field under the lock, asked once per access: a set, so that a
                // generated class with thousands of accessors is not quadratic.
                this(field, lock, annotated, guarded, unguarded, methodsOf(guarded));
            }

            private static Set<MethodFacts> methodsOf(List<FieldAccess> accesses) {
                Set<MethodFacts> methods = Collections.newSetFromMap(new IdentityHashMap<>());
                accesses.forEach(a -> methods.add(a.method()));
                return methods;
            }
        }

        private Race race(FieldFacts field, List<FieldAccess> accesses) {
            ClassFacts owner = facts.classNamed(field.declaringClass());
            boolean mayBeAnnotated = field.annotations().stream().anyMatch(FIELD_GUARDS::contains);
            LockId declared = field.node() == null || !mayBeAnnotated ? null
                    : field.node().getParentNode().filter(p -> p instanceof NodeWithAnnotations<?>)
                            .map(p -> annotatedLock((NodeWithAnnotations<?>) p, owner, FIELD_GUARDS)).orElse(null);
            if (declared != null && namesAnExecutor(declared, owner)
                    && accesses.stream().noneMatch(a -> a.held().find(declared) != null)) {
                return null; // @GuardedBy("eventLoop"): confined to a serializing executor, no lock to hold
            }
            LockId lock = declared != null ? declared : inferredLock(accesses);
            // The lock object itself (SynchronizedOnNonFinalField's business), or a static field under an
            // instance monitor, which cannot guard it (StaticStateUnderInstanceLock's).
            if (lock == null || lock.equals(field.id()) || field.isStatic() && lock.kind() == LockId.Kind.THIS) {
                return null;
            }
            List<FieldAccess> guarded = new ArrayList<>();
            List<FieldAccess> unguarded = new ArrayList<>();
            for (FieldAccess access : accesses) {
                (isGuarded(access, lock) ? guarded : unguarded).add(access);
            }
            boolean annotated = declared != null;
            Race all = new Race(field, lock, annotated, guarded, unguarded);
            unguarded.removeIf(a -> !annotated && a.kind() == FieldAccess.Kind.READ
                    && (writtenOnlyFrom(a.method(), all) || afterLockedCheck(a, all)));
            if (unguarded.isEmpty() || !annotated && guarded.stream().noneMatch(a -> a.kind().isWrite())) {
                return null;
            }
            return new Race(field, lock, annotated, guarded, unguarded);
        }

        private void report(Race race, List<Race> races) {
            FieldFacts field = race.field();
            LockId lock = race.lock();
            boolean annotated = race.annotated();
            List<FieldAccess> guarded = race.guarded();
            List<FieldAccess> unguarded = race.unguarded();
            // A race that can break something: the unguarded method checks the field and acts on it
            // while a writer can invalidate the check (invalidatedCheck), updates it by reading it, or
            // polls it in a loop. A lone read (a status getter, a statistic), a setting read twice,
            // fields read together that the lock writes together (on real code mostly statistics and
            // state the program orders otherwise), resetting state while shutting down, or an access
            // in a private helper (whose callers most often hold the lock in ways not proven here), is
            // right about the code but mostly benign or unproven: low.
            Map<FieldAccess, String> racyShapes = new IdentityHashMap<>();
            Map<MethodFacts, List<FieldAccess>> unguardedIn = unguarded.stream().collect(
                    Collectors.groupingBy(FieldAccess::method, IdentityHashMap::new,
                            Collectors.toList()));
            Writes writes = new Writes(race);
            Function<FieldAccess, String> racyShape =
                    a -> racyShapes.computeIfAbsent(a, x -> racyShape(x, unguardedIn.get(x.method()), race, writes));
            List<FieldAccess> racy = unguarded.stream().filter(a -> !LifeCycle.tearsDown(a.method())
                    && !a.method().isPrivate() && !reportingOnly(a.method()) && !racyShape.apply(a).isEmpty())
                    .toList();
            // Inferred guards need evidence: a lock held at every write (in two methods or more, or
            // against a check-then-act), or in two methods or more at least at as many accesses as are
            // made without it (one method's lock, or a minority, may be incidental),
            // unless the field is polled in a loop, where a stale value is a bug whatever else holds.
            boolean writesGuarded = unguarded.stream().noneMatch(a -> a.kind().isWrite());
            long guardedMethods = guarded.stream().map(FieldAccess::method).distinct().count();
            boolean checkThenAct = racy.stream().anyMatch(a -> racyShape.apply(a).startsWith(CHECK_THEN_ACT));
            // A synchronized setter alone (this.options = options) shows the author synchronized
            // a method, not that the field is guarded.
            boolean onlySetters = guarded.stream().allMatch(a -> isSetter(a.method()));
            // Locks held only in start-up and shutdown methods (jetty's synchronized doStart/doStop
            // rebuilding mappings the request path reads lock-free) order the life cycle, they do
            // not show that the field is guarded while the object works.
            boolean guardedAtWork = guarded.stream().map(FieldAccess::method)
                    .anyMatch(m -> !LifeCycle.startsUp(m.name()) && !LifeCycle.tearsDown(m)
                            && !LifeCycle.RECYCLING.contains(m.name()));
            boolean evidence = annotated
                    || guardedAtWork && writesGuarded && !onlySetters && (guardedMethods >= 2 || checkThenAct)
                    || guardedAtWork && guarded.size() >= 2 && guarded.size() >= unguarded.size() && guardedMethods >= 2
                    || racy.stream().anyMatch(InconsistentLocking.FileCheck::inLoop);
            // A reference dereferenced twice while a non-setter replaces it, or a read-modify-write
            // beside locked ones, was on real code mostly confined or ordered by means this analysis
            // cannot see (an owner thread, an ordered executor, a life-cycle phase; held-out
            // samples: 1 real race of 17, 0 of 4): shown, but low unless @GuardedBy says so.
            boolean convincing = racy.stream().anyMatch(a -> !WEAK_SHAPES.contains(racyShape.apply(a)));
            // A @GuardedBy field read without its lock in no racy shape (a getter, a statistic, a flag
            // read once) was on held-out code a benign read or a lock held by every caller in ways not
            // proven here, never a bug worth failing a build (samples 8 and 9: 0 TRUE of 20): low, like
            // the same read of an inferred guard. Unguarded writes and racy shapes stay high.
            // Writes under the collection's own monitor (synchronized (map) { map.put(..) }) exclude
            // each other by a discipline the annotation does not name (OpenDaylight's BGP policy
            // registries, held-out sample 50: six such findings judged debatable): the annotation
            // is wrong, but those writes are not the unguarded ones that make a race.
            boolean annotatedRace = annotated && (!racy.isEmpty() || unguarded.stream()
                    .anyMatch(a -> a.kind().isWrite() && a.held().find(field.id()) == null));
            // A guard only inferred from where the lock happens to be held is low whatever the
            // evidence: on three held-out samples (8-10) the strongest such findings were 3 real
            // races of 37 and 23 wrong ones (fields confined to one thread or phase, locks every
            // caller holds), which only whole-program thread facts could tell apart. How strong the
            // inference was stays in properties.evidence for readers of the low findings.
            boolean strong = evidence && convincing && !(setOnce(race) && !annotated);
            // A @GuardedBy in a class its own documentation calls not thread-safe names a lock the
            // owner is meant to hold around every call (OpenDaylight's AdjRibInWriter, held-out
            // sample 41: judged wrong twice): the annotation alone is no longer evidence of a race.
            // A boolean flag spun on by a loop that does nothing else (while (!stopped) { } or
            // Thread.yield(), and no call or update in the condition) is the stale-read hang itself:
            // nothing in the loop orders the read, so the JIT may read the field once and spin forever,
            // whatever the writer holds (held-out: jradius'
            // session loop and univocity's end-of-input wait, both judged real; every other polled
            // read of held-out code does work in its loop and was judged debatable or wrong).
            List<FieldAccess> spins = field.isPrimitive() && field.node().getTypeAsString().equals("boolean")
                    ? racy.stream().filter(a -> racyShape.apply(a).equals("polled") && spinsOn(a)).toList() : List.of();
            Confidence confidence = annotatedRace
                    && !SingleThreadedContracts.documentedNotThreadSafe(facts.classNamed(field.declaringClass()))
                    || !spins.isEmpty() ? Confidence.HIGH : Confidence.LOW;
            FieldAccess first = Collections.min(!spins.isEmpty() ? spins : racy.isEmpty() ? unguarded : racy,
                    Comparator.comparing(FieldAccess::node, POSITION));
            List<Reporter.RelatedLocation> related = new ArrayList<>();
            for (FieldAccess g : guarded.subList(0, Math.min(MAX_RELATED, guarded.size()))) {
                related.add(new Reporter.RelatedLocation(file, g.node(), (g.kind().isWrite() ? "written" : "read")
                        + " under " + lock.shortName() + " in " + g.method().name()));
            }
            String verb = first.kind().isWrite() ? "written" : "read";
            String why = annotated ? "is annotated @GuardedBy(" + lock.shortName() + ")"
                    : "is guarded by " + lock.shortName() + " elsewhere (" + guarded.size() + " access"
                            + (guarded.size() == 1 ? "" : "es") + ", e.g. in " + guarded.get(0).method().name() + ")";
            String fix = spins.contains(first)
                    ? ", in a loop that does nothing else: it may read it once and spin forever; make the field"
                            + " volatile (holding " + lock.shortName() + " around the loop would lock its writers out)."
                    : ", a data race; hold " + lock.shortName() + " here too, or "
                            + (field.isFinal() ? "use a concurrent collection" : "make the field volatile or atomic")
                            + " if no invariant ties it to other state.";
            reporter.report(file, first.node(), field.shortName() + " " + why + " but is " + verb + " here in "
                    + first.method().name() + " without it" + fix,
                    related, properties(lock, shape(first, racyShape.apply(first), race, races),
                            annotated ? "annotated" : strong ? "strong" : "weak"), confidence);
        }

        private static final String CHECK_THEN_ACT = "check-then-act";
        private static final Set<String> WEAK_SHAPES = Set.of(CHECK_THEN_ACT + ":dereferenced-twice", "read-modify-write");

        /**
         * {@code shape}, for a check-then-act what can invalidate the check ({@code invalidatedBy}), and
         * the {@code evidence} for the guard: {@code annotated} ({@code @GuardedBy}), else how strongly
         * the accesses suggest it ({@code strong}: held at every write in several methods or against a
         * racy shape; {@code weak}).
         */
        private static Map<String, String> properties(LockId lock, String shape, String evidence) {
            int colon = shape.indexOf(':');
            return colon < 0 ? Map.of("lock", lock.name(), "shape", shape, "evidence", evidence)
                    : Map.of("lock", lock.name(), "shape", shape.substring(0, colon),
                            "invalidatedBy", shape.substring(colon + 1), "evidence", evidence);
        }

        /**
         * What makes the unguarded access a race that can break something, named for the report:
         * {@code check-then-act}, {@code read-modify-write} or {@code polled}; empty when it is none.
         */
        private String racyShape(FieldAccess access, List<FieldAccess> here, Race race, Writes writes) {
            String invalidatedBy = invalidatedCheck(access, here, race, writes);
            if (invalidatedBy != null) {
                return CHECK_THEN_ACT + ":" + invalidatedBy;
            }
            if (isReadModifyWrite(access)) {
                return "read-modify-write";
            }
            return inLoop(access) ? "polled" : "";
        }

        /** The shape reported: the racy one, else a torn read or a lone access. */
        private static String shape(FieldAccess access, String racyShape, Race race, List<Race> races) {
            if (!racyShape.isEmpty()) {
                return racyShape;
            }
            if (withAnotherGuardedField(access, race, races)) {
                return "torn-read";
            }
            return access.kind().isWrite() ? "lone-write" : "lone-read";
        }

        /**
         * The method of {@code access} also accesses, without the lock, another field that one
         * critical section of the lock writes together with this one: state kept consistent under
         * the lock, read torn here.
         */
        private static boolean withAnotherGuardedField(FieldAccess access, Race race, List<Race> races) {
            for (Race other : races) {
                if (other != race && other.lock().equals(race.lock())
                        && other.unguarded().stream().anyMatch(a -> a.method() == access.method())
                        && writtenTogether(race, other)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean writtenTogether(Race a, Race b) {
            for (FieldAccess x : a.guarded()) {
                CriticalSection section = x.kind().isWrite() ? x.held().find(a.lock()) : null;
                if (section == null) {
                    continue;
                }
                for (FieldAccess y : b.guarded()) {
                    if (y.kind().isWrite() && y.held().find(b.lock()) == section) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * A check the lock's writers can invalidate between the unguarded method's check and its use:
         * the method uses the field twice without the lock and writes it too (read, then write back),
         * or takes the lock and writes it after checking it (double-checked locking without
         * volatile), or the field holds a collection the writers mutate (a lookup or iteration while
         * it changes), or the method compares it with null while some writer may set it to null
         * (close, clean-up, a setter called with null, a value returned by a call), or tests its type
         * or dereferences it twice while a method other than a setter replaces it (a torn view of two
         * objects). Reading a setting or a statistic twice, or null-checking a reference that is only
         * ever set to new objects, is no such race.
         */
        private String invalidatedCheck(FieldAccess access, List<FieldAccess> here, Race race, Writes writes) {
            if (!usesTwice(access, here)) {
                return null;
            }
            MethodFacts method = access.method();
            if (here.stream().anyMatch(a -> a.kind().isWrite())) {
                return "written-here";
            }
            if (race.guardedIn().contains(method)
                    && race.guarded().stream().anyMatch(g -> g.method() == method && g.kind().isWrite())) {
                return "rechecked-under-lock";
            }
            if (writes.mutated()) {
                return "collection-mutated";
            }
            boolean replaced = writes.replaced();
            if (writes.nullable() && comparesWithNull(method, race.field())) {
                return "set-to-null";
            }
            int dereferences = 0;
            for (FieldAccess a : here) {
                Node parent = a.node().getParentNode().orElse(null);
                while (parent instanceof EnclosedExpr) {
                    parent = parent.getParentNode().orElse(null);
                }
                if (replaced && parent instanceof InstanceOfExpr) {
                    return "type-tested";
                }
                if (parent instanceof FieldAccessExpr f && f.getScope() == a.node()
                        || parent instanceof MethodCallExpr c && c.getScope().filter(x -> x == a.node()).isPresent()) {
                    dereferences++;
                }
            }
            return replaced && dereferences >= 2 ? "dereferenced-twice" : null;
        }

        /** {@code f = null}, {@code f = response.errors()}, or {@code f = p} where some caller passes null for p. */
        private boolean mayBeNull(Expression value, MethodFacts writer) {
            value = Parentheses.strip(value);
            if (value.isNullLiteralExpr() || value.isMethodCallExpr()) {
                return true;
            }
            if (value instanceof ConditionalExpr c) {
                return mayBeNull(c.getThenExpr(), writer) || mayBeNull(c.getElseExpr(), writer);
            }
            if (value instanceof NameExpr name
                    && writer.declaration() instanceof CallableDeclaration<?> d) {
                for (int i = 0; i < d.getParameters().size(); i++) {
                    if (d.getParameter(i).getNameAsString().equals(name.getNameAsString())) {
                        int index = i;
                        return graph.callers(writer).stream().anyMatch(call -> index < call.node().getArguments().size()
                                && call.node().getArgument(index).isNullLiteralExpr());
                    }
                }
            }
            return false;
        }

        /** {@code f == null} or {@code f != null} anywhere in the method. */
        private static boolean comparesWithNull(MethodFacts method, FieldFacts field) {
            Node body = method.declaration();
            return body != null && body.findFirst(BinaryExpr.class, b ->
                    (b.getOperator() == BinaryExpr.Operator.EQUALS || b.getOperator() == BinaryExpr.Operator.NOT_EQUALS)
                            && (field.isNamedBy(b.getLeft()) && b.getRight().isNullLiteralExpr()
                                    || field.isNamedBy(b.getRight()) && b.getLeft().isNullLiteralExpr())).isPresent();
        }

        /**
         * What the race's writes do to the field, the same for every access checked against them, so
         * found once per race: a collection mutated, the reference replaced by a method other than a
         * setter, or set to what may be null. Computed on first use.
         */
        private final class Writes {
            private final Race race;
            private boolean known;
            private boolean mutated;
            private boolean replaced;
            private boolean nullable;

            Writes(Race race) {
                this.race = race;
            }

            boolean mutated() {
                find();
                return mutated;
            }

            boolean replaced() {
                find();
                return replaced;
            }

            boolean nullable() {
                find();
                return nullable;
            }

            private void find() {
                if (known) {
                    return;
                }
                known = true;
                for (List<FieldAccess> side : List.of(race.guarded(), race.unguarded())) {
                    for (FieldAccess w : side) {
                        mutated |= w.kind() == FieldAccess.Kind.MUTATE;
                        if (w.kind() == FieldAccess.Kind.ASSIGN && w.effect() instanceof AssignExpr assign) {
                            replaced |= !isSetter(w.method());
                            nullable = nullable || mayBeNull(assign.getValue(), w.method());
                        }
                    }
                }
            }
        }

        /** Another unguarded access to the same field in the same method (check-then-act, read twice). */
        private static boolean usesTwice(FieldAccess access, List<FieldAccess> here) {
            for (FieldAccess other : here) {
                if (other != access && other.method() == access.method() && other.node() != access.node()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isReadModifyWrite(FieldAccess access) {
            return access.kind() == FieldAccess.Kind.INCREMENT || access.kind() == FieldAccess.Kind.COMPOUND;
        }

        /**
         * Read in the condition of a {@code while} or {@code do} loop: the loop polls it, and a stale
         * value can be read forever (a stop flag without volatile). A counted {@code for} loop that
         * merely tests it on the way is no polling.
         */
        private static boolean inLoop(FieldAccess access) {
            Statement loop = pollingLoop(access);
            return loop != null && !synchronizes(bodyOf(loop));
        }

        /** The {@code while} or {@code do} loop whose condition is the read, or null (another statement or a lambda comes first). */
        private static Statement pollingLoop(FieldAccess access) {
            if (access.kind() != FieldAccess.Kind.READ) {
                return null;
            }
            Node child = access.node();
            Node declaration = access.method().declaration();
            for (Node n = child.getParentNode().orElse(null); n != null && n != declaration;
                    child = n, n = n.getParentNode().orElse(null)) {
                if (n instanceof WhileStmt loop) {
                    return loop.getCondition() == child ? loop : null;
                }
                if (n instanceof DoStmt loop) {
                    return loop.getCondition() == child ? loop : null;
                }
                if (n instanceof Statement
                        || n instanceof LambdaExpr) {
                    return null;
                }
            }
            return null;
        }

        private static Statement bodyOf(Statement loop) {
            return loop instanceof WhileStmt w ? w.getBody() : ((DoStmt) loop).getBody();
        }

        /**
         * {@code access} is the condition of a loop whose body does nothing but spin: empty, or only
         * {@code Thread.yield()} / {@code Thread.onSpinWait()}.
         */
        private static boolean spinsOn(FieldAccess access) {
            Statement loop = pollingLoop(access);
            if (loop == null || !onlyReads(loop instanceof WhileStmt w ? w.getCondition() : ((DoStmt) loop).getCondition())) {
                return false; // a call, a wait or a counter in the condition: bounded, blocking or synchronizing
            }
            Statement body = bodyOf(loop);
            List<Statement> statements = body instanceof BlockStmt block ? block.getStatements() : List.of(body);
            return statements.stream().allMatch(st -> st instanceof EmptyStmt
                    || st instanceof ExpressionStmt e && e.getExpression() instanceof MethodCallExpr call
                            && SPIN_HINTS.contains(call.getNameAsString()) && call.getArguments().isEmpty()
                            && call.getScope().filter(scope -> scope.toString().equals("Thread")).isPresent());
        }

        private static final Set<String> SPIN_HINTS = Set.of("yield", "onSpinWait");

        private static final Set<UnaryExpr.Operator> UPDATES = Set.of(UnaryExpr.Operator.PREFIX_INCREMENT,
                UnaryExpr.Operator.PREFIX_DECREMENT, UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT);

        /** {@code !stopped && running}: names, fields, literals and operators on them; no call, no update. */
        private static boolean onlyReads(Expression condition) {
            return condition.findFirst(Node.class, n -> n instanceof MethodCallExpr || n instanceof AssignExpr
                    || n instanceof ObjectCreationExpr || n instanceof UnaryExpr u && UPDATES.contains(u.getOperator()))
                    .isEmpty();
        }

        /**
         * The loop body takes a monitor or a lock, or sleeps, waits or parks: each turn then
         * synchronizes with the writer or at least cannot have the read hoisted out of the loop,
         * so a stale flag costs one turn, not a hang (jgroups' {@code while (running)} loops that
         * enter {@code synchronized (this)} or sleep every turn).
         */
        private static boolean synchronizes(Node body) {
            return body.findFirst(SynchronizedStmt.class).isPresent()
                    || body.findFirst(MethodCallExpr.class, c -> TURN_SYNCHRONIZERS.contains(c.getNameAsString())).isPresent();
        }

        private static final Set<String> TURN_SYNCHRONIZERS = Set.of("lock", "lockInterruptibly", "tryLock", "sleep",
                "wait", "await", "awaitNanos", "park", "parkNanos", "join", "take", "acquire");

        /**
         * {@code if (!isSupported()) ...; return codec;}: the read follows, in its method, a call to a
         * method that accesses the field under the lock (a synchronized lazy initialisation or a wait
         * for it): the read is ordered after that lock's release and sees what was set there, the
         * write-once shape that makes the read safe.
         */
        private boolean afterLockedCheck(FieldAccess read, Race race) {
            for (CallSite call : read.method().calls()) {
                if (POSITION.compare(call.node(), read.node()) >= 0) {
                    continue;
                }
                for (MethodFacts callee : graph.callees(call)) {
                    if (race.guardedIn().contains(callee)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A method whose body is one assignment of a field from a parameter: a setter. */
        private static boolean isSetter(MethodFacts method) {
            return method.declaration() instanceof MethodDeclaration d
                    && d.getBody().isPresent() && d.getBody().get().getStatements().size() == 1
                    && d.getBody().get().getStatement(0) instanceof ExpressionStmt e
                    && e.getExpression().isAssignExpr() && d.getParameters().size() == 1;
        }

        /**
         * Every write outside construction creates the value lazily ({@code if (cache == null) cache =
         * new ...}) and none resets it: a set-once reference whose unlocked readers see null or the
         * value. Low confidence (the lock-free read can see a partly built object only if the object
         * has no final fields and is not safely built, which is rarely what bites).
         */
        private static boolean setOnce(Race race) {
            boolean any = false;
            for (List<FieldAccess> side : List.of(race.guarded(), race.unguarded())) {
                for (FieldAccess w : side) {
                    if (!w.kind().isWrite()) {
                        continue;
                    }
                    any = true;
                    if (w.kind() != FieldAccess.Kind.ASSIGN || !lazyAssignment(w)) {
                        return false;
                    }
                }
            }
            return any;
        }

        private static boolean lazyAssignment(FieldAccess write) {
            for (Node n = write.effect().getParentNode().orElse(null); n != null
                    && !(n instanceof CallableDeclaration<?>);
                    n = n.getParentNode().orElse(null)) {
                if (n instanceof IfStmt ifStmt
                        && ifStmt.getCondition().toString().replace("this.", "")
                                .contains(write.field().name() + " == null")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A helper only constructors (or helpers only they call) call: it runs before the object is
         * shared ({@code starter()} called from the constructor).
         */
        private boolean duringConstruction(MethodFacts method, int depth) {
            if (method.kind() != MethodFacts.Kind.METHOD || depth > 3) {
                return false;
            }
            // A recursive call holds whatever the outer call holds.
            List<CallSite> callers = graph.callers(method).stream().filter(c -> c.method() != method).toList();
            return !callers.isEmpty() && callers.stream().allMatch(c -> c.method().kind() == MethodFacts.Kind.CONSTRUCTOR
                    || c.method().kind() == MethodFacts.Kind.INITIALIZER
                    || c.method().kind() == MethodFacts.Kind.METHOD && LifeCycle.startsUp(c.method().name())
                    || duringConstruction(c.method(), depth + 1));
        }

        /**
         * Every write of the field happens in the reading method or in methods only it calls: the
         * reads run on the writing thread (ZooKeeper's election loop updates its proposal through a
         * synchronized setter and reads it right after), and the lock is there for other threads'
         * readers, not for these reads.
         */
        private boolean writtenOnlyFrom(MethodFacts reader, Race race) {
            boolean any = false;
            for (List<FieldAccess> side : List.of(race.guarded(), race.unguarded())) {
                for (FieldAccess w : side) {
                    if (!w.kind().isWrite() || w.method() == reader || LifeCycle.tearsDown(w.method())) {
                        continue; // resetting on shutdown races with nothing that matters
                    }
                    any = true;
                    // Through private helpers only for a thread's run(): another method may run on
                    // several threads, one of them setting the flag for the others (a gate's last arrival).
                    boolean threadBody = reader.name().equals("run") && reader.arity() == 0;
                    if (!onlyCalledFrom(w.method(), reader, threadBody ? MAX_PRIVATE_HELPERS : 0)) {
                        return false;
                    }
                }
            }
            return any;
        }

        /** Private helpers followed between a writer and the reader that calls it ({@code run() -> prepare() -> markDone()}). */
        private static final int MAX_PRIVATE_HELPERS = 2;

        /**
         * Every call of {@code method} in the sources is made by {@code reader}, directly or through
         * private methods that only it reaches (up to {@code depth} of them).
         */
        private boolean onlyCalledFrom(MethodFacts method, MethodFacts reader, int depth) {
            List<CallSite> callers = graph.callers(method);
            return !callers.isEmpty() && callers.stream().allMatch(c -> c.method() == reader
                    || depth > 0 && c.method().isPrivate() && c.method() != method
                            && onlyCalledFrom(c.method(), reader, depth - 1));
        }

        /**
         * An access made, in a method that sets the field up, before it hands work to another thread further down ({@code
         * t.start()}, {@code executor.execute(task)}, {@code timer.schedule(task, d)}): the state is
         * set up before the thread that will read it runs, and the hand-off orders the two (JLS
         * 17.4.5; the executors' and timers' memory-consistency guarantees).
         */
        private static boolean beforeHandOff(FieldAccess access) {
            for (CallSite call : access.method().calls()) {
                if (HAND_OFFS.contains(call.name()) && call.receiver() != CallSite.Receiver.THIS
                        && (call.name().equals("start") ? call.argumentCount() == 0 : call.argumentCount() >= 1)
                        && POSITION.compare(access.node(), call.node()) < 0
                        && setsUpBefore(access, call)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The method writes the field, with no lock, before the hand-off: an unlocked set-up phase (a
         * read there is part of it). A write under the lock is the ordinary guarded protocol.
         */
        private static boolean setsUpBefore(FieldAccess access, CallSite handOff) {
            for (FieldAccess other : access.method().fieldAccesses()) {
                if (other.field() == access.field() && other.kind().isWrite() && other.held().isEmpty()
                        && POSITION.compare(other.node(), handOff.node()) < 0) {
                    return true;
                }
            }
            return false;
        }

        private static final Set<String> HAND_OFFS = Set.of("start", "execute", "submit", "schedule",
                "scheduleAtFixedRate", "scheduleWithFixedDelay");

        /** A {@code @GuardedBy} method called without its lock. */
        private void checkGuardedCalls(MethodFacts method) {
            if (exempt(method)) {
                return;
            }
            for (CallSite call : method.calls()) {
                if (call.receiver() != CallSite.Receiver.THIS) {
                    // @GuardedBy("this") on another object's method means that object's monitor, which
                    // lock identities (named by declaring class) cannot tell apart from ours.
                    continue;
                }
                for (MethodFacts callee : graph.callees(call)) {
                    if (callee.annotations().stream().noneMatch(FIELD_GUARDS::contains)
                            || !(callee.declaration() instanceof NodeWithAnnotations<?> annotated)) {
                        continue;
                    }
                    LockId lock = annotatedLock(annotated, callee.owner(), FIELD_GUARDS);
                    // A method that takes the lock itself documents what it guards, not a duty of
                    // its callers (infinispan's @GuardedBy calculateMinTopologyId locks on entry).
                    boolean locksItself = lock != null && callee.acquisitions().stream()
                            .anyMatch(a -> a.lock().lock().equals(lock));
                    if (lock != null && !locksItself && !holds(heldIn(call.held(), lock), method, lock, call.node())) {
                        reporter.report(file, call.node(), callee.owner().simpleName() + "." + callee.name()
                                + "() is annotated @GuardedBy(" + lock.shortName() + ") but is called here without"
                                + " that lock; take " + lock.shortName() + " around the call.",
                                List.of(), Map.of("lock", lock.name()),
                                // On held-out code (samples 6-9) none of 14 such calls was a bug: the
                                // caller held the lock in ways not proven here (every caller of a
                                // private helper, a stamp passed in, an action run inside the
                                // caller's section), ran in a start-up phase, or the annotation had
                                // drifted from a method that locks by itself. Shown with
                                // --confidence low, where a team that keeps @GuardedBy exact finds it.
                                Confidence.LOW);
                        break;
                    }
                }
            }
        }

        private boolean isGuarded(FieldAccess access, LockId lock) {
            return holds(heldIn(access.held(), lock), access.method(), lock, access.node())
                    || guavaGuardTest(access.method(), lock);
        }

        /**
         * {@code new Monitor.Guard(monitor) { boolean isSatisfied() { return started; } }}: Guava calls a
         * guard's test only while its monitor is entered (VoltDB's shaded ServiceManager, held-out
         * sample 33), so the test reads under the lock the fields it tests are guarded by.
         */
        private static boolean guavaGuardTest(MethodFacts method, LockId lock) {
            String superclass = method.owner().superclass();
            return method.name().equals("isSatisfied") && superclass != null
                    && (superclass.equals("Guard") || superclass.endsWith("Monitor.Guard"))
                    && lock.kind() == LockId.Kind.FIELD
                    && method.owner().declaration() instanceof ObjectCreationExpr guard
                    && guard.getArguments().size() == 1
                    && FieldFacts.isNamedBy(guard.getArgument(0), lock.name().substring(lock.name().lastIndexOf('.') + 1));
        }

        /**
         * Whether {@code lock} is among {@code held}; the {@code this} monitors (and own locks) of a
         * class and of its superclasses are one object's, so they match each other.
         */
        private boolean heldIn(HeldLocks held, LockId lock) {
            if (held.find(lock) != null) {
                return true;
            }
            if (lock.kind() == LockId.Kind.FIELD) {
                return held.sections().stream().anyMatch(s -> stripeOf(s, lock));
            }
            if (lock.kind() != LockId.Kind.THIS) {
                return false;
            }
            LockId identity = graph.orderingIdentity(lock);
            for (CriticalSection section : held.sections()) {
                if (section.lock().lock().kind() == LockId.Kind.THIS
                        && graph.orderingIdentity(section.lock().lock()).equals(identity)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A lock got from the guard field, not the field itself: {@code @GuardedBy("locks")} with
         * {@code StampedLock l = locks.getLockWithOffset(i); l.writeLock()} (or the call written
         * inline): one stripe of a striped lock, the one that guards this entry.
         */
        private static boolean stripeOf(CriticalSection section, LockId lock) {
            LockId.Kind kind = section.lock().lock().kind();
            if (kind != LockId.Kind.LOCAL && kind != LockId.Kind.EXPRESSION
                    || !(section.acquisition().node() instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
                return false;
            }
            String field = lock.name().substring(lock.name().lastIndexOf('.') + 1);
            Expression origin = call.getScope().get();
            if (origin instanceof NameExpr local && section.method().declaration() != null) {
                origin = section.method().declaration().findFirst(VariableDeclarator.class,
                        v -> v.getNameAsString().equals(local.getNameAsString()))
                        .flatMap(v -> v.getInitializer()).orElse(origin);
            }
            while (origin instanceof MethodCallExpr c && c.getScope().isPresent()) {
                origin = c.getScope().get();
            }
            return origin != call.getScope().get() && FieldFacts.isNamedBy(origin, field);
        }

        /**
         * {@code locks.lockAll(); try { .. }}: the method takes the guard through a locking method of
         * the guard object itself (a striped lock's {@code lockAll()}), before {@code at}.
         */
        private static boolean lockedThroughGuard(MethodFacts method, LockId lock, Node at) {
            if (lock.kind() != LockId.Kind.FIELD || method.declaration() == null) {
                return false;
            }
            String field = lock.name().substring(lock.name().lastIndexOf('.') + 1);
            return method.declaration().findFirst(MethodCallExpr.class,
                    c -> c.getScope().filter(scope -> FieldFacts.isNamedBy(scope, field)).isPresent()
                    && (c.getNameAsString().startsWith("lock") || c.getNameAsString().startsWith("acquire"))
                    && POSITION.compare(c, at) < 0).isPresent();
        }

        /** True when {@code lock} is held at {@code at} in {@code method}, by any of the accepted means. */
        private boolean holds(boolean heldHere, MethodFacts method, LockId lock, Node at) {
            return heldHere || requires(method, lock) || method.checksLockHeld(lock) || lockedThroughGuard(method, lock, at)
                    || calledOnlyHolding(method, lock, new HashSet<>())
                    || validatedOptimisticRead(method, lock, at) || takesThroughWrapper(method, lock);
        }

        /**
         * True when the method takes {@code lock} through a lock wrapper ({@code lock()},
         * {@code acquire...}: a scanned method that acquires for its caller). Where it is released is
         * not tracked, so the whole method counts as guarded: precision first.
         */
        private boolean takesThroughWrapper(MethodFacts method, LockId lock) {
            for (CallSite call : method.calls()) {
                for (MethodFacts callee : graph.callees(call)) {
                    Trace t = model.summary(callee).acquires().get(lock);
                    if (t != null && t.isDirect() && callee.acquiresForCaller()) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * The method is {@code @GuardedBy(lock)} or {@code @Holding(lock)} (the Checker Framework's and
         * Android's "the caller holds it"), or overrides a scanned method that is.
         */
        private boolean requires(MethodFacts method, LockId lock) {
            for (MethodFacts m = method; m != null; m = overridden(m)) {
                if (m.declaration() instanceof NodeWithAnnotations<?> annotated) {
                    LockId required = annotatedLock(annotated, m.owner(), METHOD_GUARDS);
                    if (required != null) {
                        return lock.equals(required) || lock.kind() == LockId.Kind.THIS
                                && required.kind() == LockId.Kind.THIS
                                && graph.orderingIdentity(lock).equals(graph.orderingIdentity(required));
                    }
                }
            }
            return false;
        }

        /** The method {@code method} overrides in its scanned superclass chain, or {@code null}. */
        private List<CallSite> selfCallsInSuperclasses(MethodFacts method) {
            if (method.kind() != MethodFacts.Kind.METHOD || method.isStatic()
                    || !(method.declaration() instanceof MethodDeclaration declaration)
                    || !declaration.isAnnotationPresent("Override")) {
                return List.of();
            }
            int arity = declaration.getParameters().size();
            List<CallSite> calls = new ArrayList<>();
            for (ClassFacts c : superclasses(method.owner())) {
                for (CallSite call : c.callsNamed(method.name())) {
                    if (call.node().getArguments().size() == arity
                            && CallSite.onThisObject(call.node())) {
                        calls.add(call);
                    }
                }
            }
            return calls;
        }

        /** The superclasses of {@code c} in the scanned sources, nearest first, up to the first unknown one. */
        private List<ClassFacts> superclasses(ClassFacts c) {
            List<ClassFacts> out = new ArrayList<>();
            for (int depth = 0; depth < 16 && c != null && c.superclass() != null; depth++) {
                c = graph.classNamed(c.superclass(), c);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }

        private MethodFacts overridden(MethodFacts method) {
            if (method.kind() != MethodFacts.Kind.METHOD || method.isStatic()) {
                return null;
            }
            int arity = method.parameterTypes() == null ? -1 : method.parameterTypes().size();
            for (ClassFacts c : superclasses(method.owner())) {
                for (MethodFacts m : c.methodsNamed(method.name())) {
                    if (m.kind() == MethodFacts.Kind.METHOD
                            && (m.parameterTypes() == null ? -1 : m.parameterTypes().size()) == arity) {
                        return m;
                    }
                }
            }
            return null;
        }

        /**
         * A method whose every call in the scanned sources holds {@code lock} (or is made from such a
         * method, or from a constructor): its author calls it only with the lock held. Non-private
         * methods count too when they are called at all: precision first, since most "unguarded"
         * accesses on real code were in helpers whose callers all hold the lock.
         */
        private boolean calledOnlyHolding(MethodFacts method, LockId lock, Set<MethodFacts> visiting) {
            if (method.kind() != MethodFacts.Kind.METHOD || !visiting.add(method)) {
                return false;
            }
            Map<LockId, Boolean> memo = calledHolding.computeIfAbsent(method, k -> new LinkedHashMap<>());
            Boolean known = memo.get(lock);
            if (known != null) {
                return known;
            }
            // A recursive call holds whatever the outer call holds.
            List<CallSite> callers = graph.callers(method).stream().filter(c -> c.method() != method).toList();
            MethodFacts hook = callers.isEmpty() ? overridden(method) : null;
            if (hook != null) {
                // A template hook: called through the method it overrides (an abstract doFillBatch()
                // called from a final synchronized fillBatch()).
                callers = graph.callers(hook);
            }
            if (callers.isEmpty()) {
                // The same, where the overridden declaration has no body of its own to be a callee
                // (flink's VertexThreadInfoTracker: two nested callbacks override an abstract
                // doFinally() that the base's accept() calls under the tracker's lock).
                callers = selfCallsInSuperclasses(method);
            }
            boolean result = !callers.isEmpty();
            FieldFacts guardField = lock.kind() == LockId.Kind.FIELD ? ownField(method.owner(), lock) : null;
            for (CallSite call : callers) {
                MethodFacts caller = call.method();
                boolean receiverHeld = lock.kind() == LockId.Kind.THIS ? call.receiverMonitorHeld()
                        : guardField != null && call.receiverFieldLockHeld(guardField.name());
                // A constructor caller is set-up (exempt); a lambda caller runs wherever it is passed,
                // so it proves nothing unless it holds the lock around the call itself.
                if (caller.kind() == MethodFacts.Kind.LAMBDA && !heldIn(call.held(), lock) && !receiverHeld) {
                    result = false;
                    break;
                }
                if (!(heldIn(call.held(), lock) || receiverHeld || holdsTheGuardsOwnMonitor(call, guardField, method)
                        || exempt(caller)
                        || requires(caller, lock)
                        || caller.checksLockHeld(lock)
                        || calledOnlyHolding(caller, lock, visiting) || takesThroughWrapper(caller, lock))) {
                    result = false;
                    break;
                }
            }
            memo.put(lock, result);
            return result;
        }

        /**
         * {@code @GuardedBy("raft") commitTimer}, read in {@code tx.getCommitTimer()} called from a
         * synchronized method of {@code RaftKVDatabase}, the type of {@code raft}: the caller holds the
         * monitor of an object of the guard field's own class, the object the field names in all
         * likelihood (a transaction's database calling into its transaction: permazen's Raft
         * transactions, held-out sample 39, judged wrong). Precision first: counted as held.
         */
        private static boolean holdsTheGuardsOwnMonitor(CallSite call, FieldFacts guardField, MethodFacts callee) {
            // A call on this, or from a class of the guard's own type (a tree node guarded by its root):
            // the caller holds its own monitor, not the guard's.
            if (guardField == null || guardField.type() == null || call.receiver() == CallSite.Receiver.THIS
                    || call.node().getScope().isEmpty() || callee.owner().name().equals(guardField.type())
                    || callee.owner().name().endsWith("." + guardField.type())) {
                return false;
            }
            String type = guardField.type();
            for (CriticalSection section : call.held().sections()) {
                LockId held = section.lock().lock();
                if (held.kind() == LockId.Kind.THIS) {
                    String owner = held.name().substring(0, held.name().length() - ".this".length());
                    if (owner.equals(type) || owner.endsWith("." + type)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Between {@code stamp = sl.tryOptimisticRead()} and {@code sl.validate(stamp)} of the same lock. */
        private static boolean validatedOptimisticRead(MethodFacts method, LockId lock, Node at) {
            for (Acquisition a : method.acquisitions()) {
                if (a.kind() != Acquisition.Kind.OPTIMISTIC_READ || !a.lock().lock().equals(lock)
                        || POSITION.compare(a.node(), at) > 0) {
                    continue;
                }
                for (CallSite call : method.calls()) {
                    if (call.name().equals("validate") && call.receiverField() != null
                            && call.receiverField().id().equals(lock) && POSITION.compare(at, call.node()) < 0) {
                        return true;
                    }
                }
            }
            return false;
        }

        private LockId inferredLock(List<FieldAccess> accesses) {
            Map<LockId, Integer> votes = new LinkedHashMap<>();
            for (FieldAccess access : accesses) {
                if (!access.kind().isWrite()) {
                    continue;
                }
                for (CriticalSection section : access.held().sections()) {
                    if (section.lock().lock().isShared()) {
                        votes.merge(section.lock().lock(), 1, Integer::sum);
                    }
                }
                if (access.held().isEmpty()) {
                    LockId entry = heldByEveryCallerInReceiver(access.method());
                    if (entry != null) {
                        votes.merge(entry, 1, Integer::sum);
                    }
                }
            }
            return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }

        /**
         * The lock field of {@code method}'s own object that every caller in the scanned sources holds
         * through the receiver ({@code synchronized (factory.cnxns) { factory.unregisterConnection(c); }}
         * in other classes: ZOOKEEPER-1731's connection map, removed under the factory's connection set
         * and put without it); {@code null} when there is no caller, or a caller holds no such lock.
         */
        private LockId heldByEveryCallerInReceiver(MethodFacts method) {
            List<CallSite> callers = graph.callers(method).stream().filter(c -> c.method() != method).toList();
            if (callers.isEmpty() || method.kind() != MethodFacts.Kind.METHOD) {
                return null;
            }
            List<FieldFacts> fields = ownFields(method.owner());
            LockId common = null;
            for (CallSite call : callers) {
                LockId found = fields.stream().filter(f -> call.receiverFieldLockHeld(f.name())).findFirst()
                        .map(FieldFacts::id).orElse(null);
                if (found == null || common != null && !common.equals(found)) {
                    return null;
                }
                common = found;
            }
            return common;
        }

        /** The field {@code lock} names, declared in {@code owner} or a superclass in the scanned sources. */
        private FieldFacts ownField(ClassFacts owner, LockId lock) {
            return ownFields(owner).stream().filter(f -> f.id().equals(lock)).findFirst().orElse(null);
        }

        /** The fields of {@code owner} and of its superclasses in the scanned sources, nearest first. */
        private List<FieldFacts> ownFields(ClassFacts owner) {
            List<FieldFacts> out = new ArrayList<>(owner.fields().values());
            for (ClassFacts c : superclasses(owner)) {
                out.addAll(c.fields().values());
            }
            return out;
        }

        /** The annotations that name a field's guard. */
        private static final Set<String> FIELD_GUARDS = Set.of("GuardedBy");
        /** The annotations that say a method's callers hold a lock. */
        private static final Set<String> METHOD_GUARDS = Set.of("GuardedBy", "Holding");

        /**
         * The lock an annotation of one of {@code names} names ({@code @GuardedBy("lock")}, the Checker
         * Framework's {@code @GuardedBy({"lock"})}), resolved against {@code owner}; {@code null} if none.
         */
        private LockId annotatedLock(NodeWithAnnotations<?> annotated, ClassFacts owner, Set<String> names) {
            for (AnnotationExpr annotation : annotated.getAnnotations()) {
                if (!names.contains(annotation.getName().getIdentifier())) {
                    continue;
                }
                Expression value = null;
                if (annotation instanceof SingleMemberAnnotationExpr single) {
                    value = single.getMemberValue();
                } else if (annotation instanceof NormalAnnotationExpr normal) {
                    for (MemberValuePair pair : normal.getPairs()) {
                        if (pair.getNameAsString().equals("value")) {
                            value = pair.getValue();
                        }
                    }
                }
                if (value instanceof ArrayInitializerExpr array && array.getValues().size() == 1) {
                    value = array.getValues().get(0);
                }
                return value instanceof StringLiteralExpr s && owner != null ? resolveLock(s.getValue().strip(), owner)
                        : null;
            }
            return null;
        }

        /**
         * The field's class (or one enclosing it) is JCIP {@code @NotThreadSafe} or {@code @Immutable}:
         * its author says instances are not shared between threads, or never change once built; whatever
         * locks it takes do not make its fields guarded.
         */
        private boolean declaredUnshared(FieldFacts field) {
            for (ClassFacts c = facts.classNamed(field.declaringClass()); c != null; c = c.enclosing()) {
                if (c.annotations().stream().anyMatch(UNSHARED::contains)) {
                    return true;
                }
            }
            return false;
        }

        private static final Set<String> UNSHARED = Set.of("NotThreadSafe", "Immutable");

        private LockId resolveLock(String expression, ClassFacts owner) {
            // "locks#lockAll": the field locks, taken through its method lockAll (infinispan's striped map).
            String e = expression.replaceAll("#\\w+$", "").replaceAll("\\.(readLock|writeLock)\\(\\)$", "");
            if (e.equals("this")) {
                return LockId.thisMonitor(owner.name());
            }
            if (e.endsWith(".this") || e.endsWith(".class")) {
                String type = e.substring(0, e.lastIndexOf('.'));
                ClassFacts named = enclosingNamed(owner, type);
                String name = named != null ? named.name() : facts.qualify(type);
                return e.endsWith(".this") ? LockId.thisMonitor(name) : LockId.classMonitor(name);
            }
            boolean bare = !e.startsWith("this.");
            if (!bare) {
                e = e.substring("this.".length());
            }
            for (ClassFacts c = owner; c != null; c = bare ? c.enclosing() : null) {
                FieldFacts field = facts.fieldInHierarchy(c, e);
                if (field != null) {
                    return field.id();
                }
            }
            // A lock field of a superclass in another file that this file locks (lock.lock(),
            // synchronized (mutex)): named as the extraction names it. A name the file never locks
            // is left unresolved, as before.
            LockId inherited = e.matches("[A-Za-z_$][\\w$]*") ? facts.inheritedField(owner, e, bare) : null;
            return inherited != null && facts.methods().stream().anyMatch(m -> m.acquisitions().stream()
                    .anyMatch(a -> a.lock().lock().equals(inherited))) ? inherited : null;
        }

        /**
         * {@code @GuardedBy("eventLoop")} on a field touched only by tasks of a serializing {@code
         * Executor} (etcd-java's watch client, held-out sample 33, judged wrong): the name is an
         * executor's, the field is confined to it, and a lock held elsewhere is no inconsistency.
         */
        private static boolean namesAnExecutor(LockId declared, ClassFacts owner) {
            if (declared.kind() != LockId.Kind.FIELD) {
                return false;
            }
            for (ClassFacts c = owner; c != null; c = c.enclosing()) {
                for (FieldFacts f : c.fields().values()) {
                    if (f.id().equals(declared)) {
                        String type = f.type() == null ? "" : f.type().substring(f.type().lastIndexOf('.') + 1);
                        return type.endsWith("Executor") || type.endsWith("ExecutorService")
                                || type.endsWith("EventLoop") || type.endsWith("EventLoopGroup");
                    }
                }
            }
            return false;
        }

        private static ClassFacts enclosingNamed(ClassFacts owner, String simpleName) {
            for (ClassFacts c = owner; c != null; c = c.enclosing()) {
                if (c.simpleName().equals(simpleName) || c.name().equals(simpleName)) {
                    return c;
                }
            }
            return null;
        }

        /**
         * Constructors and initializers; lambdas, which run wherever they are passed to (unknown);
         * methods that act as constructors (deserialization and cloning hooks, which run before the
         * object is shared); and methods for humans and tests ({@code toString}, {@code *ForTesting},
         * {@code @VisibleForTesting}), whose racy reads are accepted practice.
         */
        private static boolean exempt(MethodFacts method) {
            if (method.kind() != MethodFacts.Kind.METHOD) {
                return true;
            }
            String name = method.name();
            return EXEMPT_METHODS.contains(name) || method.isTestOnly() || name.startsWith("toString")
                    || name.startsWith("dump") || LifeCycle.startsUp(name);
        }

        /**
         * Set-up methods ({@code init}, {@code open}, {@code start}, {@code configure}, ...) run
         * before the object is shared or before the threads that share it exist (lifecycle
         * objects, servers, files opened right after construction): their accesses are treated like
         * a constructor's.
         */
        private static final Set<String> EXEMPT_METHODS = Set.of("toString", "readObject", "readObjectNoData",
                "readResolve", "writeObject", "writeReplace", "clone", "finalize");

        /**
         * {@code hashCode}/{@code equals} of an object built before it is hashed, and JMX
         * attributes ({@code @ManagedAttribute}): a racy read there shows a stale value to a
         * monitoring tool or breaks an object already broken by mutating a hashed key, mostly
         * benign.
         */
        private static boolean reportingOnly(MethodFacts method) {
            return REPORTING_METHODS.contains(method.name())
                    || method.declaration() instanceof NodeWithAnnotations<?> annotated && annotated.getAnnotations()
                            .stream().anyMatch(a -> a.getName().getIdentifier().startsWith("Managed"));
        }

        private static final Set<String> REPORTING_METHODS = Set.of("hashCode", "equals", "compareTo");

        /**
         * A mutating call on a {@code final} field holding a {@code java.util} collection that is not
         * thread-safe ({@code items.add(x)}; the facts record such calls only for those): the reference
         * never changes, the contents do. Only the mutations count, so the field is reported when
         * mutated both under a lock and without it (low, unless {@code @GuardedBy} names the lock). The
         * field must be initialized where declared with a new collection: one assigned in a constructor
         * may be a thread-safe set handed in (activemq's {@code StatsImpl}), or a test double's.
         */
        private static boolean finalCollectionMutated(FieldAccess access) {
            FieldFacts field = access.field();
            return field.isFinal() && access.kind() == FieldAccess.Kind.MUTATE && !field.isVolatile()
                    && field.lockKind() == null
                    && field.initializer() instanceof ObjectCreationExpr;
        }

        private static boolean candidate(FieldFacts field) {
            String type = field.type() == null ? "" : field.type();
            return !field.isFinal() && !field.isVolatile() && field.lockKind() == null
                    && !type.startsWith("java.util.concurrent.") && !type.equals("java.lang.ThreadLocal");
        }
    }
}
