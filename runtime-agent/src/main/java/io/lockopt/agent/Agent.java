package io.lockopt.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point named in the agent jar's manifest ({@code Agent-Class} for attach,
 * {@code Premain-Class} for {@code -javaagent}). Deliberately tiny and stateless: it puts
 * the hook classes on the bootstrap class path first (before anything could load them from
 * the agent jar), then hands over to {@code ProfilerSession} by name, so that no agent class
 * that links against the hooks is resolved earlier.
 */
public final class Agent {
    private Agent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        try {
            BootstrapClasses.ensureOnBootstrapPath(instrumentation);
            Class.forName("io.lockopt.agent.ProfilerSession", true, Agent.class.getClassLoader())
                    .getMethod("start", String.class, Instrumentation.class)
                    .invoke(null, arguments, instrumentation);
        } catch (Throwable t) {
            // Never take the target down: one line on its stderr, and the client times out waiting.
            System.err.println("lockopt agent: not started: " + t);
        }
    }
}
