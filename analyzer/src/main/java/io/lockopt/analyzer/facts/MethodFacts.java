package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

import io.lockopt.analyzer.spi.NodeRef;

/**
 * What one method body does with locks: acquisitions, releases, critical sections, and every
 * call, field access and wait/notify with the locks held at that point. A lambda or an
 * initializer is its own {@code MethodFacts} (its code does not run under the enclosing
 * method's locks), linked to the enclosing one.
 */
public final class MethodFacts {

    public enum Kind {
        METHOD, CONSTRUCTOR, INITIALIZER, LAMBDA
    }

    /** Name prefixes of methods that acquire a lock for their caller to release (the catalog's list). */
    private static final List<String> ACQUIRING_PREFIXES = List.of("acquire", "lock", "tryLock", "begin", "open",
            "enter", "obtain", "tryAcquire", "tryObtain");

    private final ClassFacts owner;
    private final NodeRef<Node> declaration;
    private final String name;
    private final Kind kind;
    private final boolean isStatic;
    private final String returnType;
    private final MethodFacts enclosing;
    private List<String> parameterTypes = List.of();
    /** For a method declaration: its parameter count; -1 for anything else (see {@link #arity()}). */
    private int arity = -1;
    private boolean varArgs;
    private boolean hasBody;
    private boolean privateModifier;
    private boolean finalModifier;
    private final boolean testOnly;
    private final List<String> annotations;
    final List<Acquisition> acquisitions = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();
    final List<CriticalSection> sections = new ArrayList<>();
    final List<CallSite> calls = new ArrayList<>();
    final List<FieldAccess> fieldAccesses = new ArrayList<>();
    final List<MonitorCall> monitorCalls = new ArrayList<>();
    /** Monitors that are a field of an object of a class in another file (see {@link #monitorsOfOtherFiles}); null: none. */
    private Map<LockId, LockId> monitorsOfOtherFiles;

    MethodFacts(ClassFacts owner, NodeRef<Node> declaration, String name, Kind kind, boolean isStatic,
            String returnType, MethodFacts enclosing, String comment) {
        this.owner = owner;
        this.declaration = declaration;
        this.name = name;
        this.testOnly = testOnly(name, declaration.get()) || documentedTestOnly(comment);
        this.annotations = annotationNames(declaration.get());
        this.kind = kind;
        this.isStatic = isStatic;
        this.returnType = returnType;
        this.enclosing = enclosing;
    }

    public ClassFacts owner() {
        return owner;
    }

    /** The method/constructor/initializer declaration, or the lambda expression. */
    public Node declaration() {
        return declaration.get();
    }

    /** A reference to {@code node}, a node of this method's file (see {@link NodeRef}). */
    public <T extends Node> NodeRef<T> refTo(T node) {
        return declaration.file() == null ? NodeRef.direct(node) : declaration.file().ref(node);
    }

    /** The method name; {@code <init>}, {@code <clinit>}; for a lambda, the enclosing method's name. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isStatic() {
        return isStatic;
    }

    /** A method declared {@code private} (false for constructors, initializers and lambdas). */
    public boolean isPrivate() {
        return privateModifier;
    }

    /** The qualified declared return type when resolvable, {@code void}, or {@code null}. */
    public String returnType() {
        return returnType;
    }

    /**
     * The qualified declared types of the parameters ({@code null} where unknown, e.g. an
     * untyped lambda parameter): with {@link #name()} it matches call sites to callees.
     */
    public List<String> parameterTypes() {
        return parameterTypes;
    }

    void parameterTypes(List<String> types) {
        this.parameterTypes = Collections.unmodifiableList(types);
    }

    void declared(int arity, boolean varArgs, boolean hasBody, boolean privateModifier, boolean finalModifier) {
        this.arity = arity;
        this.varArgs = varArgs;
        this.hasBody = hasBody;
        this.privateModifier = privateModifier;
        this.finalModifier = finalModifier;
    }

    /**
     * For a method declaration, its number of parameters; -1 for constructors, initializers and
     * lambdas. This and the next few are kept from the declaration so that the call graph is built
     * without going back to the tree.
     */
    public int arity() {
        return arity;
    }

    /**
     * The simple names of the declaration's annotations ({@code GuardedBy}), kept so that rules can
     * tell which declarations to read without going back to the tree.
     */
    public List<String> annotations() {
        return annotations;
    }

    /** A method declaration whose last parameter is variable-arity. */
    public boolean varArgs() {
        return varArgs;
    }

    /** A method declaration with a body (not abstract, not an interface's abstract method). */
    public boolean hasBody() {
        return hasBody;
    }

    /** A method declaration that a subclass may override: neither {@code private} nor {@code final}. */
    public boolean overridableByModifiers() {
        return arity >= 0 && !privateModifier && !finalModifier;
    }

    /** For lambdas: the method they are written in; else {@code null}. */
    public MethodFacts enclosing() {
        return enclosing;
    }

