package io.lockopt.analyzer.model;

import java.util.Map;
import java.util.Set;

import io.lockopt.analyzer.facts.CallSite;

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
        if (methods != null) {
            return methods.contains(call.name());
        }
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return (simple.endsWith("Listener") || simple.endsWith("Callback") || simple.endsWith("Observer"))
                && call.name().startsWith("on") && call.name().length() > 2
                && Character.isUpperCase(call.name().charAt(2));
    }

    /** {@code Runnable.run}, {@code OrderListener.onFill}. */
    public static String describe(CallSite call) {
        String type = call.receiverType();
        return type.substring(type.lastIndexOf('.') + 1) + "." + call.name();
    }
}
