package io.lockopt.analyzer.facts;

import java.util.List;
import java.util.Set;

/**
 * Methods that run when an object starts or stops rather than while it works, told by their
 * names: what happens in them on real code is mostly ordered by the life cycle (one thread starts
 * the object before others use it; shutdown waits for helpers on purpose), which the rules weigh
 * differently from the working path.
 */
public final class LifeCycle {
    private static final List<String> START_UP = List.of("init", "initialize", "initialise", "open", "start", "setUp",
            "setup", "configure", "doStart", "doInit", "doOpen", "setConf", "setConfiguration",
            // Hadoop's AbstractService (YARN, Tez, HBase, Ratis): init and start run once, before use.
            "serviceInit", "serviceStart");

    /**
     * Start-up steps that bring state back from disk; for lock orders only. Not {@code restore}:
     * a stream task's state store restores while it serves queries.
     */
    private static final List<String> RESTORING = List.of("load", "recover");

    private static final List<String> TEAR_DOWN = List.of("close", "shutdown", "shutDown", "stop", "dispose",
            "destroy", "terminate", "serviceStop",
            // Life-cycle callbacks (Android, dubbo's scope models, JSF): the framework calls them to stop.
            "onDestroy", "onStop", "onClose", "onShutdown");

    private LifeCycle() {
    }

    /** {@code init}, {@code start}, {@code doStart}, {@code openConnection}, ...: the prefix then a capital or the end. */
    public static boolean startsUp(String name) {
        return prefixed(name, START_UP);
    }

    /** A start-up step, or one that restores state ({@code load}, {@code recover}) while starting. */
    public static boolean startsUpOrRestores(String name) {
        return startsUp(name) || prefixed(name, RESTORING);
    }

    /**
     * Shutting down under the lock and waiting for helper threads to end is mostly deliberate (the
     * lock keeps a second shutdown or a restart out).
     */
    public static boolean tearsDown(MethodFacts method) {
        String name = method.name();
        return TEAR_DOWN.stream().anyMatch(name::startsWith);
    }

    /**
     * {@code close()}, {@code shutdown()}: the whole object ends, by exact name and without
     * parameters. {@code closeSession(id)} or {@code stop(key)} ends one entry while the rest works
     * on, and {@code closeIdleConnections()} or {@code stopStaleWorkers()} runs at work: an ordinary
     * event, not the object's end.
     */
    public static boolean endsTheWholeObject(MethodFacts method) {
        return method.arity() == 0 && WHOLE_TEAR_DOWN.contains(method.name());
    }

    private static final Set<String> WHOLE_TEAR_DOWN = Set.of("close", "shutdown", "shutDown", "shutdownNow", "stop",
            "destroy", "dispose", "terminate");

    private static boolean prefixed(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix) && (name.length() == prefix.length()
                    || Character.isUpperCase(name.charAt(prefix.length())))) {
                return true;
            }
        }
        return false;
    }

    /** Set-up and clean-up steps of a request or an object's reuse. */
    public static final Set<String> RECYCLING = Set.of("doStop", "recycle", "reset", "dispose", "destroy");

    /**
     * A private method every call of which, in its class, is made by a constructor or initializer
     * (or by another such method, {@code depth} deep): it runs while the object is built, before
     * any other thread can see it (Micronaut's {@code DefaultEnvironment.getEnvironmentsAndPackage}).
     */
    public static boolean runsOnlyDuringConstruction(MethodFacts method, int depth) {
        if (depth == 0 || method.kind() != MethodFacts.Kind.METHOD || method.isStatic()
                || !(method.declaration() instanceof com.github.javaparser.ast.body.MethodDeclaration declaration)
                || !declaration.isPrivate()) {
            return false;
        }
        List<CallSite> calls = method.callsFromOwnClass();
        for (CallSite call : calls) {
            MethodFacts caller = call.method();
            boolean constructing = caller.kind() == MethodFacts.Kind.CONSTRUCTOR
                    || caller.kind() == MethodFacts.Kind.INITIALIZER && !caller.isStatic();
            if (!constructing && (caller == method || !runsOnlyDuringConstruction(caller, depth - 1))) {
                return false;
            }
        }
        return !calls.isEmpty();
    }
}