    public List<Acquisition> acquisitions() {
        return Collections.unmodifiableList(acquisitions);
    }

    /**
     * {@code synchronized (peer.lock)} where {@code peer}'s class is declared in another file: the
     * extraction, which sees one file, names that monitor by its expression (not shared); this maps
     * it to the field it would be if that class, or one of its superclasses, declares the field,
     * {@code Class.field}, which only the project pass can check; likewise a lock field inherited
     * from a superclass in another file, named here after the nearest such superclass ({@link
     * io.lockopt.analyzer.model.CallGraph#orderingIdentity}).
     */
    public Map<LockId, LockId> monitorsOfOtherFiles() {
        return monitorsOfOtherFiles == null ? Map.of() : Collections.unmodifiableMap(monitorsOfOtherFiles);
    }

    void monitorOfAnotherFile(LockId expression, LockId field) {
        if (monitorsOfOtherFiles == null) {
            monitorsOfOtherFiles = new HashMap<>(2);
        }
        monitorsOfOtherFiles.put(expression, field);
    }

    public List<Release> releases() {
        return Collections.unmodifiableList(releases);
    }

    public List<CriticalSection> sections() {
        return Collections.unmodifiableList(sections);
    }

    public List<CallSite> calls() {
        return Collections.unmodifiableList(calls);
    }

    public List<FieldAccess> fieldAccesses() {
        return Collections.unmodifiableList(fieldAccesses);
    }

    public List<MonitorCall> monitorCalls() {
        return Collections.unmodifiableList(monitorCalls);
    }

