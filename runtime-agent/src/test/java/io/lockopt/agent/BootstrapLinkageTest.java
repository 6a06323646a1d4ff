package io.lockopt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.bootstrapfixture.LeakyHook;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * The classes of {@code io.lockopt.agent.bootstrap} are loaded by the bootstrap class loader
 * (instrumented code in any loader calls them), where nothing but the JDK links: a reference to
 * another class of the agent, or to a library, compiles and passes every unit test, then fails
 * with {@code NoClassDefFoundError} inside the profiled application. This test reads every
 * bootstrap class file (constant pool, descriptors, signatures, method bodies) and fails the
 * build on any class outside {@code java.*}, {@code jdk.*} and the bootstrap package itself; a
 * deliberately bad fixture shows that the check sees such a reference.
 */
class BootstrapLinkageTest {
    private static final String BOOTSTRAP = "io/lockopt/agent/bootstrap/";

    @Test
    void bootstrapClassesReferToNothingButTheJdkAndEachOther() throws Exception {
        Map<String, Set<String>> foreign = new TreeMap<>();
        Path dir = classDirectory(LockHooks.class);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Set<String> references = foreignReferences(Files.readAllBytes(file), BOOTSTRAP);
                if (!references.isEmpty()) {
                    foreign.put(file.getFileName().toString(), references);
                }
            }
        }
        assertThat(dir.resolve("LockHooks.class")).exists();
        assertThat(dir.resolve("LockSink.class")).exists();
        assertThat(foreign).as("classes the bootstrap class loader cannot link, by bootstrap class").isEmpty();
    }

    @Test
    void aHookThatNamesAnAgentClassIsCaught() throws IOException {
        byte[] leaky;
        try (InputStream in = LeakyHook.class.getResourceAsStream("LeakyHook.class")) {
            leaky = in.readAllBytes();
        }
        assertThat(foreignReferences(leaky, "io/lockopt/agent/bootstrapfixture/"))
                .containsExactly("io.lockopt.agent.recorder.LockRecorder");
    }

    /** Every class {@code classFile} names outside the JDK and {@code ownPackage} (internal form). */
    static Set<String> foreignReferences(byte[] classFile, String ownPackage) {
        Set<String> names = new TreeSet<>();
        Remapper collector = new Remapper() {
            @Override
            public String map(String internalName) {
                if (!internalName.startsWith("java/") && !internalName.startsWith("jdk/")
                        && !internalName.startsWith(ownPackage)) {
                    names.add(internalName.replace('/', '.'));
                }
                return internalName;
            }
        };
        // The writer as delegate makes the remapper visit method bodies too (instructions, handlers).
        new ClassReader(classFile).accept(new ClassRemapper(new ClassWriter(0), collector), 0);
        return names;
    }

    private static Path classDirectory(Class<?> type) {
        try {
            return Path.of(type.getResource(type.getSimpleName() + ".class").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
