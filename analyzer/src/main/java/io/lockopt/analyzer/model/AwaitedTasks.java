package io.lockopt.analyzer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.CriticalSection;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.Guards;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.NameScopes;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * The task a future's {@code get()}/{@code join()} or a thread's {@code join()} waits for, when the
 * method handed it to another thread itself ({@code pool.submit(() -> ..).get()}, {@code f =
 * pool.submit(this::load); .. f.get()}, {@code t = new Thread(this::drain); t.start(); .. t.join()}).
 * A task that takes a lock its waiter holds cannot get past that acquisition until the wait ends,
 * and the wait does not end before the task does: when the hand-off is made holding the lock too,
 * a deadlock every time the task reaches the lock, not only when two threads meet at the wrong
 * moment.
 *
 * <p>Only a task written where it is handed off is resolved (a lambda, an anonymous class, a
 * reference to a method of this object), and only a hand-off to another thread: not an executor
 * that may run the task in the caller, under the caller's locks (one named or built like it,
 * {@code directExecutor()}, {@code Runnable::run}; a fork/join pool, whose {@code join()} from
 * outside may run the task itself; {@code CompletableFuture.runAsync} without an executor, which
 * uses the common fork/join pool), nor a {@code Thread} subclass, whose own {@code run()} decides
 * what the constructor's argument is for. Stateless.
 */
public final class AwaitedTasks {
    /** Calls that hand a task to another thread and return its future; the task is the first argument. */
    private static final Set<String> SUBMITS = Set.of("submit", "schedule");
    /** {@code CompletableFuture}'s hand-offs; the executor is the second argument. */
    private static final Set<String> ASYNC = Set.of("supplyAsync", "runAsync");
    /** Method names a task's body has when it is an anonymous class ({@code Runnable}, {@code Callable}, {@code Supplier}, {@code Thread}). */
    private static final Set<String> TASK_METHODS = Set.of("run", "call", "get");
    /** Executors that may run a task in the thread that hands it over, by how they are written. */
    private static final List<String> CALLER_RUNS = List.of("direct", "samethread", "callerruns", "inline",
            "runnable::run", ".run()", "forkjoin", "commonpool");

    private AwaitedTasks() {
    }

    /**
     * Where the task was handed off ({@code pool.submit(..)}, {@code new Thread(..)}), the call that
     * lets it run ({@code submit} itself, or the thread's {@code start()}), and its code.
     */
    public record Task(Expression handOff, MethodCallExpr started, MethodFacts body) {
        /** {@code submit()}, {@code new Thread()}: the hand-off as a message names it. */
        public String describe() {
            return handOff instanceof MethodCallExpr call ? call.getNameAsString() + "()"
                    : "new " + ((ObjectCreationExpr) handOff).getType().getNameAsString() + "()";
        }
    }

    /**
     * The task an untimed {@code get()}/{@code join()} of a future, or {@code join()} of a thread,
     * waits for, or {@code null}.
     */
    public static Task awaited(SourceFile file, CallSite call) {
        if (call.blocking() == null || call.argumentCount() != 0
                || !(call.name().equals("get") || call.name().equals("join"))) {
            return null;
        }
        LockFacts facts = LockFacts.of(file);
        Expression scope = call.node().getScope().map(Parentheses::strip).orElse(null);
        Expression source = valueOf(scope, call);
        if (source instanceof ObjectCreationExpr thread && "java.lang.Thread".equals(call.receiverType())) {
            MethodCallExpr start = scope instanceof NameExpr local ? startOf(local, call) : null;
            MethodFacts body = start == null ? null : threadTask(facts, thread, call.method());
            return body == null ? null : new Task(thread, start, body);
        }
        if (!(source instanceof MethodCallExpr handOff) || handOff.getArguments().isEmpty()
                || mayRunInTheCaller(facts, handOff, call.method())) {
            return null;
        }
        MethodFacts body = bodyOf(facts, Parentheses.strip(handOff.getArgument(0)), call.method());
        return body == null ? null : new Task(handOff, handOff, body);
    }

    /** Calls that hand a task (their first argument) to another thread without returning what it makes. */
    private static final Set<String> HAND_OFFS = Set.of("submit", "schedule", "execute");

    /**
     * The tasks that calls of {@code section} made before {@code wait} hand to another thread: a
     * {@code new Thread(..)} started there (inline, or kept in a local made once), or a task written
     * where it is given to an executor's {@code execute}/{@code submit}/{@code schedule} (not one that
     * may run it in the caller). Such a task cannot get past the lock of {@code section} before the
     * holder lets it go, whatever it did before.
     */
    public static List<Task> handedOffIn(SourceFile file, CriticalSection section, CallSite wait) {
        LockFacts facts = LockFacts.of(file);
        List<Task> tasks = new ArrayList<>();
        for (CallSite c : section.calls()) {
            if (c.node() == wait.node() || !Guards.isAfter(wait.node(), c.node())) {
                continue;
            }
            if (c.name().equals("start") && c.argumentCount() == 0) {
                Expression scope = c.node().getScope().map(Parentheses::strip).orElse(null);
                Expression thread = valueOf(scope, c);
                MethodFacts body = thread instanceof ObjectCreationExpr creation
                        ? threadTask(facts, creation, c.method()) : null;
                if (body != null) {
                    tasks.add(new Task(thread, c.node(), body));
                }
            } else if (HAND_OFFS.contains(c.name()) && !c.node().getArguments().isEmpty()
                    && !mayRunInTheCaller(facts, c.node(), c.method())) {
                MethodFacts body = bodyOf(facts, Parentheses.strip(c.node().getArgument(0)), c.method());
                if (body != null) {
                    tasks.add(new Task(c.node(), c.node(), body));
                }
            }
        }
        return tasks;
    }