    /**
     * True when the method's name says it acquires a lock for its caller ({@code acquire...},
     * {@code lock...}, {@code tryLock...}, {@code begin...}, {@code open...}, {@code enter...}): a lock
     * wrapper, whose unreleased lock or unchecked {@code tryLock} result is by design.
     */
    public boolean acquiresForCaller() {
        for (String prefix : ACQUIRING_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a hook that only tests call: {@code *ForTesting}/{@code *ForTest}, {@code @VisibleForTesting},
     * {@code @RestrictedApi} allowed only on test paths (HBase), or documented so in the comment above
     * it ("For testing purpose only", "Only used in tests"). What it does to shared state does not
     * happen in production.
     */
    public boolean isTestOnly() {
        return testOnly;
    }

    /** The simple names of {@code declaration}'s annotations, interned (most are few and repeat). */
    static List<String> annotationNames(Node declaration) {
        if (!(declaration instanceof NodeWithAnnotations<?> annotated) || annotated.getAnnotations().isEmpty()) {
            return List.of();
        }
        return annotated.getAnnotations().stream().map(a -> a.getName().getIdentifier().intern()).toList();
    }

    /**
     * "For testing purpose only", "TEST ONLY", "Only used by tests", "for debugging and testing
     * purposes only": the method exists for tests. Not a sentence about visibility ("Visible for
     * testing only", "Package-private for testing only": the method may still serve production
     * code, only its access was widened).
     */
    static boolean documentedTestOnly(String comment) {
        if (comment.isEmpty()) {
            return false;
        }
        Matcher m = TEST_ONLY.matcher(comment);
        while (m.find()) {
            int sentence = Math.max(Math.max(comment.lastIndexOf('.', m.start()), comment.lastIndexOf('\n', m.start())), 0);
            if (!VISIBILITY.matcher(comment.substring(sentence, m.start())).find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern TEST_ONLY = Pattern.compile("(?i)\\bfor\\s+(?:(?:debug(?:ging)?|diagnostics)\\s+(?:and|or)\\s+)?"
            + "(?:unit[- ]?)?test(?:s|ing)?(?:\\s+(?:and|or)\\s+debug(?:ging)?)?(?:\\s+purposes?)?\\s+only\\b"
            + "|\\b(?:unit[- ]?)?tests?[- ]only\\b|\\btesting[- ]only\\b"
            + "|\\bonly\\s+(?:(?:used|meant|intended|called)\\s+)?(?:for|in|by|from|during)\\s+(?:unit[- ]?)?test(?:s|ing)?\\b"
            + "|\\b(?:used|called)\\s+only\\s+(?:for|in|by|from|during)\\s+(?:unit[- ]?)?test(?:s|ing)?\\b");
    private static final Pattern VISIBILITY = Pattern.compile("(?i)\\b(?:visible|visibility|package[- ]private|"
            + "package[- ]protected|protected|public|exposed|accessible)\\b");

    private static boolean testOnly(String name, Node declaration) {
        if (name.endsWith("ForTesting") || name.endsWith("ForTest")) {
            return true;
        }
        return declaration instanceof NodeWithAnnotations<?> annotated && annotated.getAnnotations().stream()
                .anyMatch(a -> a.getName().getIdentifier().equals("VisibleForTesting")
                        || a.getName().getIdentifier().equals("RestrictedApi")
                                && a.toString().contains("allowedOnPath") && a.toString().contains("test"));
    }

    /**
     * True when the method checks that a lock is held ({@code isHeldByCurrentThread()},
     * {@code Thread.holdsLock}, {@code getHoldCount()}): its author states that callers hold it,
     * and it throws or asserts if not.
     */
    public boolean checksLockHeld() {
        return calls.stream().anyMatch(call -> LOCK_CHECKS.contains(call.name()));
    }

    private static final Set<String> LOCK_CHECKS = Set.of("isHeldByCurrentThread", "holdsLock",
            "getHoldCount", "isWriteLockedByCurrentThread", "getReadHoldCount", "getWriteHoldCount");
    private static final Set<String> LOCK_VIEWS = Set.of("readLock", "writeLock", "asReadLock",
            "asWriteLock");

    /**
     * True when the method checks that {@code lock} may be held: a check of {@link #checksLockHeld()}
     * whose lock is that one ({@code lock.isHeldByCurrentThread()}, {@code
     * rw.writeLock().isHeldByCurrentThread()}, {@code Thread.holdsLock(this)}) or one this cannot
     * tell ({@code getLock().isHeldByCurrentThread()}). A check that names another lock says nothing
     * of this one: a B-tree listener asserting {@code tree.btreeLock.isWriteLockedByCurrentThread()}
     * does not hold its own monitor (rdf4j's {@code RangeIterator}, a held-out library: the listener's
     * writes were counted as guarded by it, and an unlocked write reported against them; judged wrong
     * in the review of 2026-12-07).
     */
    public boolean checksLockHeld(LockId lock) {
        for (CallSite call : calls) {
            if (!LOCK_CHECKS.contains(call.name())) {
                continue;
            }
            Expression named = call.name().equals("holdsLock")
                    ? (call.node().getArguments().size() == 1 ? call.node().getArgument(0) : null)
                    : call.node().getScope().orElse(null);
            named = named == null ? null : Parentheses.strip(named);
            if (named instanceof MethodCallExpr view
                    && LOCK_VIEWS.contains(view.getNameAsString()) && view.getScope().isPresent()) {
                named = Parentheses.strip(view.getScope().get());
            }
            if (!namesAnotherLock(named, lock, call.name().equals("holdsLock"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code named} (what a check is about) is clearly not {@code lock}: a field of another name, or
     * any field against the monitor of {@code this}. A check of {@code this} against a
     * lock field may be of the object that field refers to (permazen's transactions are guarded by
     * their {@code raft} field, and the database asserts {@code Thread.holdsLock(this)}), and
     * {@code x.lock} against a field {@code lock} may be of that very field: those count.
     */
    private boolean namesAnotherLock(Expression named, LockId lock, boolean holdsLock) {
        if (named == null) {
            // isHeldByCurrentThread() unqualified: the class is the lock, which is its own monitor's object
            return holdsLock || lock.kind() != LockId.Kind.THIS;
        }
        if (named instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            return false;
        }
        String field = named instanceof NameExpr n && !declaresLocal(n.getNameAsString())
                ? n.getNameAsString()
                : named instanceof FieldAccessExpr f ? f.getNameAsString() : null;
        if (field == null) {
            return false; // a getter, a local: cannot tell
        }
        return !(lock.kind() == LockId.Kind.FIELD && lock.name().endsWith("." + field));
    }

    /**
     * True when the body is a single statement that makes this call: a thin wrapper such as
     * {@code void await() { condition.await(); }}, whose caller owns the surrounding protocol.
     */
    public boolean isDelegatingWrapperOf(Node call) {
        BlockStmt body = declaration() instanceof MethodDeclaration m ? m.getBody().orElse(null) : null;
        if (body == null || body.getStatements().size() != 1) {
            return false;
        }
        Statement only = body.getStatement(0);
        Node parent = call.getParentNode().orElse(null);
        return parent == only || parent instanceof ReturnStmt ret && ret == only;
    }

    /**
     * Calls of this method on the same object ({@code m(..)}, {@code this.m(..)}) made by the
     * methods of its class, matched by name and number of arguments.
     */
    public List<CallSite> callsFromOwnClass() {
        List<CallSite> found = new ArrayList<>();
        for (CallSite call : owner.callsNamed(name)) {
            if (call.argumentCount() == parameterTypes.size()
                    && call.node().getScope().filter(x -> !(x instanceof ThisExpr)).isEmpty()) {
                found.add(call);
            }
        }
        return found;
    }

    /** A parameter or local of that name in the method: a bare name there is not a field. */
    public boolean declaresLocal(String name) {
        Node body = declaration();
        return body != null && (body.findFirst(com.github.javaparser.ast.body.Parameter.class,
                p -> p.getNameAsString().equals(name)).isPresent()
                || body.findFirst(com.github.javaparser.ast.body.VariableDeclarator.class,
                        v -> v.getNameAsString().equals(name)).isPresent());
    }

    /** {@code io.acme.Book.add}: for call graphs and messages. */
    public String qualifiedName() {
        return owner.name() + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
