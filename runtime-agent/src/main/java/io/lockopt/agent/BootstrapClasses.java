package io.lockopt.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the classes instrumented code calls ({@code io.lockopt.agent.bootstrap}: the hooks and
 * the sink interface, nothing else) on the bootstrap class path, so that application classes
 * in any class loader or module can link against them. Done once per JVM: a later session
 * finds them already there. The small jar is written into a fresh private temporary
 * directory, every class in it is loaded at once, and the file is then deleted (the loaded
 * classes no longer need it).
 */
final class BootstrapClasses {
    private static final String PACKAGE_PATH = "io/lockopt/agent/bootstrap/";
    private static final String PROBE = "io.lockopt.agent.bootstrap.LockHooks";
    private static final String AGENT_JAR_KEY = "agent-jar=";
    private static final String JAVAAGENT = "-javaagent:";

    private BootstrapClasses() {
    }

    static void ensureOnBootstrapPath(Instrumentation instrumentation, Path agentJarPath) throws IOException {
        if (onBootstrapPath()) {
            return;
        }
        List<String> classes = new ArrayList<>();
        Path dir = Files.createTempDirectory("lockopt-agent-bootstrap-");
        Path jar = dir.resolve("lockopt-agent-bootstrap.jar");
        try {
            try (JarFile agentJar = new JarFile(agentJarPath.toFile());
                    OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file)) {
                Enumeration<JarEntry> entries = agentJar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")) {
                        out.putNextEntry(new JarEntry(name));
                        try (InputStream in = agentJar.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                        classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            for (String name : classes) {
                Class.forName(name, true, null);
            }
        } catch (ClassNotFoundException e) {
            throw new IOException("bootstrap class not loadable: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(dir);
        }
    }

    private static boolean onBootstrapPath() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The agent jar: named in the arguments by the client ({@code agent-jar=}), which is exact
     * even when the application's own class path holds another copy of these classes; else
     * where this class was loaded from, when that is an agent jar; else (the class path had a
     * copy of this class first, as lockopt's own runnable jar has) the {@code -javaagent:} jar
     * of this JVM's command line that names this class as its {@code Premain-Class}.
     */
    static Path agentJarPath(String arguments) throws IOException {
        if (arguments != null) {
            // ';' separates a profile session's pairs, ',' the always-on agent's.
            for (String pair : arguments.split("[;,]")) {
                if (pair.startsWith(AGENT_JAR_KEY)) {
                    return Path.of(java.net.URLDecoder.decode(pair.substring(AGENT_JAR_KEY.length()),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        Path loadedFrom;
        try {
            loadedFrom = Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate the agent jar", e);
        }
        if (isAgentJar(loadedFrom)) {
            return loadedFrom;
        }
        for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith(JAVAAGENT)) {
                int eq = option.indexOf('=');
                Path jar = Path.of(eq < 0 ? option.substring(JAVAAGENT.length()) : option.substring(JAVAAGENT.length(), eq));
                if (isAgentJar(jar)) {
                    return jar;
                }
            }
        }
        return loadedFrom;
    }

    private static boolean isAgentJar(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            java.util.jar.Manifest manifest = jar.getManifest();
            return manifest != null
                    && Agent.class.getName().equals(manifest.getMainAttributes().getValue("Premain-Class"));
        } catch (IOException e) {
            return false;
        }
    }
}
