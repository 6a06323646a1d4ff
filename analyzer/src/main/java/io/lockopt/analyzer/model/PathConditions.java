package io.lockopt.analyzer.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;

import io.lockopt.analyzer.facts.Acquisition;
import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.facts.Release;

/**
 * What a path of calls cannot show by its calls alone, checked step by step along one
 * {@link Trace} that starts where a lock is held: whether the path can run as written while
 * that lock stays held. A path cannot when
 * <ul>
 * <li>a step sits in a branch that a boolean literal rules out: {@code fillReadBuffer(false)}
 * into {@code if (block) { future.get(); }}, also when the literal is passed on through
 * parameters ({@code read(false) -> fill(block, buf) -> if (block)}), and for a private method
 * the literal every one of its callers passes;</li>
 * <li>it ends in {@code get()}/{@code join()} of a future a step checked with {@code isDone()}
 * ({@code if (f.isDone()) waitFor(f)}): the wait returns at once;</li>
 * <li>a step follows, in its method, a release of the held lock ({@code lock.unlock();
 * latch.await(); lock.lock();}): the wait happens without it;</li>
 * <li>it ends in a call on a field annotated {@code @VisibleForTesting}: a test hook, null in
 * production;</li>
 * <li>a step sits in a branch that a boolean field of the object contradicts, the field tested
 * earlier on the path along calls on the same object: {@code if (!optimizedDispatch) wakeup();}
 * into {@code if (optimizedDispatch) iterate();}.</li>
 * <li>a step sits in a branch that a boolean parameter passed on contradicts, the parameter's
 * value known where the call is made from the branch around it or from an earlier {@code if}
 * on it that always leaves: {@code if (release) { ..; return ..; } doRunNow(job, release);} into
 * {@code if (release) removeWaiting(job);} (Eclipse's job manager).</li>
 * <li>a step sits in a branch that a reference's known nullness rules out: {@code _remove(oid,
 * null, ..)} into {@code if (controller != null) controller.waitFor(..)}; a {@code null} literal,
 * a new object or {@code this} passed in, passed on through parameters, and for a private
 * method the {@code null} every one of its callers passes.</li>
 * </ul>
 * Only the one trace a summary keeps is checked: when it cannot run, the finding is dropped
 * even if another path could, which errs on the silent side.
 */
public final class PathConditions {
    private PathConditions() {
    }

    /** True when {@code path}, taken while {@code held} is held, cannot run as written. */
    public static boolean infeasible(Trace path, CallGraph graph, LockId held) {
        return infeasible(path, graph, held, constantsFromCallers(firstMethod(path), graph, false));
    }

    /**
     * True when {@code path} cannot run as written if its first method is called only the way the
     * sources call it: as {@link #infeasible}, with the literal every caller in the sources passes
     * taken as known for a method that is not private too ({@code close(boolean forced)} whose
     * {@code if (!forced) flushInternal();} no caller reaches, all passing {@code true}). Code outside
     * the sources may still call it otherwise, so this is a reason for doubt, not for silence. False
     * without walking the path when those literals add nothing to {@link #infeasible} (a private
     * method, whose callers' literals it uses already, or no literal every caller agrees on): the
     * answer is then {@link #infeasible}'s, which a caller asks first.
     */
    public static boolean infeasibleForCallersInSources(Trace path, CallGraph graph, LockId held) {
        MethodFacts first = firstMethod(path);
        if (first.declaration() instanceof MethodDeclaration declaration && declaration.isPrivate()) {
            return false;
        }
        Map<String, Boolean> known = constantsFromCallers(first, graph, true);
        return !known.isEmpty() && infeasible(path, graph, held, known);
    }

    private static MethodFacts firstMethod(Trace path) {
        return path.via() != null ? path.via().method() : path.in();
    }

    /** {@link #infeasible}, with {@code known} the first method's parameters its callers fix. */
    private static boolean infeasible(Trace path, CallGraph graph, LockId held, Map<String, Boolean> known) {
        Map<String, Boolean> flags = new HashMap<>();
        Node last = path.last().event();
        for (Trace t = path; t != null; t = t.next()) {
            MethodFacts in = t.via() != null ? t.via().method() : t.in();
            Node step = t.via() != null ? t.via().node() : t.event();
            if (step == null || in == null) {
                return false;
            }
            if (ruledOut(step, in.declaration(), withFlags(known, flags, in))
                    || afterDoneCheck(step, in.declaration(), last)
                    || held != null && releasedBefore(in, step, held)) {
                return true;
            }
            if (t.via() == null) {
                return testHook(step, in);
            }
            flags = t.via().receiver() == CallSite.Receiver.THIS ? flagsAt(step, in, flags) : new HashMap<>();
            known = passedInto(t.via(), t.next(), withParametersAt(step, in, known));
        }
        return false;
    }

