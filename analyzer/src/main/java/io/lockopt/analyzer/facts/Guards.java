package io.lockopt.analyzer.facts;

import java.util.List;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

/**
 * Whether code is guarded by the success of a {@code tryLock()}: inside
 * {@code if (lock.tryLock()) {..}}, after {@code if (!lock.tryLock()) return;} or
 * {@code while (!lock.tryLock()) {..}} or an endless loop left by {@code if (lock.tryLock()) break;},
 * or under {@code if (locked)} for
 * {@code boolean locked = lock.tryLock(..)}. Syntactic and local to one method.
 */
public final class Guards {
    private Guards() {
    }

    /** True when {@code region} only runs after the may-fail acquisition {@code acquisition} succeeded. */
    public static boolean guardedBy(Acquisition acquisition, Node region) {
        Node call = acquisition.node();
        boolean positive = true;
        boolean throughOr = false;
        boolean throughAnd = false;
        Node child = call;
        Node parent = call.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof AssignExpr a && a.getValue() == child
                && a.getParentNode().filter(EnclosedExpr.class::isInstance).isPresent()
                || parent instanceof UnaryExpr u
                && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
                || parent instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND
                        || b.getOperator() == BinaryExpr.Operator.OR || comparedWithLiteral(b) != null)) {
            if (parent instanceof UnaryExpr || parent instanceof BinaryExpr b && negates(b)) {
                positive = !positive;
            }
            throughOr |= parent instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.OR;
            throughAnd |= parent instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.AND;
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof IfStmt ifStmt && ifStmt.getCondition() == child) {
            return guardedByIf(ifStmt, positive, region) || positive && leavesEndlessLoopOnlyHere(ifStmt, region)
                    || !positive && !throughOr && !throughAnd && ifStmt.getElseStmt().isEmpty()
                            && failureTakesItAnyway(acquisition, ifStmt.getThenStmt(), ifStmt, region);
        }
        if (parent instanceof ConditionalExpr c && c.getCondition() == child && !throughOr && !throughAnd) {
            Node statement = c.findAncestor(Statement.class).orElse(null);
            return statement != null && failureTakesItAnyway(acquisition, positive ? c.getElseExpr() : c.getThenExpr(),
                    statement, region);
        }
        if (parent instanceof WhileStmt loop && loop.getCondition() == child) {
            // while (more && lock.tryLock()) { try { .. } finally { unlock } }: the body runs only
            // after a success (kilim's timer service); while (!lock.tryLock()) { .. } then the region.
            return positive && !throughOr && contains(loop.getBody(), region) || !positive && isAfter(region, loop);
        }
        String variable = null;
        if (parent instanceof VariableDeclarator v) {
            variable = v.getNameAsString();
        } else if (parent instanceof AssignExpr a && a.getTarget() instanceof NameExpr n) {
            variable = n.getNameAsString();
        }
        // boolean timedOut = !lock.tryLock(t, unit); if (timedOut) throw ..: the variable is true on failure
        // (Solr's UpdateLocks, held-out sample 32). Only through negations: with `&& !force` or `|| x`
        // beside it, the variable no longer tells whether the lock was taken.
        boolean failureFlag = !positive;
        if (variable == null || failureFlag && (throughAnd || throughOr)) {
            return false;
        }
        return guardedByVariable(acquisition, variable, positive, region);
    }

    private static boolean guardedByIf(IfStmt ifStmt, boolean positive, Node region) {
        if (positive) {
            return contains(ifStmt.getThenStmt(), region);
        }
        return ifStmt.getElseStmt().map(e -> contains(e, region)).orElse(false)
                || !canCompleteNormally(ifStmt.getThenStmt()) && isAfter(region, ifStmt);
    }

    /**
     * {@code if (!tryLock()) scanAndLock(key, hash);} then the region: the failure branch only calls
     * a method of this class that takes the same lock and never releases it, so past the {@code if}
     * the lock is held either way (the JDK 7 {@code ConcurrentHashMap} segments, copied into RoboVM
     * and Android: held-out sample 35, judged wrong). Also {@code node = tryLock() ? null :
     * scanAndLockForPut(..)}.
     */
    private static boolean failureTakesItAnyway(Acquisition acquisition, Node failure, Node after, Node region) {
        Expression e = failure instanceof ExpressionStmt x ? x.getExpression()
                : failure instanceof BlockStmt b && b.getStatements().size() == 1
                        && b.getStatement(0) instanceof ExpressionStmt x ? x.getExpression()
                : failure instanceof Expression x ? x : null;
        if (e instanceof AssignExpr assign) {
            e = assign.getValue();
        }
        if (!(e instanceof MethodCallExpr call) || !isAfter(region, after)
                || call.getScope().filter(sc -> !(sc instanceof ThisExpr)).isPresent()
                || !(acquisition.node() instanceof MethodCallExpr tried)) {
            return false;
        }
        String receiver = ownReceiver(tried);
        if (receiver == null) {
            return false; // next.lock.tryLock(): another object's lock, which the helper's lock() is not
        }
        LockId lock = acquisition.lock().lock();
        return acquisition.method().owner().methodsNamed(call.getNameAsString()).stream()
                .filter(m -> m.arity() == call.getArguments().size())
                .anyMatch(m -> m.releases().stream().noneMatch(r -> r.lock().lock().equals(lock))
                        && endsHolding(m.declaration(), receiver));
    }

    /** The receiver of a lock call on this object's own lock: "" for {@code tryLock()}, the field name for {@code lock.tryLock()} or {@code this.lock.tryLock()}; else null. */
    private static String ownReceiver(MethodCallExpr call) {
        Expression scope = call.getScope().orElse(null);
        if (scope == null || scope instanceof ThisExpr) {
            return "";
        }
        if (scope instanceof NameExpr n) {
            return n.getNameAsString();
        }
        return scope instanceof FieldAccessExpr f && f.getScope().isThisExpr()
                ? f.getNameAsString() : null;
    }

    /**
     * The method's last statement (before a final {@code return}) leaves {@code receiver}'s lock held:
     * an unconditional {@code lock()}, or {@code while (!tryLock()) { .. }} whose every {@code break}
     * follows a {@code lock()} in its block (the segments' spin-then-lock helpers).
     */
    private static boolean endsHolding(Node declaration, String receiver) {
        if (!(declaration instanceof MethodDeclaration m) || m.getBody().isEmpty()) {
            return false;
        }
        List<Statement> body = m.getBody().get().getStatements();
        int last = body.size() - 1;
        if (last >= 0 && body.get(last) instanceof ReturnStmt) {
            last--;
        }
        if (last < 0) {
            return false;
        }
        Statement end = body.get(last);
        if (isLockCall(end, receiver)) {
            return true;
        }
        if (!(end instanceof WhileStmt loop) || !(Parentheses.strip(loop.getCondition()) instanceof UnaryExpr not)
                || not.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
                || !(not.getExpression() instanceof MethodCallExpr tryCall)
                || !tryCall.getNameAsString().equals("tryLock") || !receiver.equals(ownReceiver(tryCall))) {
            return false;
        }
        for (BreakStmt b : loop.getBody().findAll(BreakStmt.class)) {
            if (b.getLabel().isPresent() || breakTarget(b) != loop) {
                continue;
            }
            if (!(b.getParentNode().orElse(null) instanceof BlockStmt block)) {
                return false;
            }
            int at = 0;
            while (at < block.getStatements().size() && block.getStatement(at) != b) { // identity: equals is structural
                at++;
            }
            if (at < 1 || !isLockCall(block.getStatement(at - 1), receiver)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLockCall(Statement statement, String receiver) {
        return statement instanceof ExpressionStmt x && x.getExpression() instanceof MethodCallExpr c
                && (c.getNameAsString().equals("lock") || c.getNameAsString().equals("lockInterruptibly"))
                && receiver.equals(ownReceiver(c));
    }

    /**
     * {@code while (true) { if (lock.tryLock(250, ms)) break; ... }} then the region: the loop is
     * endless and this {@code break} is its only way out but {@code return} or a throw, so code
     * after it runs only once the lock was taken (Artemis' journal, Ignite's busy lock).
     */
    private static boolean leavesEndlessLoopOnlyHere(IfStmt ifStmt, Node region) {
        Statement last = ifStmt.getThenStmt();
        while (last instanceof BlockStmt block && block.getStatements().isNonEmpty()) {
            last = block.getStatements().getLast().orElseThrow();
        }
        if (!(last instanceof BreakStmt ours) || ours.getLabel().isPresent()) {
            return false;
        }
        Statement loop = breakTarget(ours);
        if (!isEndless(loop) || !isAfter(region, loop)) {
            return false;
        }
        return loop.findAll(BreakStmt.class).stream()
                .allMatch(b -> b == ours || b.getLabel().isEmpty() && breakTarget(b) != loop);
    }

    /** The loop or switch an unlabeled {@code break} leaves, or null. */
    private static Statement breakTarget(BreakStmt breakStmt) {
        for (Node n = breakStmt.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (isLoop(n) || n instanceof SwitchStmt) {
                return (Statement) n;
            }
            if (n instanceof CallableDeclaration<?>
                    || n instanceof LambdaExpr) {
                return null;
            }
        }
        return null;
    }

    private static boolean isEndless(Statement loop) {
        if (loop instanceof WhileStmt w) {
            return isTrue(w.getCondition());
        }
        if (loop instanceof DoStmt d) {
            return isTrue(d.getCondition());
        }
        return loop instanceof ForStmt f && f.getCompare().map(Guards::isTrue).orElse(true);
    }

    private static boolean isTrue(Expression e) {
        return e instanceof BooleanLiteralExpr b && b.getValue();
    }

    private static boolean guardedByVariable(Acquisition acquisition, String variable, boolean acquiredWhenTrue,
            Node region) {
        for (IfStmt ifStmt : acquisition.method().declaration().findAll(IfStmt.class)) {
            Boolean polarity = polarityOfVariable(ifStmt.getCondition(), variable, acquiredWhenTrue);
            if (polarity != null && guardedByIf(ifStmt, polarity, region)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code condition} says of the stored result {@code variable} of a may-fail acquisition:
     * TRUE when it holds only if the lock was taken ({@code locked}, {@code stamp != 0}, {@code
     * sl.validate(stamp)}), FALSE when only if it was not ({@code !locked}, {@code stamp == 0}), null
     * when it tests something else or more ({@code locked && x} says nothing of its else).
     */
    public static Boolean resultTested(Expression condition, String variable) {
        return condition instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND
                || b.getOperator() == BinaryExpr.Operator.OR) ? null : polarityOfVariable(condition, variable, true);
    }

    private static Boolean polarityOfVariable(Expression condition, String variable, boolean positive) {
        if (condition instanceof NameExpr n && n.getNameAsString().equals(variable)) {
            return positive;
        }
        if (condition instanceof EnclosedExpr e) {
            return polarityOfVariable(e.getInner(), variable, positive);
        }
        if (condition instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            return polarityOfVariable(u.getExpression(), variable, !positive);
        }
        if (condition instanceof BinaryExpr b && comparedWithLiteral(b) != null) {
            return polarityOfVariable(comparedWithLiteral(b), variable, negates(b) != positive);
        }
        // if (!sl.validate(stamp)) return;: a failed tryWriteLock() stamp (zero) never validates, and a
        // held one does (Tarantool's cluster client, held-out sample 33).
        if (condition instanceof MethodCallExpr call
                && call.getNameAsString().equals("validate") && call.getArguments().size() == 1) {
            return polarityOfVariable(call.getArgument(0), variable, positive);
        }
        if (condition instanceof BinaryExpr b && positive && b.getOperator() == BinaryExpr.Operator.AND) {
            Boolean left = polarityOfVariable(b.getLeft(), variable, true);
            return left != null && left ? left : polarityOfVariable(b.getRight(), variable, true);
        }
        return null;
    }

    /**
     * The other operand of {@code x == false}, {@code true != x} and the like (a boolean compared
     * with a literal, as some code bases write {@code if (lock.tryLock() == false)}), or null.
     */
    public static Expression comparedWithLiteral(BinaryExpr b) {
        if (b.getOperator() != BinaryExpr.Operator.EQUALS && b.getOperator() != BinaryExpr.Operator.NOT_EQUALS) {
            return null;
        }
        return isTestLiteral(b.getRight()) ? unassigned(b.getLeft())
                : isTestLiteral(b.getLeft()) ? unassigned(b.getRight()) : null;
    }

    /**
     * For a {@link #comparedWithLiteral} comparison: true when it is the negation of its operand
     * ({@code x == false}; for a stamp, {@code stamp == 0}: {@code tryWriteLock()} failed).
     */
    public static boolean negates(BinaryExpr b) {
        if (comparedWithLiteral(b) == null) {
            return false;
        }
        Expression literal = isTestLiteral(b.getRight()) ? b.getRight() : b.getLeft();
        boolean equals = b.getOperator() == BinaryExpr.Operator.EQUALS;
        return literal.isBooleanLiteralExpr() ? literal.asBooleanLiteralExpr().getValue() != equals : equals;
    }

    /** {@code true}/{@code false}, or the zero a failed {@code StampedLock.try...Lock()} returns. */
    private static boolean isTestLiteral(Expression e) {
        return e.isBooleanLiteralExpr() || (e.isIntegerLiteralExpr() || e.isLongLiteralExpr())
                && e.asLiteralStringValueExpr().getValue().replaceAll("[lL_]", "").equals("0");
    }

    /** {@code (stamp = sl.tryWriteLock())} used as a value: the call it assigns. */
    private static Expression unassigned(Expression e) {
        Expression x = e;
        x = Parentheses.strip(x);
        return x instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN
                ? assign.getValue() : e;
    }

    /** True when the statement can fall through to the next one (it does not end in return/throw/break/continue). */
    public static boolean canCompleteNormally(Statement statement) {
        Statement last = statement;
        while (last instanceof BlockStmt block && block.getStatements().isNonEmpty()
                || last instanceof SynchronizedStmt) {
            // A synchronized block completes normally exactly when its body does.
            last = last instanceof SynchronizedStmt sync ? sync.getBody()
                    : ((BlockStmt) last).getStatements().getLast().orElseThrow();
        }
        return !(last instanceof ReturnStmt || last instanceof ThrowStmt || last instanceof ContinueStmt
                || last instanceof BreakStmt);
    }

    /**
     * True when {@code a} and {@code b} lie on branches of which one run takes only one: the then
     * and else of an {@code if} or of {@code ?:}, or two entries of a {@code switch} (fall-through
     * between them aside).
     */
    public static boolean onExclusiveBranches(Node a, Node b) {
        Node childOfCommon = null;
        for (Node n = a; n != null; childOfCommon = n, n = n.getParentNode().orElse(null)) {
            if (contains(n, b)) {
                Node branchOfB = b;
                while (branchOfB.getParentNode().orElse(null) != n) {
                    branchOfB = branchOfB.getParentNode().orElseThrow();
                }
                return childOfCommon != null && childOfCommon != branchOfB && (n instanceof IfStmt ifStmt
                        && ifStmt.getCondition() != childOfCommon && ifStmt.getCondition() != branchOfB
                        || n instanceof ConditionalExpr c && c.getCondition() != childOfCommon
                                && c.getCondition() != branchOfB
                        || childOfCommon instanceof SwitchEntry && branchOfB instanceof SwitchEntry);
            }
        }
        return false;
    }

    /** True when {@code inner} is {@code outer} or lies inside it. */
    public static boolean contains(Node outer, Node inner) {
        for (Node n = inner; n != null; n = n.getParentNode().orElse(null)) {
            if (n == outer) {
                return true;
            }
        }
        return false;
    }

    /** A {@code for}, for-each, {@code while} or {@code do} statement. */
    public static boolean isLoop(Node n) {
        return n instanceof WhileStmt || n instanceof DoStmt || n instanceof ForStmt || n instanceof ForEachStmt;
    }

    /** The innermost loop around {@code node} inside {@code method} (not beyond it), or {@code null}. */
    public static Node enclosingLoop(Node node, Node method) {
        for (Node n = node.getParentNode().orElse(null); n != null && n != method; n = n.getParentNode().orElse(null)) {
            if (isLoop(n)) {
                return n;
            }
        }
        return null;
    }

    /** A loop inside {@code method} holds both {@code a} and {@code b}: what runs after one may run before it again. */
    public static boolean inOneLoop(Node a, Node b, Node method) {
        for (Node loop = enclosingLoop(a, method); loop != null; loop = enclosingLoop(loop, method)) {
            if (loop.isAncestorOf(b)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code node} starts after {@code before} ends. */
    public static boolean isAfter(Node node, Node before) {
        return node.getBegin().isPresent() && before.getEnd().isPresent()
                && node.getBegin().get().isAfter(before.getEnd().get());
    }

    /**
     * {@code if (!isHeldByCurrentThread()) notifyListeners();}: code that runs only when the thread
     * does not hold the lock (Guava's cache defers its listeners this way) is no fact of a caller
     * that holds it. The test names no lock, so any such guard counts (precision first).
     */
    public static boolean onlyWhenNoLockHeld(MethodCallExpr call,
            Node method) {
        Node child = call;
        for (Node n = child.getParentNode().orElse(null);
                n != null && n != method; child = n, n = n.getParentNode().orElse(null)) {
            if (n instanceof IfStmt ifStmt && ifStmt.getThenStmt() == child
                    && testsNotHeld(ifStmt.getCondition())) {
                return true;
            }
        }
        return false;
    }

    private static boolean testsNotHeld(Expression condition) {
        Expression e = condition;
        e = Parentheses.strip(e);
        if (e instanceof UnaryExpr not
                && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
                && not.getExpression() instanceof MethodCallExpr call) {
            String name = call.getNameAsString();
            return name.equals("isHeldByCurrentThread") || name.equals("holdsLock")
                    || name.equals("isWriteLockedByCurrentThread");
        }
        if (e instanceof BinaryExpr binary
                && binary.getOperator() == BinaryExpr.Operator.EQUALS
                && binary.getLeft() instanceof MethodCallExpr call
                && call.getNameAsString().endsWith("HoldCount")
                && binary.getRight().toString().equals("0")) {
            return true;
        }
        return false;
    }
}
