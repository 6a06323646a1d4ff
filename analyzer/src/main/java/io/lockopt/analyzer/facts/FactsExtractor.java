package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithImplements;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

import io.lockopt.analyzer.spi.NodeRef;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * Builds {@link LockFacts} for one compilation unit in one pass over each body, keeping the
 * set of held locks in source order. The model of "held" is deliberately simple and local:
 * {@code lock()} opens a section that the matching {@code unlock()} closes; a {@code tryLock()}
 * that guards an {@code if} opens it for the guarded branch (or after an {@code if (!tryLock())
 * return;}); {@code synchronized} and try-with-resources handles open it for their block.
 * Lambdas, local and anonymous classes start with nothing held: their code runs later.
 *
 * <p>Not thread-safe; one instance per file, used once.
 */
final class FactsExtractor {
    private static final String LOCKS = KnownTypes.LOCKS_PKG + ".";
    private static final Set<String> MUTATORS = Set.of("add", "addAll", "put", "putAll", "remove", "removeAll",
            "removeIf", "retainAll", "clear", "set", "offer", "poll", "push", "pop", "putIfAbsent", "compute",
            "computeIfAbsent", "computeIfPresent", "merge", "replace", "replaceAll", "addFirst", "addLast",
            "removeFirst", "removeLast", "offerFirst", "offerLast", "pollFirst", "pollLast", "sort");
    /** The JDK's may-fail acquisitions; the others in {@link #TRY_ACQUIRE} (Guava Monitor's) count only on a lock. */
    private static final Set<String> LOCK_API_TRIES = Set.of("tryLock", "tryReadLock", "tryWriteLock");
    private static final Set<String> TRY_ACQUIRE = Set.of("tryLock", "tryReadLock", "tryWriteLock", "tryEnter",
            "tryEnterIf", "enterIf", "enterIfInterruptibly", "enter", "enterWhen", "enterInterruptibly",
            "enterWhenUninterruptibly");

    private final SourceFile file;
    private final CompilationUnit unit;
    private final TypeResolver types;
    private final List<ClassFacts> classes = new ArrayList<>();
    private final Map<String, ClassFacts> classesByName = new HashMap<>();
    private final Map<Node, ClassFacts> classesByDeclaration = new IdentityHashMap<>();
    private final Map<ClassFacts, Map<String, String>> returnTypes = new IdentityHashMap<>();
    private final List<MethodFacts> methods = new ArrayList<>();
    /** Per field id: assigned a thread-safe collection somewhere in its class (computed on first use). */
    private final Map<String, Boolean> threadSafeAssignments = new HashMap<>();
    /** tryLock calls in {@code if}/{@code while} conditions: the statement opens their section. */
    private final Map<MethodCallExpr, Acquisition> deferred = new IdentityHashMap<>();

    // The body being walked.
    private ClassFacts currentClass;
    private MethodFacts current;
    private HeldLocks held = HeldLocks.NONE;
    private List<Map<String, Local>> scopes = new ArrayList<>();
    private List<FinallyFrame> finallies = new ArrayList<>();
    private int conditionalDepth;
    private int anonymousClasses;
    /** Walking the members of an anonymous or local class, whose methods capture the enclosing locals. */
    private boolean capturing;

    /** A local variable or parameter as far as typing and lock identity go. */
    private record Local(String type, LockRef lockRef, LockRef conditionOf, LockId aliasOf, boolean isParameter,
            FieldFacts elementOf) {
    }

    /** A {@code finally} block being walked and the branching depth at its start. */
    private record FinallyFrame(TryStmt tryStmt, int depth) {
    }

    /** A tryLock in a condition and whether the condition is true when it succeeded. */
    private record Guard(MethodCallExpr call, boolean positive) {
    }

    /** Saved walker state around a nested body (lambda, local or anonymous class). */
    private record State(ClassFacts cls, MethodFacts method, HeldLocks held, List<Map<String, Local>> scopes,
            List<FinallyFrame> finallies, int conditionalDepth) {
    }

    FactsExtractor(SourceFile file) {
        this.file = file;
        this.unit = file.unit();
        this.types = new TypeResolver(unit);
    }

    private String[] lines;

    /** The file's lines, split once, for the comments before class declarations (not attributed to nodes). */
    private String[] lines() {
        if (lines == null) {
            lines = DeclarationComments.lines(file.text());
        }
        return lines;
    }

    /** What the facts hold instead of a node: see {@link NodeRef}. */
    private <T extends Node> NodeRef<T> ref(T node) {
        return file.ref(node);
    }

    LockFacts extract() {
        for (TypeDeclaration<?> type : unit.getTypes()) {
            declareNames(type, null);
        }
        for (TypeDeclaration<?> type : unit.getTypes()) {
            buildClass(type, null);
        }
        for (TypeDeclaration<?> type : unit.getTypes()) {
            walkType(type);
        }
        return new LockFacts(classes, methods, classesByName, types);
    }

    // ---------------------------------------------------------------- classes and fields