    /**
     * {@code t.start()} in the waiting method before the join, for the thread in local {@code t},
     * in a block that holds the join too (not only on some branch); {@code null} when there is none.
     */
    private static MethodCallExpr startOf(NameExpr local, CallSite call) {
        return call.method().declaration().findFirst(MethodCallExpr.class, c -> c.getNameAsString().equals("start")
                && c.getArguments().isEmpty() && c.getScope().filter(s -> s.toString().equals(local.toString())).isPresent()
                && Guards.isAfter(call.node(), c)
                && c.findAncestor(BlockStmt.class).filter(block -> Guards.contains(block, call.node())).isPresent())
                .orElse(null);
    }

    /**
     * {@code new Thread(() -> ..)}: the thread's task, written where the thread is made (a
     * {@code Runnable} argument, or an anonymous subclass's {@code run()}). Only {@code Thread}
     * itself: a subclass's {@code run()} decides what its constructor's arguments are for.
     */
    private static MethodFacts threadTask(LockFacts facts, ObjectCreationExpr thread, MethodFacts waiter) {
        String type = thread.getType().getNameWithScope();
        if (!type.equals("Thread") && !type.equals("java.lang.Thread")) {
            return null;
        }
        return thread.getAnonymousClassBody().isPresent() ? bodyOf(facts, thread, waiter)
                : thread.getArguments().stream().map(Parentheses::strip).map(a -> bodyOf(facts, a, waiter))
                        .filter(b -> b != null).findFirst().orElse(null);
    }

    /**
     * The expression itself when it makes the future or thread, or the value of the local it was
     * kept in: declared once in a block around the wait and never assigned again.
     */
    private static Expression valueOf(Expression scope, CallSite call) {
        if (scope instanceof MethodCallExpr || scope instanceof ObjectCreationExpr) {
            return scope;
        }
        if (!(scope instanceof NameExpr local)) {
            return null;
        }
        String name = local.getNameAsString();
        Node body = call.method().declaration();
        List<VariableDeclarator> declared = body.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name));
        boolean reassigned = body.findFirst(AssignExpr.class, a -> a.getTarget() instanceof NameExpr t
                && t.getNameAsString().equals(name)).isPresent();
        if (declared.size() != 1 || reassigned || NameScopes.localInScope(local) != declared.get(0)) {
            return null; // a field, a local of another block, or one that may hold another future by then
        }
        return declared.get(0).getInitializer().map(Parentheses::strip).orElse(null);
    }

    /**
     * The hand-off may run the task in the calling thread, or is none this class knows: not
     * {@code submit}/{@code schedule}, or {@code CompletableFuture.supplyAsync}/{@code runAsync} with
     * an executor; an executor written (or, a field, initialised) like a caller-runs or fork/join one.
     */
    private static boolean mayRunInTheCaller(LockFacts facts, MethodCallExpr handOff, MethodFacts waiter) {
        String name = handOff.getNameAsString();
        Expression executor;
        if (SUBMITS.contains(name) || HAND_OFFS.contains(name)) {
            executor = handOff.getScope().orElse(null);
        } else if (ASYNC.contains(name) && handOff.getArguments().size() == 2) {
            executor = handOff.getArgument(1);
        } else {
            return true;
        }
        if (executor == null) {
            return true;
        }
        String written = executor.toString();
        FieldFacts field = fieldNamedBy(facts, Parentheses.strip(executor), waiter);
        if (field != null && field.initializer() != null) {
            written += " " + field.initializer();
        }
        String lower = written.toLowerCase(Locale.ROOT);
        return CALLER_RUNS.stream().anyMatch(lower::contains);
    }

    /** The field of the waiter's class (or one around it) that {@code pool} or {@code this.pool} names, or {@code null}. */
    private static FieldFacts fieldNamedBy(LockFacts facts, Expression e, MethodFacts waiter) {
        String name = e instanceof NameExpr n ? n.getNameAsString()
                : e instanceof FieldAccessExpr f && f.getScope().isThisExpr() ? f.getNameAsString() : null;
        if (name == null) {
            return null;
        }
        for (ClassFacts c = waiter.owner(); c != null; c = c.enclosing()) {
            FieldFacts field = facts.fieldInHierarchy(c, name);
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    /** The code a task expression runs: a lambda's body, an anonymous class's task method, {@code this::m}. */
    private static MethodFacts bodyOf(LockFacts facts, Expression task, MethodFacts waiter) {
        if (task instanceof LambdaExpr) {
            return facts.methods().stream().filter(m -> m.declaration() == task).findFirst().orElse(null);
        }
        if (task instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()) {
            for (ClassFacts c : facts.classes()) {
                if (c.declaration() == creation) {
                    return c.methods().stream().filter(m -> TASK_METHODS.contains(m.name()) && m.arity() == 0)
                            .findFirst().orElse(null);
                }
            }
            return null;
        }
        if (task instanceof MethodReferenceExpr ref && ref.getScope().isThisExpr()) {
            List<MethodFacts> named = waiter.owner().methodsNamed(ref.getIdentifier()).stream()
                    .filter(m -> m.arity() == 0).toList();
            return named.size() == 1 ? named.get(0) : null;
        }
        return null;
    }
}
