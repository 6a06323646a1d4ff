package io.lockopt.analyzer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.Type;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * Who calls whom among the scanned sources. A call resolves by the receiver's declared type
 * (the enclosing class for unqualified calls), the method name and the argument count: to the
 * method the type declares or inherits from a scanned superclass or interface when it has a body,
 * else (an abstract or interface method) to its implementation when the scanned sources have
 * exactly one. With two or three ({@link #MAX_DISPATCH_TARGETS}) the call stays unresolved, and
 * {@link #implementations} lists them for the rules that follow such calls at low confidence
 * (class-hierarchy analysis: which one runs depends on the object). Overrides in subtypes are not fanned out to. A receiver of unknown type, a type
 * outside the scanned sources, or two overloads of the same arity leave the callee unknown: the
 * rules built on this stay silent rather than guess.
 *
 * <p>Built by one thread and read-only afterwards.
 */
public final class CallGraph {
    /**
     * Type names the sources use as supertypes or receiver types without guessing (not a file's
     * same-package guess for a name its on-demand imports may supply): types of the project whose
     * files hold no lock code (an interface) are known by these.
     */
    private final Set<String> certainTypeNames = new HashSet<>();
    /** Classes by qualified name; a name declared in several files (copies, variants) maps to all of them. */
    private final Map<String, List<ClassFacts>> classes = new HashMap<>();
    private final Map<ClassFacts, SourceFile> fileOf = new IdentityHashMap<>();
    private final Map<ClassFacts, LockFacts> factsOf = new IdentityHashMap<>();
    private final Map<ClassFacts, List<String>> supertypes = new IdentityHashMap<>();
    private final Map<String, List<ClassFacts>> directSubtypes = new HashMap<>();
    private final List<MethodFacts> methods = new ArrayList<>();
    private final Map<MethodFacts, SourceFile> methodFile = new IdentityHashMap<>();
    private final Map<CallSite, List<MethodFacts>> callees = new IdentityHashMap<>();
    private final Map<MethodFacts, List<CallSite>> callers = new IdentityHashMap<>();
    private final Map<CallSite, List<MethodFacts>> implementations = new IdentityHashMap<>();
    /**
     * {@code synchronized (peer.lock)} in one file where {@code peer}'s class, declared in another,
     * has (or inherits) the field {@code lock}: that monitor is the field's, {@code Class.lock}.
     */
    private final Map<LockId, LockId> monitorsOfOtherFiles = new HashMap<>();
    /** Whether a class locks its own monitor; project rules share the graph and may ask at once. */
    private final Map<ClassFacts, Boolean> locksOwnMonitor = new ConcurrentHashMap<>();

    CallGraph(List<SourceFile> files) {
        List<ClassFacts> inFileOrder = new ArrayList<>();
        for (SourceFile file : files) {
            LockFacts facts = LockFacts.of(file);
            for (ClassFacts c : facts.classes()) {
                inFileOrder.add(c);
                classes.computeIfAbsent(c.name(), k -> new ArrayList<>(1)).add(c);
                fileOf.put(c, file);
                factsOf.put(c, facts);
                for (MethodFacts m : c.methods()) {
                    methods.add(m);
                    methodFile.put(m, file);
                }
            }
        }
        for (ClassFacts c : inFileOrder) {
            LockFacts facts = factsOf.get(c);
            Stream.concat(Stream.ofNullable(c.superclass()), c.interfaces().stream())
                    .filter(name -> facts.onDemandCandidates(name).isEmpty()).forEach(certainTypeNames::add);
            for (MethodFacts m : c.methods()) {
                for (CallSite call : m.calls()) {
                    if (call.receiverType() != null && facts.onDemandCandidates(call.receiverType()).isEmpty()) {
                        certainTypeNames.add(call.receiverType());
                    }
                }
            }
        }
        for (ClassFacts c : inFileOrder) {
            List<String> supers = supertypesOf(c);
            supertypes.put(c, supers);
            for (String s : supers) {
                directSubtypes.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
            }
        }
        // Expression identities are named by method name and text, which overloads share: a name
        // that resolves to two fields (sync(Alpha p), sync(Beta p) locking p.lock) is left unknown.
        Set<LockId> ambiguous = new HashSet<>();
        for (MethodFacts m : methods) {
            m.monitorsOfOtherFiles().forEach((expression, candidate) -> {
                FieldFacts field = declaredField(candidate, m.owner());
                LockId id = field == null ? expression : field.id();
                LockId before = monitorsOfOtherFiles.putIfAbsent(expression, id);
                if (before != null && !before.equals(id)) {
                    ambiguous.add(expression);
                }
            });
        }
        monitorsOfOtherFiles.keySet().removeAll(ambiguous);
        monitorsOfOtherFiles.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
        for (MethodFacts m : methods) {
            for (CallSite call : m.calls()) {
                List<MethodFacts> targets = resolve(call);
                if (!targets.isEmpty()) {
                    callees.put(call, targets);
                    for (MethodFacts t : targets) {
                        callers.computeIfAbsent(t, k -> new ArrayList<>()).add(call);
                    }
                }
            }
        }
    }

    /** Every method, constructor, initializer and lambda of the scanned sources. */
    public List<MethodFacts> methods() {
        return methods;
    }

    /** The methods {@code call} may run (empty: unknown). */
    public List<MethodFacts> callees(CallSite call) {
        return callees.getOrDefault(call, List.of());
    }

    /**
     * The methods named {@code name} with {@code arity} parameters that {@code type} declares, or
     * else inherits from the nearest scanned supertype declaring one.
     */
    public List<MethodFacts> methodsOf(ClassFacts type, String name, int arity) {
        return declaredOrInherited(type, name, arity, new LinkedHashSet<>());
    }

    /**
     * The qualified names of {@code type}'s supertypes as far as the sources show them: its
     * superclass and interfaces, theirs when they are scanned classes, and the JDK collection
     * interfaces a JDK collection type among them implements ({@code AbstractList} is a {@code
     * List}, a {@code Collection} and an {@code Iterable}). Always {@code java.lang.Object}.
     */
    public Set<String> allSupertypesOf(ClassFacts type) {
        Set<String> found = new LinkedHashSet<>();
        List<ClassFacts> work = new ArrayList<>(List.of(type));
        Set<ClassFacts> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!work.isEmpty()) {
            ClassFacts c = work.remove(work.size() - 1);
            if (!seen.add(c)) {
                continue;
            }
            for (String name : supertypesOf(c)) {
                found.add(name);
                // java.util.* imports leave JDK names unqualified
                found.addAll(JDK_COLLECTION_SUPERTYPES.getOrDefault(name.contains(".") ? name : "java.util." + name,
                        List.of()));
                ClassFacts scanned = classNamed(name, c);
                if (scanned != null) {
                    work.add(scanned);
                }
            }
        }
        found.add("java.lang.Object");
        return found;
    }

    private static final List<String> LISTS = List.of("java.util.List", "java.util.Collection", "java.lang.Iterable");
    private static final List<String> SETS = List.of("java.util.Set", "java.util.Collection", "java.lang.Iterable");
    private static final List<String> COLLECTIONS = List.of("java.util.Collection", "java.lang.Iterable");
    private static final List<String> MAPS = List.of("java.util.Map");
    private static final Map<String, List<String>> JDK_COLLECTION_SUPERTYPES = Map.ofEntries(
            Map.entry("java.util.List", LISTS), Map.entry("java.util.AbstractList", LISTS),
            Map.entry("java.util.AbstractSequentialList", LISTS), Map.entry("java.util.ArrayList", LISTS),
            Map.entry("java.util.LinkedList", LISTS), Map.entry("java.util.Vector", LISTS),
            Map.entry("java.util.Set", SETS), Map.entry("java.util.AbstractSet", SETS),
            Map.entry("java.util.SortedSet", SETS), Map.entry("java.util.NavigableSet", SETS),
            Map.entry("java.util.HashSet", SETS), Map.entry("java.util.LinkedHashSet", SETS),
            Map.entry("java.util.TreeSet", SETS), Map.entry("java.util.Collection", COLLECTIONS),
            Map.entry("java.util.AbstractCollection", COLLECTIONS), Map.entry("java.util.Queue", COLLECTIONS),
            Map.entry("java.util.Deque", COLLECTIONS), Map.entry("java.util.AbstractQueue", COLLECTIONS),
            Map.entry("java.util.Map", MAPS), Map.entry("java.util.AbstractMap", MAPS),
            Map.entry("java.util.SortedMap", MAPS), Map.entry("java.util.NavigableMap", MAPS),
            Map.entry("java.util.HashMap", MAPS), Map.entry("java.util.LinkedHashMap", MAPS),
            Map.entry("java.util.TreeMap", MAPS), Map.entry("java.util.Hashtable", MAPS));

    /**
     * The implementations in the scanned sources of the abstract or interface method {@code call}
     * names, when there are two to {@link #MAX_DISPATCH_TARGETS} of them, or one to that many when the
     * type itself is not among the files kept for the project pass (an interface without lock code);
     * then {@link #callees} is empty. Else empty. Which one runs depends on the receiver: a path through one is possible, not
     * certain.
     */
    public List<MethodFacts> implementations(CallSite call) {
        return implementations.getOrDefault(call, List.of());
    }

    /**
     * Every method of the scanned sources {@code call} may run, up to {@code bound} of them: its
     * resolved callees, else the {@link #implementations} kept for low-confidence rules, else the
     * bodies of the receiver type's subtypes (class-hierarchy analysis) when there are at most
     * {@code bound}; empty when unknown or when more would be possible. For searches that need a
     * second fact at the far end before they report (a thread joined under a lock that the thread
     * itself needs), where a wider fan-out than {@link #MAX_DISPATCH_TARGETS} is still specific.
     */
    public List<MethodFacts> possibleTargets(CallSite call, int bound) {
        List<MethodFacts> resolved = callees(call);
        if (!resolved.isEmpty()) {
            return resolved;
        }
        List<MethodFacts> kept = implementations(call);
        if (!kept.isEmpty() || call.staticCall() || call.superCall()) {
            return kept; // super.m() is bound to the superclass's body: no override runs
        }
        String type = inSources(call.receiverType() != null ? call.receiverType() : inheritedFieldType(call, false),
                call.method().owner());
        if (type == null || type.startsWith("java.") || type.startsWith("javax.")) {
            return List.of();
        }
        List<MethodFacts> found = new ArrayList<>();
        ClassFacts receiver = classNamed(type, call.method().owner());
        List<MethodFacts> declared = receiver == null ? List.of()
                : declaredOrInherited(receiver, call.name(), call.argumentCount(), new LinkedHashSet<>());
        for (MethodFacts m : declared) {
            if (hasBody(m)) {
                found.add(m); // overloads of the receiver's type too: each is possible
            }
        }
        for (MethodFacts m : implementationsOf(type, call, bound, declared.size() == 1 ? declared.get(0) : null)) {
            if (!found.contains(m)) {
                found.add(m);
            }
        }
        // A chain of handlers each calling the next one (a request pipeline, a decorator) is followed,
        // to the others: the calling method itself is the object's own, not the next one's.
        found.remove(call.method());
        return found.size() <= bound ? found : List.of();
    }

    /** The resolved calls of {@code method} from the scanned sources. */
    public List<CallSite> callers(MethodFacts method) {
        return callers.getOrDefault(method, List.of());
    }

    /** The file {@code method} is written in. */
    public SourceFile fileOf(MethodFacts method) {
        return methodFile.get(method);
    }

    /** The file a class is declared in. */
    public SourceFile fileOf(ClassFacts type) {
        return fileOf.get(type);
    }

    /**
     * The scanned class with that qualified name as code in {@code from}'s file sees it: the one
     * declared in that file, else the only one; {@code null} when unknown or ambiguous.
     */
    public ClassFacts classNamed(String name, ClassFacts from) {
        List<ClassFacts> candidates = name == null ? null : classes.get(inSources(name, from));
        if (candidates == null) {
            return null;
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        SourceFile file = from == null ? null : fileOf.get(from);
        for (ClassFacts c : candidates) {
            if (fileOf.get(c) == file) {
                return c;
            }
        }
        return null;
    }

    /** The scanned field a field lock names (its class's own or inherited), or null. */
    public FieldFacts fieldOf(LockId lock) {
        return lock.kind() == LockId.Kind.FIELD && lock.name().lastIndexOf('.') > 0 ? declaredField(lock, null) : null;
    }

    /** The field {@code Class.field} names, declared by that scanned class or inherited from a scanned superclass; else null. */
    private FieldFacts declaredField(LockId candidate, ClassFacts from) {
        String name = candidate.name();
        int dot = name.lastIndexOf('.');
        ClassFacts c = classNamed(name.substring(0, dot), from);
        for (int depth = 0; c != null && depth < 16; depth++) {
            FieldFacts field = c.field(name.substring(dot + 1));
            if (field != null) {
                return field;
            }
            c = onlySuperclass(c);
        }
        return null;
    }

    /**
     * The identity under which a lock takes part in project-wide ordering: the {@code this} monitor
     * of a class is named after its topmost superclass in the scanned sources whose own code locks
     * {@code this}, because code of a superclass and of its subclasses locking {@code this} may lock
     * one and the same object (re-entering it, not deadlocking). A superclass that never locks its
     * own monitor joins nothing: two sibling classes of one utility base (Coherence's {@code Base})
     * are never the same object. A monitor one file names by its expression ({@code synchronized
     * (peer.lock)}, the class of {@code peer} declared in another file) is the field it reads when
     * the sources declare it ({@link MethodFacts#monitorsOfOtherFiles}); so is a lock field a file
     * inherits, which it names after its nearest superclass in another file, when the sources declare
     * it further up. Other locks are returned unchanged.
     */
    public LockId orderingIdentity(LockId lock) {
        if (lock.kind() == LockId.Kind.EXPRESSION || lock.kind() == LockId.Kind.FIELD) {
            return monitorsOfOtherFiles.getOrDefault(lock, lock);
        }
        if (lock.kind() != LockId.Kind.THIS) {
            return lock;
        }
        ClassFacts own = onlyClass(lock);
        if (own == null) {
            return lock;
        }
        ClassFacts top = own;
        ClassFacts c = own;
        Set<String> seen = new HashSet<>();
        while (seen.add(c.name()) && (c = onlySuperclass(c)) != null) {
            if (locksItsOwnMonitor(c)) {
                top = c;
            }
        }
        return top == own ? lock : LockId.thisMonitor(top.name());
    }

    /**
     * Whether two locks that share an {@link #orderingIdentity} can be one object: the {@code this}
     * monitors of two classes can only when one class extends the other. Two sibling subclasses of a
     * base that locks its own monitor (nsq-j's {@code Subscriber} and {@code Subscription}, both
     * {@code BasePubSub}s: held-out sample 31, judged wrong) never are. Unknown classes may be.
     */
    public boolean mayBeOneObject(LockId a, LockId b) {
        if (a.equals(b) || a.kind() != LockId.Kind.THIS || b.kind() != LockId.Kind.THIS) {
            return true;
        }
        ClassFacts x = onlyClass(a);
        ClassFacts y = onlyClass(b);
        return x == null || y == null || extendsOrIs(x, y) || extendsOrIs(y, x);
    }

    /**
     * Whether an object of exactly class {@code exact} (made by {@code new exact(..)}, no subclass)
     * can be the {@code this} monitor {@code held}: only when {@code exact} is the class of that
     * monitor or extends it. Unknown classes may be.
     */
    public boolean mayBeThisOf(String exact, LockId held) {
        if (held.kind() != LockId.Kind.THIS) {
            return true;
        }
        List<ClassFacts> x = classes.get(exact);
        ClassFacts h = onlyClass(held);
        return x == null || x.size() != 1 || h == null || extendsOrIs(x.get(0), h);
    }

    /** {@code sub} is {@code type} or surely extends it: every link is a scanned class. */
    public boolean surelyExtendsOrIs(String sub, String type) {
        List<ClassFacts> x = classes.get(sub);
        Set<String> seen = new HashSet<>();
        for (ClassFacts c = x == null || x.size() != 1 ? null : x.get(0); c != null && seen.add(c.name());
                c = onlySuperclass(c)) {
            if (c.name().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The one scanned class whose {@code this} monitor {@code monitor} is; null when unknown or ambiguous. */
    private ClassFacts onlyClass(LockId monitor) {
        List<ClassFacts> candidates = classes.get(monitor.name().substring(0, monitor.name().length() - ".this".length()));
        return candidates == null || candidates.size() != 1 ? null : candidates.get(0);
    }

    /** The one scanned class {@code c} extends; null when it extends none, or one unknown or ambiguous. */
    private ClassFacts onlySuperclass(ClassFacts c) {
        List<ClassFacts> parent = c.superclass() == null ? null : classes.get(c.superclass());
        return parent == null || parent.size() != 1 ? null : parent.get(0);
    }

    /** {@code sub} is {@code type} or a subclass of it through scanned classes; unknown links count as maybe. */
    private boolean extendsOrIs(ClassFacts sub, ClassFacts type) {
        ClassFacts c = sub;
        for (int depth = 0; depth < 32; depth++) {
            if (c == type) {
                return true;
            }
            if (c.superclass() == null) {
                return false;
            }
            c = onlySuperclass(c);
            if (c == null) {
                return true; // a superclass outside the sources, or ambiguous: may lead to type
            }
        }
        return true;
    }

    /** Some method of {@code c} synchronizes on, waits on or notifies its own {@code this} monitor. */
    private boolean locksItsOwnMonitor(ClassFacts c) {
        return locksOwnMonitor.computeIfAbsent(c, k -> {
            LockId own = LockId.thisMonitor(k.name());
            return k.methods().stream().anyMatch(m -> m.acquisitions().stream().anyMatch(a -> own.equals(a.lock().lock()))
                    || m.monitorCalls().stream().anyMatch(w -> w.target() != null && own.equals(w.target().lock())));
        });
    }

    private List<String> supertypesOf(ClassFacts c) {
        Set<String> out = new LinkedHashSet<>();
        if (c.superclass() != null) {
            out.add(inSources(c.superclass(), c));
        }
        for (String s : c.interfaces()) {
            out.add(inSources(s, c));
        }
        return List.copyOf(out);
    }

    /**
     * {@code name} as code in {@code from}'s file means it: a type the file could only guess to be in
     * its own package ({@code org.acme.dbcp.ObjectPool}) that is no class of the sources, while one
     * of its on-demand imports ({@code import org.acme.pool.*;}) makes it exactly one type the
     * sources declare or name with certainty ({@code org.acme.pool.ObjectPool}), is that type;
     * otherwise, and when the guess is itself a type the sources name with certainty elsewhere,
     * {@code name} unchanged. Without it an implementation in another package is no
     * implementation and a call on such a receiver no call.
     */
    private String inSources(String name, ClassFacts from) {
        if (name == null || from == null || classes.containsKey(name) || certainTypeNames.contains(name)) {
            return name; // the guess names a type the sources have (one without lock code, named elsewhere)
        }
        LockFacts facts = factsOf.get(from);
        String found = null;
        for (String candidate : facts == null ? List.<String>of() : facts.onDemandCandidates(name)) {
            if (classes.containsKey(candidate) || certainTypeNames.contains(candidate)) {
                if (found != null) {
                    return name; // two packages have it: leave it to the compiler's error
                }
                found = candidate;
            }
        }
        return found == null ? name : found;
    }

    private List<MethodFacts> resolve(CallSite call) {
        String receiverType = call.receiverType() != null ? call.receiverType() : inheritedFieldType(call, false);
        if (receiverType == null) {
            String guessed = inheritedFieldType(call, true);
            if (guessed != null) {
                // A type only guessed from a name: its targets are possible, never certain.
                List<MethodFacts> found = resolveOn(guessed, call);
                if (found.isEmpty()) {
                    found = implementations(call);
                }
                if (!found.isEmpty() && found.size() <= MAX_DISPATCH_TARGETS && !delegates(call, found)) {
                    this.implementations.put(call, List.copyOf(found));
                }
                return List.of();
            }
        }
        return resolveOn(receiverType, call);
    }

    private List<MethodFacts> resolveOn(String written, CallSite call) {
        String receiverType = inSources(written, call.method().owner());
        ClassFacts receiver = classNamed(receiverType, call.method().owner());
        boolean superCall = call.superCall();
        if (receiver == null) {
            if (receiverType != null && !superCall && !receiverType.startsWith("java.")
                    && !receiverType.startsWith("javax.") && !call.staticCall()) {
                // An interface with no lock code of its own is not among the files kept for the
                // project pass, but its implementations with lock code are: possible targets.
                String nested = directSubtypes.containsKey(receiverType) ? receiverType
                        : nestedSupertype(receiverType);
                List<MethodFacts> found = nested == null ? List.of() : implementationsOf(nested, call, null);
                if (!found.isEmpty() && found.size() <= MAX_DISPATCH_TARGETS && !delegates(call, found)) {
                    this.implementations.put(call, found);
                }
            }
            return List.of();
        }
        List<MethodFacts> declared = declaredOrInherited(receiver, call.name(), call.argumentCount(),
                new LinkedHashSet<>());
        if (declared.isEmpty() && call.unqualified()) {
            // An unqualified call an inner class makes to a method of an enclosing class.
            for (ClassFacts outer = receiver.enclosing(); outer != null && declared.isEmpty();
                    outer = outer.enclosing()) {
                declared = declaredOrInherited(outer, call.name(), call.argumentCount(), new LinkedHashSet<>());
            }
        }
        if (declared.size() != 1) {
            return List.of();
        }
        MethodFacts target = declared.get(0);
        // equalsBinaryKey(probe, buffer) in a class declaring equalsBinaryKey(ByteBuffer, long) calls the
        // inherited (ByteBuffer, ByteBuffer) overload (offheap-store, held-out sample 32). Only where a
        // supertype declares the name and arity with other parameter types (an overload, not an
        // override) are the argument types read (from the trees).
        List<MethodFacts> inherited = new ArrayList<>();
        for (String s : supertypes.getOrDefault(target.owner(), List.of())) {
            ClassFacts superType = classNamed(s, target.owner());
            if (superType != null) {
                inherited.addAll(declaredOrInherited(superType, call.name(), call.argumentCount(), new LinkedHashSet<>()));
            }
        }
        MethodFacts own = target;
        boolean overloaded = inherited.stream().anyMatch(m -> !m.parameterTypes().equals(own.parameterTypes()));
        if (overloaded && !argumentsFit(call, target)) {
            List<MethodFacts> fitting = inherited.stream().filter(m -> argumentsFit(call, m)).distinct().toList();
            if (fitting.size() != 1) {
                return List.of();
            }
            target = fitting.get(0);
        }
        if (call.staticCall() || target.isStatic() || !overridable(target) || hasBody(target) || superCall) {
            // Static, private, final, or the body the declared type gives it: resolved with
            // confidence. Overrides in subtypes are not fanned out to; which of them runs depends on
            // the object, and following all of them found paths that could not happen.
            return List.of(target);
        }
        // An abstract method: its only implementation in the scanned sources, if there is one.
        List<MethodFacts> implementations = implementationsOf(receiver.name(), call, target);
        if (implementations.size() > MAX_IMPLEMENTATIONS && implementations.size() <= MAX_DISPATCH_TARGETS
                && !delegates(call, implementations)) {
            this.implementations.put(call, List.copyOf(implementations));
        }
        return implementations.size() <= MAX_IMPLEMENTATIONS ? List.copyOf(implementations) : List.of();
    }

    /**
     * The type of a receiver the file cannot type because it is a field of a superclass declared
     * elsewhere: the field's declared type when the superclass is parsed; with {@code byName}, when
     * the chain of superclasses leaves the parsed files ({@code configBackingStore.snapshot()} in a
     * subclass of {@code AbstractHerder}, whose file has no lock code and is not parsed for the
     * project pass), the type the Java convention of naming a field after its type gives ({@code
     * ConfigBackingStore}), accepted only when that name, as the calling file resolves it (an import
     * or its package), is a type of the scanned sources or one they implement.
     */
    private String inheritedFieldType(CallSite call, boolean byName) {
        if (call.receiver() != CallSite.Receiver.OTHER || call.staticCall()
                || call.scopeName() == null) {
            return null;
        }
        String field = call.scopeName();
        ClassFacts owner = call.method().owner();
        while (owner != null && owner.superclass() == null) {
            owner = owner.enclosing();
        }
        if (field.isEmpty() || !Character.isLowerCase(field.charAt(0)) || owner == null) {
            return null;
        }
        // Superclasses with lock code are parsed: their field's declared type, no guess.
        ClassFacts top = owner;
        Set<ClassFacts> seen = new HashSet<>();
        for (ClassFacts c = classNamed(owner.superclass(), owner); c != null && seen.add(c);
                c = c.superclass() == null ? null : classNamed(c.superclass(), c)) {
            FieldFacts declared = c.field(field);
            if (declared != null) {
                return byName || declared.isStatic() ? null : declared.type();
            }
            top = c;
        }
        if (!byName || top.superclass() == null) {
            return null;
        }
        String type = factsOf.get(owner).qualify(Character.toUpperCase(field.charAt(0)) + field.substring(1));
        return type != null && (classes.containsKey(type) || directSubtypes.containsKey(type)) ? type : null;
    }

    /**
     * The one supertype name implemented in the scanned sources that {@code pkg.Name}, as code names
     * it without its enclosing type, may stand for: {@code pkg.Outer.Name} ({@code UpdateListener},
     * a type nested in an interface the calling class implements, named {@code
     * ConfigBackingStore.UpdateListener} by the implementations); {@code null} when none or several.
     */
    private String nestedSupertype(String type) {
        int dot = type.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        if (supertypesBySimpleName == null) {
            supertypesBySimpleName = new HashMap<>();
            for (String name : directSubtypes.keySet()) {
                supertypesBySimpleName.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1),
                        k -> new ArrayList<>()).add(name);
            }
        }
        String pkg = type.substring(0, dot + 1);
        List<String> candidates = supertypesBySimpleName.getOrDefault(type.substring(dot + 1), List.of()).stream()
                .filter(name -> name.startsWith(pkg) && name.indexOf('.', pkg.length()) > 0
                        && Character.isUpperCase(name.charAt(pkg.length()))).toList();
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    /** {@link #directSubtypes}' keys by simple name, built on first use (by the one building thread). */
    private Map<String, List<String>> supertypesBySimpleName;

    /**
     * The calling class is one of the implementations: a decorator calling the object it wraps
     * (commons-pool's {@code ErodingObjectPool} and {@code SynchronizedObjectPool} around any
     * {@code ObjectPool}). A cycle through two such calls needs a chain of wrappers that wraps itself.
     */
    private static boolean delegates(CallSite call, List<MethodFacts> implementations) {
        return implementations.stream().anyMatch(m -> m.owner() == call.method().owner());
    }

    /** The methods with a body of {@code type}'s subtypes that {@code call} may run (stops past the bound). */
    private List<MethodFacts> implementationsOf(String type, CallSite call, MethodFacts declared) {
        return implementationsOf(type, call, MAX_DISPATCH_TARGETS, declared);
    }

    /**
     * The bodies of {@code call}'s method in {@code type}'s subtypes, up to {@code bound} and one
     * more. A subtype with two bodies of the name and arity (NetBeans' {@code FilterLookup} with
     * {@code lookup(Class)} and {@code lookup(Template)}) gives the one overriding {@code declared},
     * the method the receiver type declares, when it is known; else which of its overloads runs is
     * not known, and neither is any target: none (they were counted as two implementations, and
     * the paths through the wrong overload were judged wrong on held-out sample 41's openide-nodes).
     */
    private List<MethodFacts> implementationsOf(String type, CallSite call, int bound, MethodFacts declared) {
        List<MethodFacts> implementations = new ArrayList<>();
        Set<ClassFacts> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ClassFacts> work = new ArrayList<>(directSubtypes.getOrDefault(type, List.of()));
        while (!work.isEmpty() && implementations.size() <= bound) {
            ClassFacts sub = work.remove(work.size() - 1);
            if (!seen.add(sub)) {
                continue;
            }
            List<MethodFacts> bodies = declaredIn(sub, call.name(), call.argumentCount()).stream()
                    .filter(CallGraph::hasBody).toList();
            if (bodies.size() > 1) {
                bodies = declared == null ? List.of()
                        : bodies.stream().filter(m -> m.parameterTypes().equals(declared.parameterTypes())).toList();
                if (bodies.size() != 1) {
                    return List.of();
                }
            }
            for (MethodFacts own : bodies) {
                if (!implementations.contains(own)) {
                    implementations.add(own);
                }
            }
            work.addAll(directSubtypes.getOrDefault(sub.name(), List.of()));
        }
        return implementations;
    }

    /** Implementations an abstract or interface method is resolved to, at most (class-hierarchy analysis). */
    static final int MAX_IMPLEMENTATIONS = 1;

    /**
     * Implementations an abstract or interface method may be dispatched to, at most, for
     * {@link #implementations}: a pool interface with a main and a test implementation, not a
     * {@code Runnable} with dozens.
     */
    public static final int MAX_DISPATCH_TARGETS = 3;

    /** The matching methods of the nearest class in {@code type}'s supertype chain that declares one. */
    private List<MethodFacts> declaredOrInherited(ClassFacts type, String name, int arity, Set<String> visited) {
        if (!visited.add(type.name())) {
            return List.of();
        }
        List<MethodFacts> own = declaredIn(type, name, arity);
        if (!own.isEmpty()) {
            return own;
        }
        List<MethodFacts> found = new ArrayList<>();
        for (String s : supertypes.getOrDefault(type, List.of())) {
            ClassFacts superType = classNamed(s, type);
            if (superType != null) {
                for (MethodFacts m : declaredOrInherited(superType, name, arity, visited)) {
                    if (!found.contains(m)) {
                        found.add(m);
                    }
                }
            }
        }
        // A concrete inherited method wins over abstract interface declarations of the same signature.
        List<MethodFacts> concrete = found.stream().filter(CallGraph::hasBody).toList();
        return concrete.size() == 1 ? concrete : found;
    }

    private static List<MethodFacts> declaredIn(ClassFacts type, String name, int arity) {
        List<MethodFacts> out = new ArrayList<>(1);
        for (MethodFacts m : type.methodsNamed(name)) {
            if (m.kind() == MethodFacts.Kind.METHOD && m.arity() == arity && !m.varArgs()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * False only when an argument's type, as the calling method declares it (a literal, a parameter or
     * a local), cannot be passed to {@code candidate}'s parameter: a reference where a primitive is
     * declared or the other way round (boxing aside). Unknown types fit.
     */
    private static boolean argumentsFit(CallSite call, MethodFacts candidate) {
        if (!(candidate.declaration() instanceof CallableDeclaration<?> callee)
                || callee.getParameters().size() != call.argumentCount()) {
            return true;
        }
        MethodCallExpr node = call.node();
        Set<String> typeVariables = new HashSet<>();
        callee.getTypeParameters().forEach(t -> typeVariables.add(t.getNameAsString()));
        callee.findAncestor(ClassOrInterfaceDeclaration.class)
                .ifPresent(c -> c.getTypeParameters().forEach(t -> typeVariables.add(t.getNameAsString())));
        for (int i = 0; i < call.argumentCount(); i++) {
            Type parameter = callee.getParameter(i).getType();
            if (parameter.isClassOrInterfaceType()
                    && typeVariables.contains(parameter.asClassOrInterfaceType().getNameAsString())) {
                continue; // a type variable takes a boxed primitive
            }
            String argument = declaredTypeOf(node.getArgument(i), call.method());
            if (argument == null) {
                continue;
            }
            boolean primitiveParameter = parameter.isPrimitiveType();
            boolean primitiveArgument = PRIMITIVES.contains(argument);
            if (primitiveParameter && !primitiveArgument && !BOXES.contains(argument)
                    || !primitiveParameter && primitiveArgument && parameter.isClassOrInterfaceType()
                            && !BOXES.contains(parameter.asClassOrInterfaceType().getNameAsString())
                            && !Set.of("Object", "Number", "Comparable", "Serializable")
                                    .contains(parameter.asClassOrInterfaceType().getNameAsString())) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> PRIMITIVES = Set.of("int", "long", "short", "byte", "char", "boolean", "float",
            "double");
    private static final Set<String> BOXES = Set.of("Integer", "Long", "Short", "Byte", "Character", "Boolean",
            "Float", "Double");

    /** A literal's primitive type, or the declared type of a parameter or local of {@code in}; else null. */
    private static String declaredTypeOf(Expression argument, MethodFacts in) {
        Expression e = Parentheses.strip(argument);
        if (e.isIntegerLiteralExpr()) {
            return "int";
        }
        if (e.isLongLiteralExpr()) {
            return "long";
        }
        if (e.isBooleanLiteralExpr()) {
            return "boolean";
        }
        if (e.isStringLiteralExpr()) {
            return "String";
        }
        if (!(e instanceof NameExpr name)) {
            return null;
        }
        String wanted = name.getNameAsString();
        List<Type> found = new ArrayList<>(1);
        in.declaration().walk(n -> {
            if (n instanceof Parameter p && p.getNameAsString().equals(wanted)) {
                found.add(p.getType());
            } else if (n instanceof VariableDeclarator v && v.getNameAsString().equals(wanted)
                    && !(v.getParentNode().orElse(null) instanceof FieldDeclaration)) {
                found.add(v.getType());
            }
        });
        if (found.size() != 1 || found.get(0).isVarType()) {
            return null;
        }
        Type type = found.get(0);
        return type.isPrimitiveType() ? type.asString()
                : type.isClassOrInterfaceType() ? type.asClassOrInterfaceType().getNameAsString() : null;
    }

    private static boolean hasBody(MethodFacts m) {
        return m.hasBody();
    }

    private static boolean overridable(MethodFacts m) {
        return m.overridableByModifiers() && !m.owner().cannotBeSubclassed();
    }
}