    private void declareNames(TypeDeclaration<?> type, String enclosing) {
        String name = types.qualify(enclosing, type.getNameAsString());
        types.declare(type.getNameAsString(), name);
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                declareNames(nested, name);
            }
        }
    }

    private ClassFacts buildClass(TypeDeclaration<?> type, ClassFacts enclosing) {
        String name = types.qualify(enclosing == null ? null : enclosing.name(), type.getNameAsString());
        boolean isFinal = type instanceof EnumDeclaration || type instanceof RecordDeclaration
                || type.hasModifier(Modifier.Keyword.FINAL);
        String superclass = null;
        boolean isInterface = false;
        if (type instanceof ClassOrInterfaceDeclaration c) {
            isInterface = c.isInterface();
            if (!isInterface && c.getExtendedTypes().isNonEmpty()) {
                superclass = types.resolve(c.getExtendedTypes().get(0));
            }
        }
        ClassFacts facts = register(new ClassFacts(name, ref(type), enclosing, isFinal,
                type.hasModifier(Modifier.Keyword.PRIVATE), superclass));
        type.getBegin().ifPresent(begin -> facts.documentedNotThreadSafe(SingleThreadedContracts.saysNotThreadSafe(
                DeclarationComments.before(lines(), begin.line), type.getNameAsString())));
        List<ClassOrInterfaceType> interfaces = new ArrayList<>();
        if (type instanceof ClassOrInterfaceDeclaration d && d.isInterface()) {
            interfaces.addAll(d.getExtendedTypes());
        }
        if (type instanceof NodeWithImplements<?> withImplements) {
            interfaces.addAll(withImplements.getImplementedTypes());
        }
        facts.interfaces(interfaces.stream().map(t -> types.resolve(t.getNameWithScope())).toList());
        if (type instanceof RecordDeclaration record) {
            for (Parameter component : record.getParameters()) {
                facts.addField(new FieldFacts(name, component.getNameAsString(), types.resolve(component.getType()),
                        false, true, false, true, component.getType().isPrimitiveType(), null, null, null, null,
                        MethodFacts.annotationNames(component)));
            }
        }
        addFields(facts, type.getMembers(), isInterface);
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                buildClass(nested, facts);
            }
        }
        return facts;
    }

    private ClassFacts register(ClassFacts facts) {
        classes.add(facts);
        classesByName.putIfAbsent(facts.name(), facts);
        classesByDeclaration.put(facts.declaration(), facts);
        return facts;
    }

    private void addFields(ClassFacts facts, NodeList<BodyDeclaration<?>> members, boolean isInterface) {
        Map<String, String> returns = new HashMap<>();
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator v : field.getVariables()) {
                    Type type = v.getType();
                    facts.addField(new FieldFacts(facts.name(), v.getNameAsString(), types.resolve(type),
                            // the modifiers, not isStatic()/isFinal(): JavaParser counts every field below an
                            // interface as its constant, an anonymous class's in a default method too (elytron).
                            isInterface || field.hasModifier(Modifier.Keyword.STATIC),
                            isInterface || field.hasModifier(Modifier.Keyword.FINAL), field.isVolatile(),
                            field.isPrivate(), type.isPrimitiveType(), ref(v.getInitializer().orElse(null)), ref(v),
                            null, null,
                            MethodFacts.annotationNames(field)));
                }
            } else if (member instanceof MethodDeclaration method) {
                String type = method.getType().isVoidType() ? "void" : types.resolve(method.getType());
                // Overloads returning different types make the name ambiguous: forget it.
                returns.merge(method.getNameAsString(), type == null ? "" : type,
                        (a, b) -> a.equals(b) ? a : "");
            }
        }
        returnTypes.put(facts, returns);
        // Second step: lock identities, which may refer to sibling fields (r = rw.readLock()).
        ClassFacts saved = currentClass;
        currentClass = facts;
        for (FieldFacts field : List.copyOf(facts.fields().values())) {
            LockKind kind = field.lockKind();
            if (kind == null) {
                continue;
            }
            LockRef ref = null;
            Expression init = field.initializer();
            if (init != null && !(init instanceof ObjectCreationExpr)) {
                ref = viewOf(init);
            }
            if (ref == null && init == null) {
                ref = viewAssignedOnConstruction(facts, field, members);
            }
            if (ref == null) {
                ref = new LockRef(field.id(), LockView.EXCLUSIVE, kind);
            }
            LockRef conditionOf = kind == LockKind.CONDITION ? conditionOwnerOf(init) : null;
            facts.replaceField(new FieldFacts(field.declaringClass(), field.name(), field.type(), field.isStatic(),
                    field.isFinal(), field.isVolatile(), field.isPrivate(), field.isPrimitive(), field.initializerRef(),
                    field.nodeRef(),
                    ref, conditionOf, field.annotations()));
        }
        currentClass = saved;
    }

    // ---------------------------------------------------------------- bodies

    private void walkType(TypeDeclaration<?> type) {
        ClassFacts facts = classesByDeclaration.get(type);
        if (facts == null) {
            // A member type of an anonymous class or an enum constant's body: the declaration pass
            // only sees named types, so it is declared and built here, nested in the current class.
            declareNames(type, currentClass.name());
            facts = buildClass(type, currentClass);
        }
        walkMembers(facts, type.getMembers());
        if (type instanceof EnumDeclaration e) {
            ClassFacts saved = currentClass;
            currentClass = facts;
            for (EnumConstantDeclaration constant : e.getEntries()) {
                if (constant.getClassBody().isNonEmpty()) {
                    ClassFacts body = register(new ClassFacts(facts.name() + "." + constant.getNameAsString(),
                            ref(constant), facts, true, true, facts.name()));
                    addFields(body, constant.getClassBody(), false);
                    walkMembers(body, constant.getClassBody());
                }
            }
            currentClass = saved;
        }
    }

    private void walkMembers(ClassFacts facts, NodeList<BodyDeclaration<?>> members) {
        ClassFacts saved = currentClass;
        currentClass = facts;
        MethodFacts staticInit = null;
        MethodFacts instanceInit = null;
        for (BodyDeclaration<?> member : members) {
            if (member instanceof MethodDeclaration m) {
                String type = m.getType().isVoidType() ? "void" : types.resolve(m.getType());
                Node monitor = synchronizedModifier(m);
                walkCallable(m, m.getNameAsString(), MethodFacts.Kind.METHOD, m.isStatic(), type, m.getParameters(),
                        m.getBody().orElse(null), monitor != null ? monitor : lombokSynchronized(m));
            } else if (member instanceof ConstructorDeclaration c) {
                walkCallable(c, "<init>", MethodFacts.Kind.CONSTRUCTOR, false, "void", c.getParameters(), c.getBody(),
                        null);
            } else if (member instanceof CompactConstructorDeclaration c) {
                walkCallable(c, "<init>", MethodFacts.Kind.CONSTRUCTOR, false, "void", new NodeList<>(), c.getBody(),
                        null);
            } else if (member instanceof InitializerDeclaration init) {
                walkCallable(init, init.isStatic() ? "<clinit>" : "<init>", MethodFacts.Kind.INITIALIZER,
                        init.isStatic(), "void", new NodeList<>(), init.getBody(), null);
            } else if (member instanceof FieldDeclaration field) {
                for (VariableDeclarator v : field.getVariables()) {
                    if (v.getInitializer().isEmpty() || isSimpleInitializer(v.getInitializer().get())) {
                        continue;
                    }
                    if (field.isStatic()) {
                        staticInit = staticInit != null ? staticInit
                                : newMethod(field, "<clinit>", MethodFacts.Kind.INITIALIZER, true, "void", null);
                        walkInitializer(staticInit, v.getInitializer().get());
                    } else {
                        instanceInit = instanceInit != null ? instanceInit
                                : newMethod(field, "<init>", MethodFacts.Kind.INITIALIZER, false, "void", null);
                        walkInitializer(instanceInit, v.getInitializer().get());
                    }
                }
            } else if (member instanceof TypeDeclaration<?> nested) {
                walkType(nested);
            }
        }
        currentClass = saved;
    }

    private static boolean isSimpleInitializer(Expression e) {
        return e.isLiteralExpr() || e.isNameExpr()
                || e instanceof ObjectCreationExpr o && o.getArguments().isEmpty()
                        && o.getAnonymousClassBody().isEmpty();
    }

    private static Modifier synchronizedModifier(CallableDeclaration<?> callable) {
        for (Modifier modifier : callable.getModifiers()) {
            if (modifier.getKeyword() == Modifier.Keyword.SYNCHRONIZED) {
                return modifier;
            }
        }
        return null;
    }

    /**
     * Lombok's {@code @Synchronized} (imported from {@code lombok}): the generated method body holds a
     * private final {@code $lock} ({@code $LOCK} for a static method), or the field the annotation names.
     */
    private AnnotationExpr lombokSynchronized(MethodDeclaration method) {
        for (AnnotationExpr annotation : method.getAnnotations()) {
            String name = annotation.getNameAsString();
            if (name.equals("lombok.Synchronized") || name.equals("Synchronized") && unit.getImports().stream()
                    .anyMatch(i -> i.getNameAsString().equals(i.isAsterisk() ? "lombok" : "lombok.Synchronized"))) {
                return annotation;
            }
        }
        return null;
    }

    /** The lock a {@code synchronized} modifier or Lombok {@code @Synchronized} annotation takes. */
    private LockId methodMonitor(Node marker, boolean isStatic) {
        if (marker instanceof AnnotationExpr lombok) {
            String named = lombok instanceof SingleMemberAnnotationExpr single
                    && single.getMemberValue() instanceof StringLiteralExpr value ? value.getValue()
                    : lombok instanceof NormalAnnotationExpr normal ? normal.getPairs().stream()
                            .filter(p -> p.getNameAsString().equals("value") && p.getValue().isStringLiteralExpr())
                            .map(p -> p.getValue().asStringLiteralExpr().getValue()).findFirst().orElse("") : "";
            if (named.isEmpty()) {
                return LockId.field(currentClass.name(), isStatic ? "$LOCK" : "$lock");
            }
            FieldFacts field = field(named);
            return field != null ? field.id() : LockId.field(currentClass.name(), named);
        }
        return isStatic ? LockId.classMonitor(currentClass.name()) : LockId.thisMonitor(currentClass.name());
    }

    private MethodFacts newMethod(Node declaration, String name, MethodFacts.Kind kind, boolean isStatic,
            String returnType, MethodFacts enclosing) {
        // The comment above a method may say it exists for tests (read from the text: not attributed to nodes).
        String comment = declaration instanceof MethodDeclaration && declaration.getBegin().isPresent()
                ? DeclarationComments.before(lines(), declaration.getBegin().get().line) : "";
        MethodFacts method = new MethodFacts(currentClass, ref(declaration), name, kind, isStatic, returnType,
                enclosing, comment);
        if (declaration instanceof MethodDeclaration d) {
            method.declared(d.getParameters().size(), d.getParameters().stream().anyMatch(Parameter::isVarArgs),
                    d.getBody().isPresent(), d.hasModifier(Modifier.Keyword.PRIVATE),
                    d.hasModifier(Modifier.Keyword.FINAL));
        }
        currentClass.addMethod(method);
        methods.add(method);
        return method;
    }

    private void walkCallable(Node declaration, String name, MethodFacts.Kind kind, boolean isStatic,
            String returnType, NodeList<Parameter> parameters, BlockStmt body, Node synchronizedMarker) {
        MethodFacts method = newMethod(declaration, name, kind, isStatic, returnType, null);
        method.parameterTypes(parameterTypes(parameters));
        // Methods of anonymous and local classes see the enclosing method's (captured) locals.
        State saved = enter(method, !capturing);
        pushScope();
        for (Parameter p : parameters) {
            declareParameter(p);
        }
        if (synchronizedMarker != null) {
            CriticalSection whole = push(acquire(LockRef.monitor(methodMonitor(synchronizedMarker, isStatic)),
                    Acquisition.Kind.SYNCHRONIZED_METHOD, synchronizedMarker, null));
            whole.body(ref(body));
        }
        if (body != null) {
            walk(body);
        }
        restore(saved);
    }

    private List<String> parameterTypes(NodeList<Parameter> parameters) {
        List<String> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            out.add(p.isVarArgs() ? null : types.resolve(p.getType()));
        }
        return out;
    }

    private void walkInitializer(MethodFacts method, Expression initializer) {
        State saved = enter(method, true);
        pushScope();
        walk(initializer);
        restore(saved);
    }

    /** Starts a body with nothing held; {@code freshScopes} hides the enclosing method's locals. */
    private State enter(MethodFacts method, boolean freshScopes) {
        State saved = new State(currentClass, current, held, scopes, finallies, conditionalDepth);
        current = method;
        held = HeldLocks.NONE;
        if (freshScopes) {
            scopes = new ArrayList<>();
        } else {
            scopes = new ArrayList<>(scopes);
        }
        finallies = new ArrayList<>();
        conditionalDepth = 0;
        return saved;
    }

    private void restore(State saved) {
        currentClass = saved.cls();
        current = saved.method();
        held = saved.held();
        scopes = saved.scopes();
        finallies = saved.finallies();
        conditionalDepth = saved.conditionalDepth();
    }

    private void walk(Node n) {
        if (n instanceof Comment || n instanceof SimpleName || n instanceof Name || n instanceof Type
                || n instanceof Modifier || n instanceof AnnotationExpr) {
            return;
        }
        if (n instanceof BlockStmt block) {
            pushScope();
            for (Statement s : block.getStatements()) {
                walk(s);
            }
            popScope();
        } else if (n instanceof MethodCallExpr call) {
            walkCall(call);
        } else if (n instanceof NameExpr name) {
            recordRead(name);
        } else if (n instanceof FieldAccessExpr access) {
            walkFieldAccess(access);
        } else if (n instanceof AssignExpr assign) {
            walkAssign(assign);
        } else if (n instanceof UnaryExpr unary && isIncrement(unary)) {
            walkIncrement(unary);
        } else if (n instanceof VariableDeclarationExpr declaration) {
            for (VariableDeclarator v : declaration.getVariables()) {
                v.getInitializer().ifPresent(this::walk);
                declareLocal(v.getNameAsString(), v.getType(), v.getInitializer().orElse(null));
            }
        } else if (n instanceof TryStmt tryStmt) {
            walkTry(tryStmt);
        } else if (n instanceof SynchronizedStmt sync) {
            walk(sync.getExpression());
            CriticalSection section = push(acquire(LockRef.monitor(monitorIdOf(sync.getExpression())),
                    Acquisition.Kind.SYNCHRONIZED_BLOCK, sync, sync.getExpression()));
            walk(sync.getBody());
            close(section);
            section.body(ref(sync.getBody()));
        } else if (n instanceof IfStmt ifStmt) {
            walkIf(ifStmt);
        } else if (n instanceof WhileStmt whileStmt) {
            walkWhile(whileStmt);
        } else if (n instanceof ForEachStmt forEach) {
            conditionalDepth++;
            pushScope();
            walk(forEach.getIterable());
            for (VariableDeclarator v : forEach.getVariable().getVariables()) {
                String type = v.getType().isVarType() ? null : types.resolve(v.getType());
                LockKind kind = KnownTypes.lockKind(type);
                LockRef ref = kind == null ? null : new LockRef(localId(v.getNameAsString()), LockView.EXCLUSIVE, kind);
                declare(v.getNameAsString(), new Local(type, ref, null, null, false,
                        fieldNamedBy(forEach.getIterable())));
            }
            walk(forEach.getBody());
            popScope();
            conditionalDepth--;
        } else if (n instanceof ConditionalExpr conditional) {
            // c ? lock.readLock() : lock.writeLock(): the branches are alternatives, not a sequence.
            walk(conditional.getCondition());
            HeldLocks before = held;
            conditionalDepth++;
            walk(conditional.getThenExpr());
            HeldLocks afterThen = held;
            held = before;
            walk(conditional.getElseExpr());
            conditionalDepth--;
            held = afterThen.retainedIn(held);
        } else if (n instanceof SwitchStmt switchStmt) {
            walkSwitch(switchStmt.getSelector(), switchStmt.getEntries());
        } else if (n instanceof SwitchExpr switchExpr) {
            walkSwitch(switchExpr.getSelector(), switchExpr.getEntries());
        } else if (n instanceof DoStmt || n instanceof ForStmt) {
            conditionalDepth++;
            pushScope();
            walkChildren(n);
            popScope();
            conditionalDepth--;
        } else if (n instanceof BinaryExpr binary && (binary.getOperator() == BinaryExpr.Operator.AND
                || binary.getOperator() == BinaryExpr.Operator.OR)) {
            walk(binary.getLeft());
            conditionalDepth++;
            walk(binary.getRight());
            conditionalDepth--;
        } else if (n instanceof CatchClause catchClause) {
            pushScope();
            declareParameter(catchClause.getParameter());
            walk(catchClause.getBody());
            popScope();
        } else if (n instanceof LambdaExpr lambda) {
            walkLambda(lambda);
        } else if (n instanceof ObjectCreationExpr creation) {
            walkCreation(creation);
        } else if (n instanceof LocalClassDeclarationStmt local) {
            walkLocalType(local.getClassDeclaration());
        } else if (n instanceof LocalRecordDeclarationStmt local) {
            walkLocalType(local.getRecordDeclaration());
        } else if (n instanceof TypePatternExpr pattern) {
            declareLocal(pattern.getNameAsString(), pattern.getType(), null);
        } else {
            walkChildren(n);
        }
    }

    private void walkChildren(Node n) {
        for (Node child : n.getChildNodes()) {
            walk(child);
        }
    }

    private void walkLambda(LambdaExpr lambda) {
        walkLambda(lambda, null, null);
    }

    /** A lambda, run with nothing held, or holding {@code runner}'s lock when a lock runner runs it. */
    private void walkLambda(LambdaExpr lambda, LockRunner runner, MethodCallExpr call) {
        MethodFacts method = newMethod(lambda, current == null ? "<lambda>" : current.name(),
                MethodFacts.Kind.LAMBDA, current != null && current.isStatic(), null, current);
        method.parameterTypes(parameterTypes(lambda.getParameters()));
        State saved = enter(method, false);
        pushScope();
        for (Parameter p : lambda.getParameters()) {
            declareParameter(p);
        }
        CriticalSection section = runner == null ? null
                : push(acquire(runner.lock(), Acquisition.Kind.HANDLE, call, runner.argument()));
        walk(lambda.getBody());
        if (section != null) {
            close(section);
            if (lambda.getBody() instanceof BlockStmt block) {
                section.body(ref(block));
            }
        }
        restore(saved);
    }

    /** A lock runner's lock and the argument that names it. */
    private record LockRunner(LockRef lock, Expression argument) {
    }

    /**
     * {@code inLock(lock, () -> ..)}, {@code inReadLock(rw, () -> ..)}, {@code withWriteLock(rw,
     * () -> ..)}: a helper named for running code under a lock, given one lock of this file and a
     * lambda, runs the lambda holding it (Kafka's and Fluss' {@code LockUtils}, whose own sources
     * are seldom analyzed with the caller's: held-out sample 29). A read/write lock needs the mode in
     * the name ({@code inReadLock}) or in the argument ({@code rw.readLock()}); else nothing is assumed.
     */
    private LockRunner lockRunner(MethodCallExpr call) {
        String name = call.getNameAsString();
        if (!LOCK_RUNNER.matcher(name).matches() || call.getArguments().stream().noneMatch(Expression::isLambdaExpr)) {
            return null;
        }
        LockRef base = null;
        Expression lockArgument = null;
        for (Expression argument : call.getArguments()) {
            LockRef ref = argument.isLambdaExpr() ? null : lockRefOf(argument);
            if (ref != null) {
                if (base != null) {
                    return null;
                }
                base = ref;
                lockArgument = argument;
            }
        }
        if (base == null || base.kind() != LockKind.LOCK && base.kind() != LockKind.READ_WRITE_LOCK) {
            return null;
        }
        if (base.view() == LockView.READ || base.view() == LockView.WRITE || base.kind() == LockKind.LOCK) {
            return new LockRunner(base, lockArgument);
        }
        boolean read = name.contains("Read");
        if (read == name.contains("Write")) {
            return null;
        }
        return new LockRunner(new LockRef(base.lock(), read ? LockView.READ : LockView.WRITE, LockKind.LOCK), lockArgument);
    }

    private static final Pattern LOCK_RUNNER = Pattern.compile(
            "(in|with|under)(Read|Write)?Lock");

    private void walkCreation(ObjectCreationExpr creation) {
        creation.getScope().ifPresent(this::walk);
        for (Expression arg : creation.getArguments()) {
            walk(arg);
        }
        if (creation.getAnonymousClassBody().isEmpty()) {
            return;
        }
        ClassFacts anonymous = register(new ClassFacts(currentClass.name() + "$" + (++anonymousClasses), ref(creation),
                currentClass, true, true, types.resolve(creation.getType())));
        NodeList<BodyDeclaration<?>> body = creation.getAnonymousClassBody().get();
        addFields(anonymous, body, false);
        State saved = enter(current, false);
        boolean wasCapturing = capturing;
        capturing = true;
        walkMembers(anonymous, body);
        capturing = wasCapturing;
        restore(saved);
    }

    private void walkLocalType(TypeDeclaration<?> type) {
        types.declare(type.getNameAsString(), types.qualify(currentClass.name(), type.getNameAsString()));
        ClassFacts facts = buildClass(type, currentClass);
        State saved = enter(current, false);
        boolean wasCapturing = capturing;
        capturing = true;
        walkMembers(facts, type.getMembers());
        capturing = wasCapturing;
        restore(saved);
    }

    private void walkTry(TryStmt tryStmt) {
        pushScope();
        List<CriticalSection> handles = new ArrayList<>();
        for (Expression resource : tryStmt.getResources()) {
            CriticalSection handle = walkResource(resource);
            if (handle != null) {
                handles.add(handle);
            }
        }
        walk(tryStmt.getTryBlock());
        for (int i = handles.size() - 1; i >= 0; i--) {
            close(handles.get(i));
            handles.get(i).body(ref(tryStmt.getTryBlock()));
        }
        HeldLocks afterTry = held;
        for (CatchClause c : tryStmt.getCatchClauses()) {
            held = afterTry;
            walk(c);
            if (Guards.canCompleteNormally(c.getBody())) {
                afterTry = afterTry.retainedIn(held);
            }
        }
        held = afterTry;
        if (tryStmt.getFinallyBlock().isPresent()) {
            finallies.add(new FinallyFrame(tryStmt, conditionalDepth));
            walk(tryStmt.getFinallyBlock().get());
            finallies.remove(finallies.size() - 1);
        }
        popScope();
    }

    /** Walks one try-with-resources resource; returns the section it opens when it is a lock handle. */
    private CriticalSection walkResource(Expression resource) {
        if (resource instanceof VariableDeclarationExpr declaration && declaration.getVariables().size() == 1) {
            VariableDeclarator v = declaration.getVariable(0);
            Expression init = v.getInitializer().orElse(null);
            if (init instanceof MethodCallExpr call && call.getScope().isPresent()) {
                LockRef owner = lockRefOf(call.getScope().get());
                String name = call.getNameAsString();
                LockView view = name.startsWith("read") ? LockView.READ
                        : name.startsWith("write") ? LockView.WRITE : null;
                if (owner != null && view != null && (owner.kind() == LockKind.HANDLE_READ_WRITE_LOCK
                        || owner.kind() == LockKind.KEYED_LOCKS)) {
                    walk(call.getScope().get());
                    for (Expression arg : call.getArguments()) {
                        walk(arg);
                    }
                    CriticalSection section = push(acquire(new LockRef(owner.lock(), view, owner.kind()),
                            Acquisition.Kind.HANDLE, call, call.getScope().get()));
                    declareLocal(v.getNameAsString(), v.getType(), null);
                    return section;
                }
            }
            if (init instanceof MethodCallExpr call) {
                CriticalSection section = closingHelperSection(call);
                if (section == null && (ACQUIRING.matcher(call.getNameAsString()).lookingAt()
                        || v.getType().isClassOrInterfaceType() && HOLDER_NAMES.matcher(
                                v.getType().asClassOrInterfaceType().getNameAsString()).matches())) {
                    // try (CloseableLock l = CloseableLock.create(rw.writeLock())) { l.lock(); .. }: a
                    // lock-named closer made from one lock holds it for the try (marketcetera, sample 41)
                    section = acquiredByArgument(call, call.getArguments());
                }
                if (section != null) {
                    declareLocal(v.getNameAsString(), v.getType(), null);
                    return section;
                }
            }
            // try (LockResource r = new LockResource(mStateLock)): a lock-named closer built on one lock
            // holds it for the try (Alluxio's LockResource, held-out sample 37).
            if (init instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isEmpty()
                    && HOLDER_NAMES.matcher(creation.getType().getNameAsString()).matches()) {
                CriticalSection section = acquiredByArgument(creation, creation.getArguments());
                if (section != null) {
                    declareLocal(v.getNameAsString(), v.getType(), null);
                    return section;
                }
            }
        }
        walk(resource);
        return null;
    }

    /**
     * {@code try (ManagedLock<?> l = ManagedLock.acquire(instancesLock, LockMode.WRITE_LOCK))}: a
     * call named for acquiring whose one lock argument is a lock of this file, closed by the try
     * (eXist's ManagedLock). A read/write lock needs the mode among the other arguments
     * ({@code WRITE}/{@code READ} in their text), else nothing is assumed.
     */
    private CriticalSection acquiredByArgument(Expression call, NodeList<Expression> arguments) {
        LockRef base = null;
        Expression lockArgument = null;
        for (Expression argument : arguments) {
            LockRef ref = lockRefOf(argument);
            if (ref != null) {
                if (base != null) {
                    return null; // two locks: which one the handle holds is not for us to guess
                }
                base = ref;
                lockArgument = argument;
            }
        }
        if (base == null) {
            return null;
        }
        LockRef ref = base;
        if (base.kind() == LockKind.READ_WRITE_LOCK && base.view() != LockView.READ && base.view() != LockView.WRITE) {
            Expression lock = lockArgument;
            String mode = arguments.stream().filter(a -> a != lock).map(Expression::toString)
                    .collect(Collectors.joining(" ")).toUpperCase(Locale.ROOT);
            boolean write = mode.contains("WRITE");
            if (write == mode.contains("READ")) {
                return null;
            }
            ref = new LockRef(base.lock(), write ? LockView.WRITE : LockView.READ, LockKind.LOCK);
        } else if (base.kind() != LockKind.LOCK && base.kind() != LockKind.READ_WRITE_LOCK) {
            return null;
        }
        walk(call);
        return push(acquire(ref, Acquisition.Kind.HANDLE, call, lockArgument));
    }

    private static final Pattern ACQUIRING = Pattern.compile("(acquire|lock|obtain)");

    /** Closers whose name says they hold a lock ({@code LockResource}, {@code AutoLock}, {@code LockGuard}); not {@code LockTimer}. */
    private static final Pattern HOLDER_NAMES = Pattern.compile(
            "\\w*(Lock|LockResource|Locker|LockGuard|LockHolder|LockHandle|LockScope)");

    /** {@code try (Closer c = writeLock())} on a helper of this file that takes a lock for its closer. */
    private CriticalSection closingHelperSection(MethodCallExpr call) {
        ClosingLockHelpers.Taken taken = ClosingLockHelpers.takenBy(unit, call).orElse(null);
        LockRef base = taken == null ? null : lockRefOf(taken.receiver());
        if (base == null) {
            return null;
        }
        LockRef ref = base;
        if (taken.view() != null) {
            if (base.kind() != LockKind.READ_WRITE_LOCK) {
                return null;
            }
            ref = new LockRef(base.lock(), viewNamed(taken.view()), LockKind.LOCK);
        }
        walk(call);
        return push(acquire(ref, Acquisition.Kind.HANDLE, call, taken.receiver()));
    }

    /**
     * Walks both branches from the state before them. After the {@code if}: a branch that cannot
     * complete normally ({@code return}, {@code throw}) contributes nothing; two branches that do
     * keep only the sections both still hold (precision over recall).
     */
    private void walkIf(IfStmt ifStmt) {
        Guard guard = guardOf(ifStmt.getCondition());
        if (guard != null) {
            deferred.put(guard.call(), null);
        }
        walk(ifStmt.getCondition());
        Acquisition acquisition = guard == null ? null : deferred.remove(guard.call());
        boolean positive = acquisition != null && guard.positive();
        boolean negative = acquisition != null && !guard.positive();
        Statement thenStmt = ifStmt.getThenStmt();
        Statement elseStmt = ifStmt.getElseStmt().orElse(null);
        HeldLocks before = held;
        conditionalDepth++;
        CriticalSection thenSection = positive ? push(acquisition) : null;
        walk(thenStmt);
        if (thenSection != null) {
            close(thenSection);
        }
        HeldLocks afterThen = held;
        boolean thenExits = !Guards.canCompleteNormally(thenStmt);
        held = before;
        HeldLocks afterElse = before;
        boolean elseExits = false;
        if (elseStmt != null) {
            CriticalSection elseSection = negative ? push(acquisition) : null;
            walk(elseStmt);
            if (elseSection != null) {
                close(elseSection);
            }
            afterElse = held;
            elseExits = !Guards.canCompleteNormally(elseStmt);
        }
        conditionalDepth--;
        held = thenExits ? afterElse : elseExits ? afterThen : afterThen.retainedIn(afterElse);
        if (negative && thenExits && elseStmt == null) {
            push(acquisition); // if (!lock.tryLock()) return; -> held from here
        }
    }

    /**
     * A {@code switch}: each entry starts from the sections held before it (or, when the entry above
     * falls through, from those both hold), so {@code case READ: read.lock(); break; case WRITE:
     * write.lock();} takes the write lock with nothing held. After it, as after an {@code if}: only
     * the sections every entry that leaves to the next statement still holds.
     */
    private void walkSwitch(Expression selector, NodeList<SwitchEntry> entries) {
        walk(selector);
        conditionalDepth++;
        pushScope();
        HeldLocks before = held;
        HeldLocks after = null;
        boolean fallsIn = false;
        boolean exhaustive = false;
        for (SwitchEntry entry : entries) {
            exhaustive |= entry.isDefault() || entry.getLabels().isEmpty();
            held = fallsIn ? held.retainedIn(before) : before;
            entry.getLabels().forEach(this::walk);
            entry.getGuard().ifPresent(this::walk);
            entry.getStatements().forEach(this::walk);
            Statement last = entry.getStatements().getLast().orElse(null);
            boolean leavesSwitch = last instanceof BreakStmt b && b.getLabel().isEmpty() || last instanceof YieldStmt;
            boolean arrow = entry.getType() != SwitchEntry.Type.STATEMENT_GROUP;
            fallsIn = !arrow && (last == null || Guards.canCompleteNormally(last) && !leavesSwitch);
            if (leavesSwitch || arrow && Guards.canCompleteNormally(last)) {
                after = after == null ? held : after.retainedIn(held);
            }
        }
        if (fallsIn) {
            after = after == null ? held : after.retainedIn(held);
        }
        if (!exhaustive) {
            after = after == null ? before : after.retainedIn(before);
        }
        held = after == null ? before : after;
        popScope();
        conditionalDepth--;
    }

    private void walkWhile(WhileStmt whileStmt) {
        Guard guard = guardOf(whileStmt.getCondition());
        if (guard != null) {
            deferred.put(guard.call(), null);
        }
        walk(whileStmt.getCondition());
        Acquisition acquisition = guard == null ? null : deferred.remove(guard.call());
        conditionalDepth++;
        walk(whileStmt.getBody());
        conditionalDepth--;
        if (acquisition != null && !guard.positive()) {
            // while (!lock.tryLock()) { ... }: held once the loop exits.
            push(acquisition);
        }
    }

    /**
     * The lock of the current object when its class is itself a lock ({@code class Segment extends
     * ReentrantLock}, {@code class Section extends StampedLock}): its unqualified {@code lock()}/{@code
     * unlock()} ({@code writeLock()}/{@code unlockWrite(stamp)}) take and release it, and
     * {@code @GuardedBy("this")} names it. {@code null} for other classes.
     */
    private LockRef ownLock() {
        ClassFacts c = currentClass;
        for (int depth = 0; c != null && c.superclass() != null && depth < 16; depth++) {
            LockKind kind = KnownTypes.lockKind(c.superclass());
            if (kind == LockKind.LOCK || kind == LockKind.STAMPED_LOCK) {
                return new LockRef(LockId.thisMonitor(currentClass.name()), LockView.EXCLUSIVE, kind);
            }
            c = classesByName.get(c.superclass());
        }
        return null;
    }

    private Guard guardOf(Expression condition) {
        Expression e = unwrap(condition);
        if (e instanceof MethodCallExpr call && (TRY_ACQUIRE.contains(call.getNameAsString())
                && (call.getScope().isPresent() || ownLock() != null)
                && (LOCK_API_TRIES.contains(call.getNameAsString()) || call.getScope().map(this::lockRefOf).isPresent())
                || (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr t && t.getTypeName().isEmpty())
                && tryWrapper(call.getNameAsString(), call.getArguments().size()))) {
            return new Guard(call, true);
        }
        if (e instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Guard inner = guardOf(unary.getExpression());
            return inner == null ? null : new Guard(inner.call(), !inner.positive());
        }
        if (e instanceof BinaryExpr binary && Guards.comparedWithLiteral(binary) != null) {
            Guard inner = guardOf(Guards.comparedWithLiteral(binary));
            return inner == null ? null : new Guard(inner.call(), inner.positive() != Guards.negates(binary));
        }
        if (e instanceof BinaryExpr binary) {
            boolean and = binary.getOperator() == BinaryExpr.Operator.AND;
            boolean or = binary.getOperator() == BinaryExpr.Operator.OR;
            if (and || or) {
                // a && tryLock(): true only when acquired; !tryLock() || a: false only when acquired.
                for (Expression side : List.of(binary.getLeft(), binary.getRight())) {
                    Guard g = guardOf(side);
                    if (g != null && g.positive() == and) {
                        return g;
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- calls

    private void walkCall(MethodCallExpr call) {
        Expression scope = call.getScope().orElse(null);
        String name = call.getNameAsString();
        int argc = call.getArguments().size();
        FieldFacts mutated = scope != null && MUTATORS.contains(name) ? fieldNamedBy(scope) : null;
        if (mutated != null && (!KnownTypes.isUnsynchronizedCollection(mutated.type(), mutated.initializer())
                || assignedThreadSafe(mutated))) {
            mutated = null; // zkDb.clear(), a concurrent map's put: a call on the object, not a write to it
        }
        if (mutated != null && mutated.lockKind() == null) {
            if (scope instanceof FieldAccessExpr access) {
                walk(access.getScope());
            }
        } else if (scope != null) {
            walk(scope);
        }
        LockRunner runner = lockRunner(call);
        for (Expression arg : call.getArguments()) {
            if (runner != null && arg instanceof LambdaExpr lambda) {
                walkLambda(lambda, runner, call);
            } else {
                walk(arg);
            }
        }
        if (mutated != null && mutated.lockKind() == null) {
            recordAccess(mutated, FieldAccess.Kind.MUTATE, scope, call);
        }
        if (name.equals("unlock") && argc == 0 && scope != null && releasesEither(unwrap(scope), call)) {
            return;
        }
        LockRef receiver = scope == null || scope instanceof ThisExpr t && t.getTypeName().isEmpty() ? ownLock()
                : lockRefOf(scope);
        if (receiver == null && LOCK_CALLS.contains(name)) {
            receiver = inheritedLockGetter(scope);
        }
        if (receiver == null && LOCK_CALLS.contains(name) && scope != null && usedAsALocksCall(call, name, argc)) {
            receiver = inheritedLockField(scope);
        }
        if (receiver == null && scope != null && RELEASES.contains(name)) {
            receiver = localInitializedWith(scope, call);
        }
        if (receiver != null && lockOperation(call, receiver, name, argc)) {
            return;
        }
        if (((name.equals("wait") && argc <= 2) || (name.equals("notify") || name.equals("notifyAll")) && argc == 0)
                && !(scope == null && declaresOwnMethod(name)) && !(scope != null && staticTypeOf(scope) != null)) {
            MonitorCall.Kind kind = name.equals("wait") ? MonitorCall.Kind.WAIT
                    : name.equals("notify") ? MonitorCall.Kind.NOTIFY : MonitorCall.Kind.NOTIFY_ALL;
            // super.wait() is this.wait(): Object's monitor methods are final (aerospike's Monitor).
            boolean own = scope == null || scope instanceof SuperExpr sup && sup.getTypeName().isEmpty();
            LockId monitor = own ? implicitThis() : monitorIdOf(scope);
            boolean onLock = !own && KnownTypes.lockKind(typeOf(scope)) != null;
            recordMonitorCall(call, kind, LockRef.monitor(monitor), null, onLock, false);
            return;
        }
        if (name.equals("timedWait") && argc == 2 && scope != null
                && (KnownTypes.CONCURRENT_PKG + ".TimeUnit").equals(typeOrStaticTypeOf(scope))) {
            // unit.timedWait(monitor, t) is monitor.wait(..): it releases that monitor while it waits.
            recordMonitorCall(call, MonitorCall.Kind.WAIT, LockRef.monitor(monitorIdOf(call.getArgument(0))), null,
                    KnownTypes.lockKind(typeOf(call.getArgument(0))) != null, false);
            return;
        }
        String receiverType;
        boolean staticCall = false;
        boolean superCall = scope instanceof SuperExpr sup && sup.getTypeName().isEmpty();
        if (scope == null || scope instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            receiverType = currentClass.name();
        } else if (superCall) {
            receiverType = currentClass.superclass(); // super.m() runs the superclass's body, never an override
        } else {
            String asType = staticTypeOf(scope);
            if (asType != null) {
                receiverType = asType;
                staticCall = true;
            } else {
                receiverType = typeOf(scope);
            }
        }
        CallSite site = new CallSite(current, ref(call), receiverType, staticCall, receiverOrigin(scope),
                receiverField(scope), BlockingCalls.describe(receiverType, call), held,
                call.getNameAsString().intern(), call.getArguments().size(), scope == null,
                scope instanceof NameExpr n ? n.getNameAsString() : null,
                Guards.onlyWhenNoLockHeld(call, current.declaration()), superCall);
        current.calls.add(site);
        for (CriticalSection section : held.sections()) {
            section.add(site);
        }
        LockWrapper wrapper = scope == null || scope instanceof ThisExpr t && t.getTypeName().isEmpty()
                ? lockWrapper(name, argc) : null;
        if (wrapper != null && wrapper.method() != current.declaration()) {
            // The call stays a call (summaries, callers) and also takes or releases the lock here.
            if (wrapper.kind() == Acquisition.Kind.TRY_STAMP) {
                tryAcquire(wrapper.lock(), wrapper.kind(), call);
            } else if (wrapper.acquires()) {
                push(acquire(wrapper.lock(), wrapper.kind(), call, null));
            } else {
                release(wrapper.lock(), call);
            }
        }
    }

    /**
     * A method of this object that only takes, or only releases, a lock field for its caller:
     * {@code void lockExclusive() { lock.writeLock().lock(); }}, or one annotated Error Prone's
     * {@code @LockMethod("lock")}/{@code @UnlockMethod("lock")} or the Checker Framework's
     * {@code @EnsuresLockHeld("lock")}. Followed only when the class has both halves for the lock: a
     * lone taking helper is released in ways this walker may not see, and an unreleased lock it would
     * then report was never there. A {@code StampedLock}'s helpers hand the stamp over: {@code long
     * acquireReadLock() { return lock.readLock(); }}, {@code long tryAcquireWriteLock() { return
     * lock.tryWriteLock(); }} and {@code void releaseWriteLock(long stamp) { lock.unlockWrite(stamp); }}
     * (Infinispan keeps them so that BlockHound can be told which methods block; held-out sample 32).
     *
     * @param kind how the wrapper takes the lock ({@code LOCK_INTERRUPTIBLY} and {@code TRY_STAMP} can
     *             fail), null for a wrapper that releases it
     */
    private record LockWrapper(Node method, LockRef lock, Acquisition.Kind kind) {
        boolean acquires() {
            return kind != null;
        }
    }

    /** The {@code StampedLock} calls a stamp wrapper may make, and the view and kind each takes (kind null: a release). */
    private record StampOperation(LockView view, Acquisition.Kind kind) {
    }

    private static final Map<String, StampOperation> STAMP_OPERATIONS = Map.of(
            "readLock", new StampOperation(LockView.READ, Acquisition.Kind.STAMP),
            "writeLock", new StampOperation(LockView.WRITE, Acquisition.Kind.STAMP),
            "tryReadLock", new StampOperation(LockView.READ, Acquisition.Kind.TRY_STAMP),
            "tryWriteLock", new StampOperation(LockView.WRITE, Acquisition.Kind.TRY_STAMP),
            "unlockRead", new StampOperation(LockView.READ, null),
            "unlockWrite", new StampOperation(LockView.WRITE, null),
            "unlock", new StampOperation(LockView.EXCLUSIVE, null));

    private final Map<ClassFacts, Map<String, LockWrapper>> lockWrappers = new IdentityHashMap<>();

    private boolean tryWrapper(String name, int argc) {
        LockWrapper wrapper = lockWrapper(name, argc);
        return wrapper != null && wrapper.kind() == Acquisition.Kind.TRY_STAMP;
    }

    private LockWrapper lockWrapper(String name, int argc) {
        for (ClassFacts c = currentClass; c != null; c = c.enclosing()) {
            if (declaredReturnType(c, name) != null) {
                // The nearest class declaring the name owns the call (as in the call graph).
                return lockWrappers.computeIfAbsent(c, this::findLockWrappers).get(name + "/" + argc);
            }
        }
        return null;
    }

    private Map<String, LockWrapper> findLockWrappers(ClassFacts owner) {
        ClassFacts savedClass = currentClass;
        List<Map<String, Local>> savedScopes = scopes;
        currentClass = owner;
        scopes = new ArrayList<>();
        Map<String, LockWrapper> found = new HashMap<>();
        Map<String, Integer> overloads = new HashMap<>();
        try {
            if (!(owner.declaration() instanceof TypeDeclaration<?> type)) {
                return Map.of();
            }
            for (MethodDeclaration m : type.getMethods()) {
                String key = m.getNameAsString() + "/" + m.getParameters().size();
                overloads.merge(key, 1, Integer::sum);
                LockWrapper w = wrapperOf(m);
                if (w != null) {
                    found.put(key, w);
                }
            }
        } finally {
            currentClass = savedClass;
            scopes = savedScopes;
        }
        found.keySet().removeIf(key -> overloads.get(key) > 1);
        Set<LockId> taken = new HashSet<>();
        Set<LockId> released = new HashSet<>();
        found.values().forEach(w -> (w.acquires() ? taken : released).add(w.lock().lock()));
        found.values().removeIf(w -> !(taken.contains(w.lock().lock()) && released.contains(w.lock().lock())));
        return found;
    }

    private LockWrapper wrapperOf(MethodDeclaration m) {
        for (AnnotationExpr annotation : m.getAnnotations()) {
            String kind = annotation.getName().getIdentifier();
            boolean takes = kind.equals("LockMethod") || kind.equals("EnsuresLockHeld");
            if ((takes || kind.equals("UnlockMethod")) && annotation instanceof SingleMemberAnnotationExpr single
                    && single.getMemberValue() instanceof StringLiteralExpr named) {
                FieldFacts field = field(named.getValue().strip().replaceFirst("^this\\.", ""));
                LockRef ref = field == null ? null : field.lockRef();
                return ref != null && ref.kind() == LockKind.LOCK
                        ? new LockWrapper(m, ref, takes ? Acquisition.Kind.LOCK : null) : null;
            }
        }
        BlockStmt body = m.getBody().orElse(null);
        LockWrapper stamps = body == null || body.getStatements().size() != 1 ? null : stampWrapperOf(m, body.getStatement(0));
        if (stamps != null) {
            return stamps;
        }
        if (body == null || body.getStatements().size() != 1 || !m.getParameters().isEmpty()
                || !(body.getStatement(0) instanceof ExpressionStmt only)
                || !(only.getExpression() instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return null;
        }
        String op = call.getNameAsString();
        if (!call.getArguments().isEmpty() || !(op.equals("lock") || op.equals("lockInterruptibly")
                || op.equals("unlock"))) {
            return null;
        }
        LockRef ref = lockRefOf(call.getScope().get());
        return ref != null && ref.kind() == LockKind.LOCK && ref.lock().kind() == LockId.Kind.FIELD
                ? new LockWrapper(m, ref, op.equals("unlock") ? null
                        : op.equals("lockInterruptibly") ? Acquisition.Kind.LOCK_INTERRUPTIBLY : Acquisition.Kind.LOCK)
                : null;
    }

    /**
     * {@code return lock.readLock();} (no parameters) or {@code lock.unlockRead(stamp);} (the one
     * parameter handed on) on a {@code StampedLock} field: a wrapper that hands its caller the stamp.
     */
    private LockWrapper stampWrapperOf(MethodDeclaration m, Statement only) {
        Expression e = only instanceof ReturnStmt r && m.getParameters().isEmpty() ? r.getExpression().orElse(null)
                : only instanceof ExpressionStmt x && m.getParameters().size() == 1 ? x.getExpression() : null;
        if (!(e instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return null;
        }
        StampOperation op = STAMP_OPERATIONS.get(call.getNameAsString());
        boolean release = op != null && op.kind() == null;
        if (op == null || release != (only instanceof ExpressionStmt) || call.getArguments().size() != (release ? 1 : 0)
                || release && !(call.getArgument(0) instanceof NameExpr stamp
                        && stamp.getNameAsString().equals(m.getParameter(0).getNameAsString()))) {
            return null;
        }
        LockRef ref = lockRefOf(call.getScope().get());
        return ref != null && ref.kind() == LockKind.STAMPED_LOCK && ref.lock().kind() == LockId.Kind.FIELD
                ? new LockWrapper(m, new LockRef(ref.lock(), op.view(), LockKind.STAMPED_LOCK), op.kind()) : null;
    }

    /**
     * The field is assigned a thread-safe collection somewhere in its class ({@code this.active =
     * new CopyOnWriteArraySet<>()} in a constructor or init method): its mutating calls are no
     * writes a lock must guard.
     */
    private boolean assignedThreadSafe(FieldFacts field) {
        return threadSafeAssignments.computeIfAbsent(field.id().name(), k -> {
            ClassFacts owner = classesByName.get(field.declaringClass());
            if (owner == null) {
                return false;
            }
            for (AssignExpr assign : owner.declaration().findAll(AssignExpr.class)) {
                Expression target = assign.getTarget();
                String name = target instanceof FieldAccessExpr f ? f.getNameAsString()
                        : target instanceof NameExpr n ? n.getNameAsString() : null;
                if (field.name().equals(name) && threadSafeValue(owner, field, assign.getValue())) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * {@code new ConcurrentHashMap<>()}, or {@code makeMap()} where every {@code return} of the
     * class's own factory method gives one ({@code Collections.synchronizedMap(..)}).
     */
    private static boolean threadSafeValue(ClassFacts owner, FieldFacts field, Expression value) {
        if (value instanceof MethodCallExpr call && CallSite.onThisObject(call)
                && call.getArguments().isEmpty()) {
            List<ReturnStmt> returns = new ArrayList<>();
            for (MethodDeclaration m : owner.declaration().findAll(MethodDeclaration.class,
                    m -> m.getNameAsString().equals(call.getNameAsString()) && m.getParameters().isEmpty())) {
                m.getBody().ifPresent(b -> returns.addAll(b.findAll(ReturnStmt.class)));
            }
            return !returns.isEmpty() && returns.stream().allMatch(r -> r.getExpression()
                    .filter(e -> !KnownTypes.isUnsynchronizedCollection(field.type(), e)).isPresent());
        }
        return !KnownTypes.isUnsynchronizedCollection(field.type(), value);
    }

    /**
     * An enclosing class of this file declares a method of that name: an unqualified {@code wait(lock, d)}
     * is that helper, not {@code this.wait}.
     */
    private boolean declaresOwnMethod(String name) {
        for (ClassFacts c = currentClass; c != null; c = c.enclosing()) {
            if (declaredReturnType(c, name) != null) {
                return true;
            }
        }
        return false;
    }

    /** The type an expression names ({@code TimeUnit}) or, failing that, its value's type. */
    private String typeOrStaticTypeOf(Expression e) {
        String asType = staticTypeOf(e);
        return asType != null ? asType : typeOf(e);
    }

    private CallSite.Receiver receiverOrigin(Expression scope) {
        Expression e = scope == null ? null : unwrap(scope);
        if (e == null || e instanceof ThisExpr || e instanceof SuperExpr) {
            return CallSite.Receiver.THIS;
        }
        if (e instanceof NameExpr name) {
            Local local = local(name.getNameAsString());
            if (local != null) {
                return local.isParameter() ? CallSite.Receiver.PARAMETER
                        : local.elementOf() != null ? CallSite.Receiver.ELEMENT_OF_FIELD : CallSite.Receiver.LOCAL;
            }
            if (field(name.getNameAsString()) != null) {
                return CallSite.Receiver.FIELD;
            }
            return staticTypeOf(e) != null ? CallSite.Receiver.TYPE : CallSite.Receiver.OTHER;
        }
        if (e instanceof FieldAccessExpr access) {
            return fieldOf(access) != null ? CallSite.Receiver.FIELD
                    : staticTypeOf(access) != null ? CallSite.Receiver.TYPE : CallSite.Receiver.OTHER;
        }
        return CallSite.Receiver.OTHER;
    }

    private FieldFacts receiverField(Expression scope) {
        if (scope == null) {
            return null;
        }
        Expression e = unwrap(scope);
        if (e instanceof NameExpr name) {
            Local local = local(name.getNameAsString());
            if (local != null) {
                return local.elementOf();
            }
        }
        return fieldNamedBy(e);
    }

    /** Records a lock/unlock/await/signal on a lock-typed receiver; false when {@code name} is none of them. */
    private boolean lockOperation(MethodCallExpr call, LockRef receiver, String name, int argc) {
        Expression target = call.getScope().orElse(null);
        switch (receiver.kind()) {
            case LOCK -> {
                switch (name) {
                    case "lock" -> push(acquire(receiver, Acquisition.Kind.LOCK, call, target));
                    case "lockInterruptibly" ->
                            push(acquire(receiver, Acquisition.Kind.LOCK_INTERRUPTIBLY, call, target));
                    case "tryLock" -> tryAcquire(receiver,
                            argc == 0 ? Acquisition.Kind.TRY_LOCK : Acquisition.Kind.TIMED_TRY_LOCK, call);
                    case "unlock" -> release(receiver, call);
                    // Guava's Monitor: enter() and enterWhen(guard) block, their timed forms and
                    // tryEnter()/enterIf(guard) may fail, leave() releases.
                    case "enter", "enterWhenUninterruptibly" -> {
                        if (argc == (name.equals("enter") ? 0 : 1)) {
                            push(acquire(receiver, Acquisition.Kind.LOCK, call, target));
                        } else {
                            tryAcquire(receiver, Acquisition.Kind.TIMED_TRY_LOCK, call);
                        }
                    }
                    case "enterInterruptibly", "enterWhen" -> {
                        if (argc == (name.equals("enterWhen") ? 1 : 0)) {
                            push(acquire(receiver, Acquisition.Kind.LOCK_INTERRUPTIBLY, call, target));
                        } else {
                            tryAcquire(receiver, Acquisition.Kind.TIMED_TRY_LOCK, call);
                        }
                    }
                    case "tryEnter", "tryEnterIf", "enterIf", "enterIfInterruptibly" -> tryAcquire(receiver,
                            argc <= 1 ? Acquisition.Kind.TRY_LOCK : Acquisition.Kind.TIMED_TRY_LOCK, call);
                    case "leave" -> release(receiver, call);
                    default -> {
                        return false;
                    }
                }
                return true;
            }
            case STAMPED_LOCK -> {
                switch (name) {
                    case "readLock", "readLockInterruptibly" -> push(acquire(
                            new LockRef(receiver.lock(), LockView.READ, receiver.kind()), Acquisition.Kind.STAMP,
                            call, target));
                    case "writeLock", "writeLockInterruptibly" -> push(acquire(
                            new LockRef(receiver.lock(), LockView.WRITE, receiver.kind()), Acquisition.Kind.STAMP,
                            call, target));
                    case "tryReadLock" -> tryAcquire(new LockRef(receiver.lock(), LockView.READ, receiver.kind()),
                            Acquisition.Kind.TRY_STAMP, call);
                    case "tryWriteLock" -> tryAcquire(new LockRef(receiver.lock(), LockView.WRITE, receiver.kind()),
                            Acquisition.Kind.TRY_STAMP, call);
                    case "tryOptimisticRead" -> acquire(new LockRef(receiver.lock(), LockView.READ, receiver.kind()),
                            Acquisition.Kind.OPTIMISTIC_READ, call, target);
                    case "unlockRead" -> release(new LockRef(receiver.lock(), LockView.READ, receiver.kind()), call);
                    case "unlockWrite" -> release(new LockRef(receiver.lock(), LockView.WRITE, receiver.kind()), call);
                    // unlock(stamp) releases whichever mode the stamp holds: it pairs with a read
                    // and a write acquisition alike (jodd's cache upgrades read to write and
                    // releases both ways through one finally).
                    case "unlock" -> release(new LockRef(receiver.lock(), LockView.EXCLUSIVE, LockKind.STAMPED_LOCK), call);
                    default -> {
                        return false;
                    }
                }
                return true;
            }
            case CONDITION -> {
                MonitorCall.Kind kind = switch (name) {
                    case "await", "awaitNanos", "awaitUninterruptibly", "awaitUntil" -> MonitorCall.Kind.AWAIT;
                    case "signal" -> MonitorCall.Kind.SIGNAL;
                    case "signalAll" -> MonitorCall.Kind.SIGNAL_ALL;
                    default -> null;
                };
                if (kind == null) {
                    return false;
                }
                boolean zero = kind == MonitorCall.Kind.AWAIT && !name.equals("awaitUntil") && argc >= 1
                        && BlockingCalls.isZero(call.getArguments(), 0);
                recordMonitorCall(call, kind, receiver, conditionOwnerOf(call.getScope().get()), false, zero);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void tryAcquire(LockRef ref, Acquisition.Kind kind, MethodCallExpr call) {
        Acquisition acquisition = acquire(ref, kind, call, call.getScope().orElse(null));
        if (deferred.containsKey(call)) {
            deferred.put(call, acquisition);
            return;
        }
        Node parent = call.getParentNode().orElse(null);
        if (parent instanceof ExpressionStmt || parent instanceof VariableDeclarator || parent instanceof AssignExpr) {
            // Ignored or stored result: treat as held from here (the release rules judge the pairing).
            push(acquisition);
        }
    }

    private Acquisition acquire(LockRef ref, Acquisition.Kind kind, Node node, Expression target) {
        FieldFacts field = null;
        String type = null;
        if (target != null) {
            Expression e = unwrap(target);
            if (viewOf(e) instanceof LockRef && e instanceof MethodCallExpr view) {
                e = view.getScope().orElseThrow();
            }
            field = fieldNamedBy(e);
            type = typeOf(target);
        }
        Acquisition acquisition = new Acquisition(current, ref, kind, ref(node), held, field, type);
        current.acquisitions.add(acquisition);
        for (CriticalSection section : held.sections()) {
            section.add(acquisition);
        }
        return acquisition;
    }

    private CriticalSection push(Acquisition acquisition) {
        CriticalSection section = new CriticalSection(acquisition);
        current.sections.add(section);
        held = held.push(section);
        return section;
    }

    private void close(CriticalSection section) {
        held = held.without(section);
    }

    /**
     * {@code (shared ? readLock : writeLock).unlock()}: releases whichever of the two the path holds
     * (OpenDJ's read-to-write upgrade, a flag set when the write lock is taken), so each is a
     * conditional release there; so is {@code held.unlock()} of a local the method assigned several
     * locks ({@link #locksAssignedTo}), and of a local assigned one lock it is that lock's release.
     * False when {@code scope} is neither.
     */
    private boolean releasesEither(Expression scope, MethodCallExpr call) {
        List<LockRef> either = new ArrayList<>(2);
        if (scope instanceof ConditionalExpr choice) {
            either.add(lockRefOf(choice.getThenExpr()));
            either.add(lockRefOf(choice.getElseExpr()));
        } else if (scope instanceof NameExpr name) {
            either.addAll(locksAssignedTo(name, call));
        }
        if (either.isEmpty() || either.stream().anyMatch(r -> r == null || r.kind() != LockKind.LOCK)) {
            return false;
        }
        List<LockRef> distinct = either.stream().distinct().toList();
        if (distinct.size() > 1) {
            conditionalDepth++;
        }
        distinct.forEach(ref -> release(ref, call));
        if (distinct.size() > 1) {
            conditionalDepth--;
        }
        return true;
    }

    private static final Set<String> RELEASES = Set.of("unlock", "unlockRead", "unlockWrite", "leave");

    /**
     * {@code ReentrantLock lock = entry.queuedActionLock; .. lock.tryLock() .. finally { if
     * (lock.isHeldByCurrentThread()) entry.queuedActionLock.unlock(); }}: a release through the
     * expression a local lock of this method was initialized with, where that expression's own lock
     * is unknown (a field of a class in another file), is the release of the local's lock (Grizzly's
     * async queues, held-out sample 34). Only for a local never assigned again.
     */
    private LockRef localInitializedWith(Expression scope, MethodCallExpr call) {
        Node body = current == null ? null : current.declaration();
        if (body == null) {
            return null;
        }
        Map<String, List<VariableDeclarator>> byInitializer = initializedLocals.computeIfAbsent(body, b -> {
            Map<String, List<VariableDeclarator>> index = new HashMap<>();
            for (VariableDeclarator d : b.findAll(VariableDeclarator.class, d -> d.getInitializer().isPresent())) {
                Expression init = d.getInitializer().get();
                String key = init.isFieldAccessExpr() || init.isNameExpr() ? init.toString() : fieldReadByGetter(init);
                if (key != null) {
                    index.computeIfAbsent(key, k -> new ArrayList<>(1)).add(d);
                }
            }
            return index;
        });
        for (VariableDeclarator v : byInitializer.getOrDefault(scope.toString(), List.of())) {
            String name = v.getNameAsString();
            Node block = v.findAncestor(BlockStmt.class).orElse(null);
            Local local = local(name);
            // The declaration in scope here, never assigned again, nor the names its initializer reads.
            if (block == null || !Guards.contains(block, call) || !Guards.isAfter(call, v) || local == null
                    || local.lockRef() == null || local.isParameter()) {
                continue;
            }
            Set<String> names = new HashSet<>();
            names.add(name);
            v.getInitializer().get().findAll(NameExpr.class).forEach(n -> names.add(n.getNameAsString()));
            if (body.findFirst(AssignExpr.class, a -> a.getTarget() instanceof NameExpr n
                    && names.contains(n.getNameAsString())).isEmpty()) {
                return local.lockRef();
            }
        }
        return null;
    }

    /**
     * {@code color.getLock()}: the field a getter of that name would read, named {@code color.lock}
     * (errai's {@code lock = bufferColor.getLock(); .. finally { bufferColor.lock.unlock(); }}, held-out
     * sample 36): the getter's body is not read (its class is in another file), the names are trusted;
     * null for any other expression.
     */
    private static String fieldReadByGetter(Expression e) {
        if (!(e instanceof MethodCallExpr call) || call.getArguments().isNonEmpty() || call.getNameAsString().length() < 4
                || !call.getNameAsString().startsWith("get") || !Character.isUpperCase(call.getNameAsString().charAt(3))
                || call.getScope().filter(x -> x.isNameExpr() || x.isFieldAccessExpr()).isEmpty()) {
            return null;
        }
        Expression scope = call.getScope().get();
        String field = call.getNameAsString().substring(3);
        return scope + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }

    /** Per method: its local declarations initialized with a field read, a name or a getter, by the field's text. */
    private final Map<Node, Map<String, List<VariableDeclarator>>> initializedLocals = new IdentityHashMap<>();

    /**
     * The locks a local {@code Lock} variable declared without one is assigned in its method: in the
     * downgrade idiom ({@code w.lock(); held = w; try { r.lock(); w.unlock(); held = r; .. } finally {
     * held.unlock(); }}, libjitsi's RTPTranslatorImpl) its release is the release of whichever it holds.
     * Empty when the variable is not such a local or is assigned anything but a known lock.
     */
    private List<LockRef> locksAssignedTo(NameExpr name, MethodCallExpr call) {
        Local local = local(name.getNameAsString());
        if (local == null || local.isParameter() || local.lockRef() == null
                || !local.lockRef().lock().equals(localId(name.getNameAsString()))) {
            return List.of();
        }
        Node body = call.findAncestor(n -> n instanceof CallableDeclaration<?> || n instanceof LambdaExpr
                || n instanceof InitializerDeclaration, Node.class).orElse(null);
        if (body == null) {
            return List.of();
        }
        if (body.findFirst(MethodCallExpr.class, c -> c.getScope().filter(sc -> sc instanceof NameExpr n
                && n.getNameAsString().equals(name.getNameAsString())).isPresent()
                && !c.getNameAsString().equals("unlock") && LOCK_CALLS.contains(c.getNameAsString())).isPresent()) {
            return List.of(); // l = choose(); l.lock(); .. l.unlock(): the local's own acquisition pairs with it
        }
        List<LockRef> assigned = new ArrayList<>(2);
        for (AssignExpr assign : body.findAll(AssignExpr.class,
                a -> a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(name.getNameAsString()))) {
            LockRef ref = assign.getOperator() == AssignExpr.Operator.ASSIGN ? lockRefOf(assign.getValue()) : null;
            if (ref == null || ref.lock().equals(local.lockRef().lock())) {
                return List.of();
            }
            assigned.add(ref);
        }
        return assigned;
    }

    private void release(LockRef ref, MethodCallExpr call) {
        FinallyFrame frame = finallies.isEmpty() ? null : finallies.get(finallies.size() - 1);
        boolean conditional = frame == null ? conditionalDepth > 0 : conditionalDepth > frame.depth();
        current.releases.add(new Release(current, ref, ref(call), frame == null ? null : ref(frame.tryStmt()),
                conditional));
        CriticalSection open = held.findPairing(ref);
        if (open != null) {
            close(open);
            if (frame != null && !conditional && !Guards.contains(frame.tryStmt().getTryBlock(),
                    open.acquisition().node())) {
                open.body(ref(frame.tryStmt().getTryBlock())); // lock(); try { body } finally { unlock(); }
            }
        }
    }

    private void recordMonitorCall(MethodCallExpr call, MonitorCall.Kind kind, LockRef target, LockRef owner,
            boolean onLockObject, boolean zeroTimeout) {
        MonitorCall monitorCall = new MonitorCall(current, ref(call), kind, target, owner, onLockObject, zeroTimeout,
                held);
        current.monitorCalls.add(monitorCall);
        for (CriticalSection section : held.sections()) {
            section.add(monitorCall);
        }
    }

    // ---------------------------------------------------------------- fields

    private void recordRead(NameExpr name) {
        if (local(name.getNameAsString()) != null) {
            return;
        }
        FieldFacts field = field(name.getNameAsString());
        if (field != null) {
            recordAccess(field, FieldAccess.Kind.READ, name, name);
        }
    }

    private void walkFieldAccess(FieldAccessExpr access) {
        walk(access.getScope());
        FieldFacts field = fieldOf(access);
        if (field != null) {
            recordAccess(field, FieldAccess.Kind.READ, access, access);
        }
    }

    private void walkAssign(AssignExpr assign) {
        walk(assign.getValue());
        Expression target = assign.getTarget();
        FieldFacts field = fieldNamedBy(target);
        if (field == null) {
            walk(target);
            return;
        }
        if (target instanceof FieldAccessExpr access) {
            walk(access.getScope());
        }
        recordAccess(field, assign.getOperator() == AssignExpr.Operator.ASSIGN ? FieldAccess.Kind.ASSIGN
                : FieldAccess.Kind.COMPOUND, target, assign);
    }

    private static boolean isIncrement(UnaryExpr unary) {
        return switch (unary.getOperator()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    private void walkIncrement(UnaryExpr unary) {
        Expression operand = unary.getExpression();
        FieldFacts field = fieldNamedBy(operand);
        if (field == null) {
            walk(operand);
            return;
        }
        if (operand instanceof FieldAccessExpr access) {
            walk(access.getScope());
        }
        recordAccess(field, FieldAccess.Kind.INCREMENT, operand, unary);
    }

    private void recordAccess(FieldFacts field, FieldAccess.Kind kind, Node node, Node effect) {
        if (current == null) {
            return;
        }
        boolean own = field.isStatic() || !(node instanceof FieldAccessExpr fa)
                || fa.getScope() instanceof ThisExpr || fa.getScope() instanceof SuperExpr;
        FieldAccess access = new FieldAccess(current, field, kind, ref(node), ref(effect), held, own);
        current.fieldAccesses.add(access);
        for (CriticalSection section : held.sections()) {
            section.add(access);
        }
    }

    /** The field an expression names ({@code f}, {@code this.f}, {@code Outer.f}, {@code other.f}), or {@code null}. */
    private FieldFacts fieldNamedBy(Expression e) {
        e = unwrap(e);
        if (e instanceof NameExpr name) {
            return local(name.getNameAsString()) != null ? null : field(name.getNameAsString());
        }
        if (e instanceof FieldAccessExpr access) {
            return fieldOf(access);
        }
        return null;
    }

    private FieldFacts fieldOf(FieldAccessExpr access) {
        Expression scope = access.getScope();
        String name = access.getNameAsString();
        ClassFacts owner = null;
        if (scope instanceof ThisExpr t) {
            owner = t.getTypeName().isPresent() ? classesByName.get(types.resolve(t.getTypeName().get().asString()))
                    : currentClass;
        } else if (scope instanceof SuperExpr) {
            owner = currentClass == null || currentClass.superclass() == null ? null
                    : classesByName.get(currentClass.superclass());
        } else {
            String type = typeOrStaticTypeOf(scope);
            owner = type == null ? null : classesByName.get(type);
        }
        return owner == null ? null : fieldInHierarchy(owner, name);
    }

    private FieldFacts field(String name) {
        for (ClassFacts c = currentClass; c != null; c = c.enclosing()) {
            FieldFacts f = fieldInHierarchy(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private FieldFacts fieldInHierarchy(ClassFacts start, String name) {
        return LockFacts.fieldInHierarchy(classesByName, start, name);
    }

    // ---------------------------------------------------------------- locals

    private void pushScope() {
        scopes.add(null);
    }

    private void popScope() {
        scopes.remove(scopes.size() - 1);
    }

    private void declare(String name, Local local) {
        int top = scopes.size() - 1;
        if (top < 0) {
            return;
        }
        Map<String, Local> scope = scopes.get(top);
        if (scope == null) {
            scope = new HashMap<>(4);
            scopes.set(top, scope);
        }
        scope.put(name, local);
    }

    private Local local(String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Map<String, Local> scope = scopes.get(i);
            if (scope != null) {
                Local local = scope.get(name);
                if (local != null) {
                    return local;
                }
            }
        }
        return null;
    }

    private void declareParameter(Parameter p) {
        String type = types.resolve(p.getType());
        LockKind kind = KnownTypes.lockKind(type);
        LockRef ref = kind == null ? null : new LockRef(localId(p.getNameAsString()), LockView.EXCLUSIVE, kind);
        declare(p.getNameAsString(), new Local(type, ref, null, null, true, null));
    }

    private void declareLocal(String name, Type declared, Expression init) {
        String type = declared.isVarType() ? (init == null ? null : typeOf(init)) : types.resolve(declared);
        LockKind kind = KnownTypes.lockKind(type);
        LockRef ref = null;
        LockRef conditionOf = null;
        if (kind != null) {
            if (init != null && !(init instanceof ObjectCreationExpr)) {
                ref = lockRefOf(init);
            }
            if (ref == null) {
                ref = new LockRef(localId(name), LockView.EXCLUSIVE, kind);
            }
            if (kind == LockKind.CONDITION) {
                conditionOf = conditionOwnerOf(init);
            }
        }
        LockId alias = null;
        if (init != null && (unwrap(init) instanceof NameExpr || unwrap(init) instanceof FieldAccessExpr
                || unwrap(init) instanceof ThisExpr || unwrap(init) instanceof ClassExpr)) {
            noteMonitorsOfOtherFiles = false; // a local's initializer is no monitor taken: nothing to note
            try {
                alias = monitorIdOf(init);
            } finally {
                noteMonitorsOfOtherFiles = true;
            }
            if (alias.kind() == LockId.Kind.EXPRESSION) {
                alias = null;
            }
        }
        declare(name, new Local(type, ref, conditionOf, alias, false, null));
    }

    private LockId localId(String name) {
        String method = current == null ? currentClass.name() : current.qualifiedName();
        return new LockId(method + "." + name, LockId.Kind.LOCAL);
    }

    // ---------------------------------------------------------------- typing and identity

    private static Expression unwrap(Expression e) {
        while (true) {
            if (e instanceof EnclosedExpr enclosed) {
                e = enclosed.getInner();
            } else if (e instanceof CastExpr cast) {
                e = cast.getExpression();
            } else {
                return e;
            }
        }
    }

    /** The qualified type of an expression when known without a classpath, else {@code null}. */
    private String typeOf(Expression e) {
        if (e instanceof NameExpr name) {
            Local local = local(name.getNameAsString());
            if (local != null) {
                return local.type();
            }
            FieldFacts field = field(name.getNameAsString());
            return field == null ? null : field.type();
        }
        if (e instanceof FieldAccessExpr access) {
            FieldFacts field = fieldOf(access);
            if (field != null) {
                return field.type();
            }
            String scopeType = staticTypeOf(access.getScope());
            if ("java.lang.System".equals(scopeType)) {
                return access.getNameAsString().equals("in") ? "java.io.InputStream" : "java.io.PrintStream";
            }
            if ((KnownTypes.CONCURRENT_PKG + ".TimeUnit").equals(scopeType)) {
                return scopeType;
            }
            return null;
        }
        if (e instanceof MethodCallExpr call) {
            return returnTypeOf(call);
        }
        if (e instanceof ObjectCreationExpr creation) {
            return types.resolve(creation.getType());
        }
        if (e instanceof CastExpr cast) {
            return types.resolve(cast.getType());
        }
        if (e instanceof EnclosedExpr enclosed) {
            return typeOf(enclosed.getInner());
        }
        if (e instanceof ThisExpr t) {
            return t.getTypeName().isPresent() ? types.resolve(t.getTypeName().get().asString())
                    : currentClass.name();
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return "java.lang.String";
        }
        return null;
    }

    /** When {@code e} names a type ({@code Thread}, {@code java.nio.file.Files}): that type, else {@code null}. */
    private String staticTypeOf(Expression e) {
        if (e instanceof NameExpr name) {
            String n = name.getNameAsString();
            if (Character.isUpperCase(n.charAt(0)) && local(n) == null && field(n) == null) {
                return types.resolve(n);
            }
            return null;
        }
        if (e instanceof FieldAccessExpr access && Character.isUpperCase(access.getNameAsString().charAt(0))) {
            // java.nio.file.Files: a lower-case root that is no variable starts a qualified type name.
            Expression root = access;
            while (root instanceof FieldAccessExpr inner) {
                root = inner.getScope();
            }
            if (root instanceof NameExpr r && Character.isLowerCase(r.getNameAsString().charAt(0))
                    && local(r.getNameAsString()) == null && field(r.getNameAsString()) == null) {
                return access.toString();
            }
        }
        return null;
    }

    private String returnTypeOf(MethodCallExpr call) {
        String name = call.getNameAsString();
        Expression scope = call.getScope().orElse(null);
        if (scope == null || scope instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            for (ClassFacts c = currentClass; c != null; c = c.enclosing()) {
                String type = declaredReturnType(c, name);
                if (type != null) {
                    return type.isEmpty() || type.equals("void") ? null : type;
                }
            }
            return null;
        }
        String receiver = typeOrStaticTypeOf(scope);
        if (receiver == null) {
            return null;
        }
        LockKind kind = KnownTypes.lockKind(receiver);
        if (kind == LockKind.READ_WRITE_LOCK && (name.equals("readLock") || name.equals("writeLock"))
                || kind == LockKind.STAMPED_LOCK && (name.equals("asReadLock") || name.equals("asWriteLock"))) {
            return LOCKS + "Lock";
        }
        if (kind == LockKind.LOCK && name.equals("newCondition")) {
            return LOCKS + "Condition";
        }
        String simple = KnownTypes.simpleName(receiver);
        String known = switch (simple + "." + name) {
            case "Thread.currentThread" -> "java.lang.Thread";
            case "Executors.newScheduledThreadPool", "Executors.newSingleThreadScheduledExecutor" ->
                    KnownTypes.CONCURRENT_PKG + ".ScheduledExecutorService";
            case "ExecutorService.submit", "ScheduledExecutorService.submit", "ForkJoinPool.submit" ->
                    KnownTypes.CONCURRENT_PKG + ".Future";
            case "ScheduledExecutorService.schedule" -> KnownTypes.CONCURRENT_PKG + ".ScheduledFuture";
            case "CompletableFuture.supplyAsync", "CompletableFuture.runAsync", "CompletableFuture.allOf",
                    "CompletableFuture.anyOf", "CompletableFuture.thenApply", "CompletableFuture.thenCompose",
                    "CompletableFuture.thenApplyAsync" -> KnownTypes.CONCURRENT_PKG + ".CompletableFuture";
            case "Socket.getInputStream", "Process.getInputStream", "URLConnection.getInputStream",
                    "HttpURLConnection.getInputStream" -> "java.io.InputStream";
            case "Socket.getOutputStream", "Process.getOutputStream" -> "java.io.OutputStream";
            case "URL.openConnection" -> "java.net.URLConnection";
            case "Connection.prepareStatement" -> "java.sql.PreparedStatement";
            case "Connection.createStatement" -> "java.sql.Statement";
            case "Connection.prepareCall" -> "java.sql.CallableStatement";
            case "DriverManager.getConnection" -> "java.sql.Connection";
            case "HttpClient.newHttpClient" -> "java.net.http.HttpClient";
            case "ProcessBuilder.start", "Runtime.exec" -> "java.lang.Process";
            case "Runtime.getRuntime" -> "java.lang.Runtime";
            case "SocketChannel.open" -> "java.nio.channels.SocketChannel";
            case "ServerSocketChannel.open" -> "java.nio.channels.ServerSocketChannel";
            case "FileChannel.open" -> "java.nio.channels.FileChannel";
            case "Selector.open" -> "java.nio.channels.Selector";
            default -> null;
        };
        if (known != null) {
            return known;
        }
        if (simple.equals("Executors") && name.startsWith("new")) {
            return KnownTypes.CONCURRENT_PKG + ".ExecutorService";
        }
        String nettyFuture = BlockingCalls.nettyFutureOf(receiver, name);
        if (nettyFuture != null) {
            return nettyFuture;
        }
        ClassFacts own = classesByName.get(receiver);
        if (own != null) {
            String type = declaredReturnType(own, name);
            return type == null || type.isEmpty() || type.equals("void") ? null : type;
        }
        return null;
    }

    private String declaredReturnType(ClassFacts start, String method) {
        ClassFacts c = start;
        for (int depth = 0; c != null && depth < 16; depth++) {
            Map<String, String> returns = returnTypes.get(c);
            String type = returns == null ? null : returns.get(method);
            if (type != null) {
                return type;
            }
            c = c.superclass() == null ? null : classesByName.get(c.superclass());
        }
        return null;
    }

    private static final Set<String> LOCK_CALLS = Set.of("lock", "unlock", "tryLock", "lockInterruptibly");
    private static final Pattern LOCK_GETTER =
            Pattern.compile("(get)?\\w*(Lock|Mutex)");

    /**
     * {@code getLock().lock()} where {@code getLock()} is no method of the classes in this file: a
     * lock getter inherited from a superclass in another file (mysql-connector's connection
     * proxies), whose return type this file cannot see. Named like a lock getter and called with
     * {@code lock()}/{@code unlock()}, it is taken as one exclusive lock of this class, the same at
     * every call, so the sections it opens are seen.
     */
    private LockRef inheritedLockGetter(Expression scope) {
        if (!(unwrap(scope) instanceof MethodCallExpr getter) || getter.getArguments().isNonEmpty()
                || getter.getScope().filter(x -> !(x instanceof ThisExpr t && t.getTypeName().isEmpty())).isPresent()
                || !LOCK_GETTER.matcher(getter.getNameAsString()).matches()) {
            return null;
        }
        for (ClassFacts c = currentClass; c != null; c = c.enclosing()) {
            if (declaredReturnType(c, getter.getNameAsString()) != null) {
                return null; // declared here: its declared type decided already
            }
        }
        return new LockRef(new LockId(currentClass.name() + "." + getter.getNameAsString() + "()",
                LockId.Kind.METHOD_RESULT), LockView.EXCLUSIVE, LockKind.LOCK);
    }

    /**
     * {@code lock.lock()} (or {@code this.lock}, {@code super.lock}, {@code rw.readLock().lock()})
     * where the name is no local and no field of the classes of this file, in a class that extends a
     * class of another file: a lock field inherited from it ({@code protected final ReentrantLock
     * lock} of an abstract base; Narayana's {@code BasicAction} locks {@code StateManager}'s). The
     * extraction sees one file, so the field's type is not seen; called with {@code lock()}/{@code
     * unlock()}, it is taken as an exclusive lock (or that view of a read/write lock) named as the
     * superclass's field, the identity the superclass's own code gives it when it declares the field.
     * Declared further up, the project pass joins the two ({@link MethodFacts#monitorsOfOtherFiles}).
     */
    private LockRef inheritedLockField(Expression scope) {
        Expression e = unwrap(scope);
        LockView view = LockView.EXCLUSIVE;
        MethodCallExpr getView = LockView.viewCall(e);
        if (getView != null) {
            view = viewNamed(getView.getNameAsString());
            e = unwrap(getView.getScope().get());
        }
        String name;
        boolean bare = e instanceof NameExpr;
        if (e instanceof NameExpr n) {
            name = n.getNameAsString();
        } else if (e instanceof FieldAccessExpr access && (access.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()
                || access.getScope() instanceof SuperExpr s && s.getTypeName().isEmpty())) {
            name = access.getNameAsString();
        } else {
            return null;
        }
        if (current == null || Character.isUpperCase(name.charAt(0)) || local(name) != null || field(name) != null) {
            return null;
        }
        LockId id = LockFacts.inheritedField(classesByName, types, currentClass, name, bare);
        if (id == null) {
            return null;
        }
        current.monitorOfAnotherFile(id, id);
        return new LockRef(id, view, LockKind.LOCK);
    }

    /**
     * The call, on a receiver whose type this file cannot see, is used as {@code Lock}'s own: no
     * argument (or {@code tryLock(time, unit)}), {@code lock()}, {@code unlock()} and {@code
     * lockInterruptibly()} as statements (they return nothing), {@code tryLock} tested as a boolean.
     * Not {@code locks.lock(key)} of a keyed lock manager, nor a {@code FileChannel}'s {@code
     * FileLock l = channel.lock()} or {@code channel.tryLock(pos, size, shared) != null} (HornetQ's
     * file lock node manager, whose channel its superclass declares).
     */
    private static boolean usedAsALocksCall(MethodCallExpr call, String name, int argc) {
        Node parent = call.getParentNode().orElse(null);
        if (!name.equals("tryLock")) {
            return argc == 0 && parent instanceof ExpressionStmt;
        }
        return (argc == 0 || argc == 2)
                && (parent instanceof IfStmt || parent instanceof WhileStmt
                        || parent instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
                        || parent instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND
                                || b.getOperator() == BinaryExpr.Operator.OR)
                        || parent instanceof VariableDeclarator v && v.getType().asString().equals("boolean")
                        || parent instanceof ReturnStmt && call.findAncestor(MethodDeclaration.class)
                                .filter(m -> m.getType().asString().equals("boolean")).isPresent());
    }

    /** The lock a lock-typed expression denotes (views resolved), or {@code null} when not lock-typed. */
    private LockRef lockRefOf(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof NameExpr name) {
            Local local = local(name.getNameAsString());
            if (local != null) {
                return local.lockRef();
            }
            FieldFacts field = field(name.getNameAsString());
            return field == null ? null : field.lockRef();
        }
        if (e instanceof FieldAccessExpr access) {
            FieldFacts field = fieldOf(access);
            return field == null ? null : field.lockRef();
        }
        if (e instanceof MethodCallExpr call) {
            LockRef view = viewOf(call);
            if (view != null) {
                return view;
            }
            LockKind kind = KnownTypes.lockKind(returnTypeOf(call));
            if (kind == null) {
                return null;
            }
            boolean own = call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr;
            LockId id = own ? new LockId(currentClass.name() + "." + call.getNameAsString() + "()",
                    LockId.Kind.METHOD_RESULT) : expressionId(call);
            return new LockRef(id, LockView.EXCLUSIVE, kind);
        }
        return null;
    }

    /**
     * {@code readLock = lock.readLock(); writeLock = lock.writeLock();} in a constructor (Hadoop's
     * habit, with {@code lock} a field or a constructor's local {@code new ReentrantReadWriteLock()}),
     * the field's only assignment: the field is that view of {@code lock}, so the two fields are one
     * read/write lock. A local gets the identity {@code Class.local}, unless a field has that name.
     */
    private LockRef viewAssignedOnConstruction(ClassFacts facts, FieldFacts field, NodeList<BodyDeclaration<?>> members) {
        LockRef found = null;
        for (BodyDeclaration<?> member : members) {
            if (member instanceof TypeDeclaration<?>) {
                continue;
            }
            boolean constructing = member instanceof ConstructorDeclaration || member instanceof InitializerDeclaration;
            for (AssignExpr assign : member.findAll(AssignExpr.class, a -> FieldFacts.isNamedBy(a.getTarget(), field.name()))) {
                if (!constructing || assign.getOperator() != AssignExpr.Operator.ASSIGN || found != null) {
                    return null; // assigned again, or outside construction: not one fixed lock
                }
                found = viewOf(assign.getValue());
                if (found == null) {
                    found = viewOfLocalLock(facts, member, assign.getValue());
                }
                if (found == null) {
                    return null;
                }
            }
        }
        return found;
    }

    /** {@code lock.readLock()} where {@code lock} is {@code member}'s local {@code new ReentrantReadWriteLock()}. */
    private static LockRef viewOfLocalLock(ClassFacts facts, Node member, Expression value) {
        if (!(unwrap(value) instanceof MethodCallExpr call) || call.getArguments().isNonEmpty()
                || !(call.getScope().orElse(null) instanceof NameExpr scope)
                || facts.fields().containsKey(scope.getNameAsString())) {
            return null;
        }
        LockView view = viewNamed(call.getNameAsString());
        boolean readWriteLock = member.findAll(VariableDeclarator.class,
                v -> v.getNameAsString().equals(scope.getNameAsString())).stream()
                .anyMatch(v -> v.getInitializer().filter(i -> i instanceof ObjectCreationExpr creation
                        && creation.getType().getNameAsString().equals("ReentrantReadWriteLock")).isPresent());
        return view != null && readWriteLock
                ? new LockRef(LockId.field(facts.name(), scope.getNameAsString()), view, LockKind.LOCK) : null;
    }

    /** The view a read/write lock's view method returns ({@code readLock}, {@code asWriteLock}, ...), or {@code null}. */
    private static LockView viewNamed(String method) {
        return method.equals("readLock") || method.equals("asReadLock") ? LockView.READ
                : method.equals("writeLock") || method.equals("asWriteLock") ? LockView.WRITE : null;
    }

    /** {@code rw.readLock()} / {@code rw.writeLock()} (and StampedLock's views): that view of {@code rw}. */
    private LockRef viewOf(Expression expression) {
        Expression e = unwrap(expression);
        if (!(e instanceof MethodCallExpr call) || call.getScope().isEmpty() || call.getArguments().isNonEmpty()) {
            return null;
        }
        String name = call.getNameAsString();
        LockView view = viewNamed(name);
        if (view == null) {
            return null;
        }
        LockRef base = lockRefOf(call.getScope().get());
        if (base == null) {
            return null;
        }
        boolean viewMethod = base.kind() == LockKind.READ_WRITE_LOCK
                || base.kind() == LockKind.STAMPED_LOCK && name.startsWith("as");
        return viewMethod ? new LockRef(base.lock(), view, LockKind.LOCK) : null;
    }

    /** For {@code x.newCondition()}: the lock {@code x} denotes; for a condition variable: its recorded owner. */
    private LockRef conditionOwnerOf(Expression expression) {
        if (expression == null) {
            return null;
        }
        Expression e = unwrap(expression);
        if (e instanceof MethodCallExpr call && call.getNameAsString().equals("newCondition")
                && call.getScope().isPresent()) {
            return lockRefOf(call.getScope().get());
        }
        if (e instanceof NameExpr name) {
            Local local = local(name.getNameAsString());
            if (local != null) {
                return local.conditionOf();
            }
            FieldFacts field = field(name.getNameAsString());
            return field == null ? null : field.conditionOf();
        }
        if (e instanceof FieldAccessExpr access) {
            FieldFacts field = fieldOf(access);
            return field == null ? null : field.conditionOf();
        }
        return null;
    }

    private LockId implicitThis() {
        return current != null && current.isStatic() ? LockId.classMonitor(currentClass.name())
                : LockId.thisMonitor(currentClass.name());
    }

    /** The identity of the object an expression denotes, as a monitor. */
    private LockId monitorIdOf(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof ThisExpr t) {
            return LockId.thisMonitor(t.getTypeName().isPresent() ? types.resolve(t.getTypeName().get().asString())
                    : currentClass.name());
        }
        if (e instanceof ClassExpr c) {
            return LockId.classMonitor(types.resolve(c.getType()) != null ? types.resolve(c.getType())
                    : c.getType().asString());
        }
        if (e instanceof NameExpr name) {
            Local local = local(name.getNameAsString());
            if (local != null) {
                return local.aliasOf() != null ? local.aliasOf() : localId(name.getNameAsString());
            }
            FieldFacts field = field(name.getNameAsString());
            if (field != null) {
                return field.id();
            }
            return inheritedMonitor(name, name.getNameAsString(), true);
        }
        if (e instanceof FieldAccessExpr access) {
            FieldFacts field = fieldOf(access);
            if (field != null) {
                return field.id();
            }
            return monitorOfAnotherFile(access);
        }
        if (e instanceof MethodCallExpr call) {
            FieldFacts field = fieldReturnedBy(call);
            if (field != null) {
                return field.id();
            }
        }
        return expressionId(e);
    }

    /**
     * {@code synchronized (getSynchronizationLock())} where the class's own
     * {@code final Object getSynchronizationLock() { return lock; }} cannot be overridden: the
     * monitor is the field's (flink's AbstractAutoCloseableRegistry, held-out sample 24). An
     * overridable getter may return anything in a subclass: not resolved.
     */
    private FieldFacts fieldReturnedBy(MethodCallExpr call) {
        if (call.getArguments().isNonEmpty()
                || call.getScope().filter(x -> !(x instanceof ThisExpr t && t.getTypeName().isEmpty())).isPresent()
                || !(currentClass.declaration() instanceof TypeDeclaration<?> type)) {
            return null;
        }
        List<MethodDeclaration> declared = type.getMethodsBySignature(call.getNameAsString());
        if (declared.size() != 1) {
            return null;
        }
        MethodDeclaration getter = declared.get(0);
        boolean fixed = getter.isFinal() || getter.isPrivate() || getter.isStatic() || currentClass.cannotBeSubclassed();
        BlockStmt body = getter.getBody().orElse(null);
        if (!fixed || body == null || body.getStatements().size() != 1
                || !(body.getStatement(0) instanceof ReturnStmt ret) || ret.getExpression().isEmpty()) {
            return null;
        }
        Expression value = unwrap(ret.getExpression().get());
        return value instanceof NameExpr name ? field(name.getNameAsString())
                : value instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr ? fieldOf(access) : null;
    }

    /**
     * {@code synchronized (peer.lock)}, {@code synchronized (Registry.LOCK)}, where the class of
     * {@code peer} (or {@code Registry}) is not in this file: named by its expression here, and
     * noted on the method as maybe {@code Class.lock}, for the project pass to confirm.
     */
    private LockId monitorOfAnotherFile(FieldAccessExpr access) {
        if (access.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()
                || access.getScope() instanceof SuperExpr s && s.getTypeName().isEmpty()) {
            // this.lock, super.lock: inherited from a superclass in another file, as a bare lock is
            return inheritedMonitor(access, access.getNameAsString(), false);
        }
        LockId id = expressionId(access);
        if (current == null || !noteMonitorsOfOtherFiles) {
            return id;
        }
        String owner = typeOrStaticTypeOf(access.getScope());
        if (owner != null && owner.indexOf('.') > 0 && !owner.startsWith("java.") && !owner.startsWith("javax.")
                && !(access.getScope() instanceof ThisExpr) && !(access.getScope() instanceof SuperExpr)) {
            current.monitorOfAnotherFile(id, LockId.field(owner, access.getNameAsString()));
        }
        return id;
    }

    /** False while a local's initializer is read as a monitor: only monitors taken or waited on are noted. */
    private boolean noteMonitorsOfOtherFiles = true;

    /**
     * {@code synchronized (lock)} where {@code lock} is no local and no field of this file: a field
     * the class inherits from a superclass in another file ({@code protected final Object lock} of
     * an abstract base), named as that superclass names it ({@link LockFacts#inheritedField}), the
     * same lock in every method of the file, as its {@code lock.lock()} calls are. Noted on the
     * method for the project pass, which joins it to the field a superclass further up declares.
     * Without a superclass outside the JDK (or when a static import may supply the name), it is
     * named by its expression, as an unknown monitor is.
     */
    private LockId inheritedMonitor(Expression at, String name, boolean bare) {
        LockId inherited = LockFacts.inheritedField(classesByName, types, currentClass, name, bare);
        LockId id = inherited != null ? inherited : expressionId(at);
        if (current != null && noteMonitorsOfOtherFiles && currentClass.superclass() != null) {
            current.monitorOfAnotherFile(id, inherited != null ? inherited : LockId.field(currentClass.name(), name));
        }
        return id;
    }

    private LockId expressionId(Expression e) {
        String method = current == null ? currentClass.name() : current.qualifiedName();
        return new LockId(method + ":" + e, LockId.Kind.EXPRESSION);
    }
}