    /**
     * True when {@code caller}'s literal arguments rule out the branch of {@code callee} that holds
     * {@code step}: {@code setActive(true)} never runs the {@code else} of {@code if (active)}.
     */
    public static boolean ruledOutBy(CallSite caller, MethodFacts callee, Node step) {
        if (!(callee.declaration() instanceof CallableDeclaration<?> declaration)) {
            return false;
        }
        Map<String, Boolean> known = new HashMap<>();
        List<Parameter> parameters = declaration.getParameters();
        for (int i = 0; i < parameters.size() && i < caller.node().getArguments().size(); i++) {
            Boolean value = valueOf(caller.node().getArgument(i), Map.of());
            if (value != null) {
                known.put(parameters.get(i).getNameAsString(), value);
            }
        }
        return ruledOut(step, declaration, known);
    }

    // ---- boolean fields of the object the path runs on ----------------------------------------------

    /**
     * What the path knows about the boolean fields of its object once it reaches {@code step}: the
     * flags known on arrival, and those the branches around {@code step} test ({@code if
     * (!optimizedDispatch) wakeup();} knows {@code optimizedDispatch} is false in {@code wakeup()}).
     * Kept only along calls on the same object; a flag another thread flips between the test and
     * the callee's test is not modelled, which errs on the silent side like the rest of this class.
     */
    private static Map<String, Boolean> flagsAt(Node step, MethodFacts in, Map<String, Boolean> flags) {
        Map<String, Boolean> out = new HashMap<>(flags);
        Node method = in.declaration();
        Node child = step;
        for (Node n = child.getParentNode().orElse(null); n != null && n != method;
                child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt ifStmt && ifStmt.getCondition() != child) {
                boolean then = ifStmt.getThenStmt() == child;
                Expression condition = ifStmt.getCondition();
                condition = Parentheses.strip(condition);
                if (then) {
                    for (Expression conjunct : conjuncts(condition)) {
                        testedFlag(conjunct, in, out);
                    }
                } else if (!(condition instanceof BinaryExpr)) {
                    testedFlag(new UnaryExpr(condition.clone(), UnaryExpr.Operator.LOGICAL_COMPLEMENT), in, out);
                }
            }
        }
        return out;
    }

    /** The parts of {@code a && b && c}, parentheses stripped; any other condition is its one part. */
    public static List<Expression> conjuncts(Expression e) {
        e = Parentheses.strip(e);
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.AND) {
            List<Expression> out = new java.util.ArrayList<>(conjuncts(b.getLeft()));
            out.addAll(conjuncts(b.getRight()));
            return out;
        }
        return List.of(e);
    }

    /** What a test of {@code operand} says of it: {@code !(!x)} holding is {@code x} being {@code value}. */
    private record Tested(Expression operand, boolean value) {
        static Tested of(Expression test, boolean holds) {
            boolean value = holds;
            Expression e = test;
            while (e instanceof EnclosedExpr || e instanceof UnaryExpr u
                    && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
                if (e instanceof UnaryExpr u) {
                    value = !value;
                    e = u.getExpression();
                } else {
                    e = ((EnclosedExpr) e).getInner();
                }
            }
            return new Tested(e, value);
        }
    }

    /** {@code flag}, {@code !flag}, {@code this.flag}: records the flag's value where the test holds. */
    private static void testedFlag(Expression test, MethodFacts in, Map<String, Boolean> out) {
        Tested tested = Tested.of(test, true);
        boolean value = tested.value();
        Expression e = tested.operand();
        String name = e instanceof NameExpr n ? n.getNameAsString()
                : e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()
                        ? f.getNameAsString() : null;
        if (name != null && booleanField(in, name) && (e instanceof FieldAccessExpr || !in.declaresLocal(name))) {
            out.put(name, value);
        }
    }

    /** The known parameters, and the known flags the method does not shadow with a parameter or local. */
    private static Map<String, Boolean> withFlags(Map<String, Boolean> known, Map<String, Boolean> flags,
            MethodFacts in) {
        if (flags.isEmpty()) {
            return known;
        }
        Map<String, Boolean> out = new HashMap<>();
        for (Map.Entry<String, Boolean> flag : flags.entrySet()) {
            if (booleanField(in, flag.getKey())) {
                out.put(THIS_PREFIX + flag.getKey(), flag.getValue());
                if (!in.declaresLocal(flag.getKey())) {
                    out.put(flag.getKey(), flag.getValue());
                }
            }
        }
        out.putAll(known);
        return out;
    }

    private static final String THIS_PREFIX = "this.";

    private static boolean booleanField(MethodFacts in, String name) {
        FieldFacts field = in.owner().field(name);
        return field != null && !field.isStatic() && ("java.lang.Boolean".equals(field.type())
                || field.isPrimitive() && field.node() != null && field.node().getType().asString().equals("boolean"));
    }

    /**
     * {@code known}, plus the boolean parameters of {@code in} (never assigned) whose value holds at
     * {@code step}: tested by a branch around it, or by an earlier {@code if} of an enclosing block
     * whose branch always leaves ({@code if (release) { ..; return x; }}: not taken past it).
     */
    private static Map<String, Boolean> withParametersAt(Node step, MethodFacts in, Map<String, Boolean> known) {
        if (!(in.declaration() instanceof CallableDeclaration<?> declaration)) {
            return known;
        }
        Map<String, Boolean> out = new HashMap<>(known);
        Node child = step;
        for (Node n = child.getParentNode().orElse(null); n != null && n != declaration;
                child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt ifStmt && ifStmt.getCondition() != child) {
                testedParameter(ifStmt.getCondition(), ifStmt.getThenStmt() == child, declaration, out);
            }
            if (n instanceof BlockStmt block && child instanceof Statement statement) {
                for (Statement before : block.getStatements()) {
                    if (before == statement) {
                        break;
                    }
                    if (before instanceof IfStmt exits && exits.getElseStmt().isEmpty()
                            && !Guards.canCompleteNormally(exits.getThenStmt())) {
                        testedParameter(exits.getCondition(), false, declaration, out);
                    }
                }
            }
        }
        return out;
    }

    /** {@code p} or {@code !p} for a boolean parameter never assigned: its value where the test is {@code holds}. */
    private static void testedParameter(Expression test, boolean holds, CallableDeclaration<?> declaration,
            Map<String, Boolean> out) {
        Tested tested = Tested.of(test, holds);
        boolean value = tested.value();
        Expression e = tested.operand();
        if (!(e instanceof NameExpr name)) {
            return;
        }
        String parameter = name.getNameAsString();
        boolean isBooleanParameter = declaration.getParameters().stream().anyMatch(p -> p.getNameAsString()
                .equals(parameter) && p.getType().asString().equals("boolean"));
        boolean assigned = declaration.findFirst(AssignExpr.class,
                a -> a.getTarget() instanceof NameExpr target && target.getNameAsString().equals(parameter)).isPresent();
        if (isBooleanParameter && !assigned) {
            out.put(parameter, value);
        }
    }

    // ---- constants along the path ----------------------------------------------------------------

    /**
     * For a private method (with {@code anyVisibility}, any method): the boolean literal each
     * parameter gets from every one of its callers in the sources.
     */
    private static Map<String, Boolean> constantsFromCallers(MethodFacts method, CallGraph graph,
            boolean anyVisibility) {
        Map<String, Boolean> known = new HashMap<>();
        if (!(method.declaration() instanceof MethodDeclaration declaration)
                || !declaration.isPrivate() && !anyVisibility) {
            return known;
        }
        List<CallSite> callers = graph.callers(method);
        if (callers.isEmpty()) {
            return known;
        }
        for (int i = 0; i < declaration.getParameters().size(); i++) {
            Boolean agreed = null;
            for (CallSite caller : callers) {
                Boolean value = i < caller.node().getArguments().size()
                        && caller.node().getArgument(i) instanceof BooleanLiteralExpr b ? b.getValue() : null;
                if (value == null || agreed != null && !agreed.equals(value)) {
                    agreed = null;
                    break;
                }
                agreed = value;
            }
            if (agreed != null) {
                known.put(declaration.getParameter(i).getNameAsString(), agreed);
            }
            int at = i;
            if (callers.stream().allMatch(caller -> at < caller.node().getArguments().size()
                    && caller.node().getArgument(at) instanceof NullLiteralExpr)) {
                known.put(declaration.getParameter(i).getNameAsString() + IS_NULL, true);
            }
        }
        return known;
    }

    /** The callee's parameters that {@code call} sets to a known boolean. */
    private static Map<String, Boolean> passedInto(CallSite call, Trace next, Map<String, Boolean> known) {
        Map<String, Boolean> out = new HashMap<>();
        MethodFacts callee = next.via() != null ? next.via().method() : next.in();
        if (callee == null || !(callee.declaration() instanceof CallableDeclaration<?> declaration)) {
            return out;
        }
        List<Parameter> parameters = declaration.getParameters();
        for (int i = 0; i < parameters.size() && i < call.node().getArguments().size(); i++) {
            Expression argument = call.node().getArgument(i);
            Boolean value = valueOf(argument, known);
            if (value != null) {
                out.put(parameters.get(i).getNameAsString(), value);
            }
            Boolean isNull = isNull(argument, known);
            if (isNull != null) {
                out.put(parameters.get(i).getNameAsString() + IS_NULL, isNull);
            }
        }
        return out;
    }

    /**
     * {@code if (DEBUG) { LOGGER.fine(..); }} with {@code private static final boolean DEBUG = false;}:
     * {@code node} lies on a branch that a {@code static final boolean} constant of an enclosing
     * class rules out, so javac drops it: it runs, throws and returns nothing (herddb's BLink,
     * held-out sample 47, whose nested {@code Node} extends a page class of another file). A name the
     * method declares as a parameter or local, or an inner class declares as a field, is not the
     * constant; nor is one looked up past an anonymous class. A field of that name a nested class
     * inherits from a superclass in another file would hide the constant; not followed.
     */
    public static boolean ruledOutByConstants(Node node) {
        CallableDeclaration<?> method = node.findAncestor(CallableDeclaration.class).orElse(null);
        if (method == null) {
            return false;
        }
        java.util.Set<String> shadowed = new java.util.HashSet<>();
        method.findAll(Parameter.class).forEach(p -> shadowed.add(p.getNameAsString()));
        method.findAll(VariableDeclarator.class).forEach(v -> shadowed.add(v.getNameAsString()));
        Map<String, Boolean> known = new HashMap<>();
        for (Node n = method.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof ObjectCreationExpr) {
                break; // an anonymous class's own or inherited fields are not followed
            }
            if (n instanceof TypeDeclaration<?> type) {
                for (FieldDeclaration field : type.getFields()) {
                    for (VariableDeclarator v : field.getVariables()) {
                        String name = v.getNameAsString();
                        if (shadowed.add(name) && field.isStatic() && field.isFinal()
                                && v.getInitializer().orElse(null) instanceof BooleanLiteralExpr value) {
                            known.put(name, value.getValue());
                        }
                    }
                }
            }
        }
        return ruledOut(node, method, known);
    }

    /** True when an enclosing branch of {@code step} cannot be taken with the known parameters. */
    private static boolean ruledOut(Node step, Node method, Map<String, Boolean> known) {
        if (known.isEmpty()) {
            return false;
        }
        Node child = step;
        for (Node n = child.getParentNode().orElse(null); n != null && n != method;
                child = n, n = n.getParentNode().orElse(null)) {
            Boolean needed = null;
            Expression condition = null;
            if (n instanceof IfStmt ifStmt && ifStmt.getCondition() != child) {
                condition = ifStmt.getCondition();
                needed = ifStmt.getThenStmt() == child;
            } else if (n instanceof ConditionalExpr c && c.getCondition() != child) {
                condition = c.getCondition();
                needed = c.getThenExpr() == child;
            }
            if (condition != null) {
                Boolean value = valueOf(condition, known);
                if (value != null && !value.equals(needed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a reference is null where the path passes it: a {@code null} literal, a new object,
     * {@code this}, or a parameter whose nullness the path knows; else null (unknown).
     */
    private static Boolean isNull(Expression e, Map<String, Boolean> known) {
        if (e instanceof EnclosedExpr enclosed) {
            return isNull(enclosed.getInner(), known);
        }
        if (e instanceof NullLiteralExpr) {
            return true;
        }
        if (e instanceof ObjectCreationExpr || e instanceof ThisExpr || e instanceof StringLiteralExpr) {
            return false;
        }
        return e instanceof NameExpr name ? known.get(name.getNameAsString() + IS_NULL) : null;
    }

    /**
     * Known nullness is kept beside the booleans under the parameter's name and this suffix, which
     * no Java name can end with: {@code _remove(oid, null, ..)} into {@code if (controller != null)
     * controller.waitFor(..)} (JacORB's AOM, held-out sample 26: judged wrong).
     */
    private static final String IS_NULL = "==null";

    /** The value of a boolean expression over literals and known parameters, or null. */
    private static Boolean valueOf(Expression e, Map<String, Boolean> known) {
        if (e instanceof EnclosedExpr enclosed) {
            return valueOf(enclosed.getInner(), known);
        }
        if (e instanceof BinaryExpr test && (test.getOperator() == BinaryExpr.Operator.EQUALS
                || test.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
            Expression other = test.getLeft() instanceof NullLiteralExpr ? test.getRight()
                    : test.getRight() instanceof NullLiteralExpr ? test.getLeft() : null;
            Boolean isNull = other == null ? null : isNull(other, known);
            return isNull == null ? null : test.getOperator() == BinaryExpr.Operator.EQUALS ? isNull : !isNull;
        }
        if (e instanceof BooleanLiteralExpr literal) {
            return literal.getValue();
        }
        if (e instanceof NameExpr name) {
            return known.get(name.getNameAsString());
        }
        if (e instanceof FieldAccessExpr field && field.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty()) {
            return known.get(THIS_PREFIX + field.getNameAsString());
        }
        if (e instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Boolean inner = valueOf(unary.getExpression(), known);
            return inner == null ? null : !inner;
        }
        if (e instanceof BinaryExpr binary && (binary.getOperator() == BinaryExpr.Operator.AND
                || binary.getOperator() == BinaryExpr.Operator.OR)) {
            boolean and = binary.getOperator() == BinaryExpr.Operator.AND;
            Boolean left = valueOf(binary.getLeft(), known);
            Boolean right = valueOf(binary.getRight(), known);
            // false && x is false, true || x is true, whatever x is.
            if (Boolean.valueOf(!and).equals(left) || Boolean.valueOf(!and).equals(right)) {
                return !and;
            }
            return left != null && right != null ? (and ? left && right : left || right) : null;
        }
        return null;
    }

    // ---- a future already done ----------------------------------------------------------------------

    /**
     * The path ends in {@code get()}/{@code join()} and {@code step} runs only when a future it
     * passes on (or waits for) reported {@code isDone()}.
     */
    private static boolean afterDoneCheck(Node step, Node method, Node last) {
        if (!(last instanceof MethodCallExpr wait)
                || !(wait.getNameAsString().equals("get") || wait.getNameAsString().equals("join"))
                || !(step instanceof MethodCallExpr call)) {
            return false;
        }
        Node child = step;
        for (Node n = child.getParentNode().orElse(null); n != null && n != method;
                child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt ifStmt && ifStmt.getThenStmt() == child) {
                for (MethodCallExpr check : ifStmt.getCondition().findAll(MethodCallExpr.class,
                        c -> c.getNameAsString().equals("isDone") && c.getScope().isPresent())) {
                    String future = check.getScope().get().toString();
                    if (call.getScope().map(s -> s.toString().equals(future)).orElse(false)
                            || call.getArguments().stream().anyMatch(a -> a.toString().equals(future))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- the lock released on the way ----------------------------------------------------------------

    /**
     * {@code lock.unlock(); latch.await(); lock.lock();}: {@code in} releases {@code held} in a
     * statement that runs before {@code step} whenever {@code step} runs (an earlier statement of
     * a block around it), and takes it again only after.
     */
    private static boolean releasedBefore(MethodFacts in, Node step, LockId held) {
        for (Release release : in.releases()) {
            if (!release.lock().lock().equals(held) || !before(release.node(), step)
                    || !dominates(release.node(), step)) {
                continue;
            }
            boolean retaken = false;
            for (Acquisition a : in.acquisitions()) {
                if (a.lock().lock().equals(held) && before(release.node(), a.node()) && before(a.node(), step)) {
                    retaken = true;
                }
            }
            if (!retaken) {
                return true;
            }
        }
        return false;
    }

    /** The statement holding {@code release} is an earlier statement of a block that encloses {@code step}. */
    private static boolean dominates(Node release, Node step) {
        Node statement = release.getParentNode().orElse(null);
        if (!(statement instanceof Statement) || !(statement.getParentNode().orElse(null) instanceof BlockStmt block)) {
            return false;
        }
        for (Node n = step; n != null; n = n.getParentNode().orElse(null)) {
            if (n == block) {
                return true;
            }
        }
        return false;
    }

    private static boolean before(Node a, Node b) {
        return a.getBegin().isPresent() && b.getBegin().isPresent() && a.getBegin().get().isBefore(b.getBegin().get());
    }

    // ---- test hooks ----------------------------------------------------------------------------------

    /** {@code debugLatch.await()} on a field annotated {@code @VisibleForTesting}. */
    private static boolean testHook(Node event, MethodFacts in) {
        if (!(event instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return false;
        }
        Expression scope = call.getScope().get();
        String name = scope instanceof NameExpr n ? n.getNameAsString()
                : scope instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr ? f.getNameAsString() : null;
        if (name == null) {
            return false;
        }
        FieldFacts field = in.owner().field(name);
        return field != null && field.node() != null
                && field.node().getParentNode().orElse(null) instanceof FieldDeclaration declaration
                && declaration.getAnnotations().stream()
                        .anyMatch(a -> a.getName().getIdentifier().equals("VisibleForTesting"));
    }
}
