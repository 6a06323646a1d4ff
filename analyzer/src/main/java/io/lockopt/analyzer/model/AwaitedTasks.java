package io.lockopt.analyzer.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.ClassFacts;
import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.facts.Parentheses;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * The task a future's {@code get()}/{@code join()} or a thread's {@code join()} waits for, when the
 * method handed it to another thread itself ({@code pool.submit(() -> ..).get()}, {@code f =
 * CompletableFuture.supplyAsync(this::load); .. f.join()}, {@code t = new Thread(this::drain);
 * t.start(); .. t.join()}). A task that takes a lock its waiter holds cannot get past that acquisition until
 * the wait ends, and the wait does not end before the task does: a deadlock every time the code
 * runs with the task reaching the lock, not only when two threads meet at the wrong moment.
 *
 * <p>Only a task written where it is handed off is resolved (a lambda, an anonymous class, a
 * reference to a method of this object); an executor named like one that runs tasks in the
 * caller ({@code directExecutor()}, {@code sameThreadExecutor()}) runs it under the caller's
 * locks, so it is no hand-off. Stateless.
 */
public final class AwaitedTasks {
    /** Calls that hand a task to another thread and return its future; the task is the first argument. */
    private static final Set<String> HAND_OFFS = Set.of("submit", "supplyAsync", "runAsync", "schedule");
    /** Method names a task's body has when it is an anonymous class ({@code Runnable}, {@code Callable}, {@code Supplier}, {@code Thread}). */
    private static final Set<String> TASK_METHODS = Set.of("run", "call", "get");
    /** Executors that run a task in the thread that hands it over, by how they are named. */
    private static final List<String> CALLER_RUNS = List.of("direct", "samethread", "callerruns", "inline");

    private AwaitedTasks() {
    }

    /** Where the task was handed off ({@code pool.submit(..)}, {@code new Thread(..)}) and its code. */
    public record Task(Expression handOff, MethodFacts body) {
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
        Expression source = valueOf(call.node().getScope().map(Parentheses::strip).orElse(null), call);
        if (source instanceof ObjectCreationExpr thread && "java.lang.Thread".equals(call.receiverType())) {
            return threadTask(LockFacts.of(file), thread, call.method());
        }
        if (!(source instanceof MethodCallExpr handOff) || !HAND_OFFS.contains(handOff.getNameAsString())
                || handOff.getArguments().isEmpty() || runsInTheCaller(handOff)) {
            return null;
        }
        MethodFacts body = bodyOf(LockFacts.of(file), Parentheses.strip(handOff.getArgument(0)), call.method());
        return body == null ? null : new Task(handOff, body);
    }

    /**
     * {@code Thread t = new Thread(() -> ..); t.start(); .. t.join();}: the thread's task, written
     * where the thread is made (a {@code Runnable} argument, or an anonymous subclass's {@code run()}).
     */
    private static Task threadTask(LockFacts facts, ObjectCreationExpr thread, MethodFacts waiter) {
        MethodFacts body = thread.getAnonymousClassBody().isPresent() ? bodyOf(facts, thread, waiter)
                : thread.getArguments().stream().map(Parentheses::strip).map(a -> bodyOf(facts, a, waiter))
                        .filter(b -> b != null).findFirst().orElse(null);
        return body == null ? null : new Task(thread, body);
    }

    /** The expression itself when it makes the future or thread, or the one value of the local it was kept in. */
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
        if (declared.size() != 1 || reassigned) {
            return null; // a field, or a local that may hold another future by then
        }
        return declared.get(0).getInitializer().map(Parentheses::strip).orElse(null);
    }

    private static boolean runsInTheCaller(MethodCallExpr handOff) {
        String executor = (handOff.getScope().map(Object::toString).orElse("") + " "
                + handOff.getArguments().stream().skip(1).map(Object::toString).reduce("", String::concat))
                .toLowerCase(Locale.ROOT);
        return CALLER_RUNS.stream().anyMatch(executor::contains);
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
