package io.lockopt.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Entry point named in the agent jar's manifest ({@code Agent-Class} for attach,
 * {@code Premain-Class} for {@code -javaagent}). Deliberately tiny and stateless: it puts
 * the hook classes on the bootstrap class path first (before anything could load them from
 * the agent jar), then starts a {@code ProfilerSession} in a class loader of its own that
 * sees only the agent jar and the platform: the application's classes (which may even
 * contain another copy of lockopt) never mix with the agent's, and everything a session
 * loaded can be collected once it has ended.
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
            java.nio.file.Path jar = BootstrapClasses.agentJarPath(arguments);
            BootstrapClasses.ensureOnBootstrapPath(instrumentation, jar);
            URL agentJar = jar.toUri().toURL();
            ClassLoader agentLoader = new URLClassLoader("lockopt-agent", new URL[] {agentJar},
                    ClassLoader.getPlatformClassLoader());
            Class.forName("io.lockopt.agent.ProfilerSession", true, agentLoader)
                    .getMethod("start", String.class, Instrumentation.class)
                    .invoke(null, arguments, instrumentation);
        } catch (InvocationTargetException e) {
            // Never take the target down: one line on its stderr, and the client times out waiting.
            System.err.println("lockopt agent: not started: " + e.getCause());
        } catch (Throwable t) {
            System.err.println("lockopt agent: not started: " + t);
        }
    }
}
