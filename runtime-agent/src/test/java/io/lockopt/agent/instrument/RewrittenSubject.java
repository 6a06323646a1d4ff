package io.lockopt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.recorder.InstrumentedSites;
import io.lockopt.agent.recorder.LockRecorder;

/**
 * A test class rewritten as the agent's transformer rewrites it, loaded child-first in a
 * loader of its own (so the JVM verifies the new code and its frames), with a recorder
 * attached to the hooks until {@link #close}.
 */
final class RewrittenSubject implements AutoCloseable {
    final InstrumentedSites sites = new InstrumentedSites();
    final LockRecorder recorder = new LockRecorder(sites, 100);
    final Class<?> type;
    final Object instance;

    RewrittenSubject(Class<?> original) throws Exception {
        ClassLoader parent = original.getClassLoader();
        byte[] rewritten = new LockInstrumentation(sites, List.of(), List.of())
                .rewrite(classFile(original), parent, () -> { });
        assertThat(rewritten).as("the subject uses locks").isNotNull();
        type = new ChildFirst(parent, original.getName(), rewritten).loadClass(original.getName());
        assertThat(type).isNotSameAs(original);
        instance = type.getConstructor().newInstance();
        assertThat(LockHooks.attach(recorder)).as("no other session attached").isTrue();
    }

    /** Calls the rewritten class's public method {@code name} (static or on the instance). */
    Object call(String name, Object... arguments) throws Throwable {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
                try {
                    return method.invoke(Modifier.isStatic(method.getModifiers()) ? null : instance, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name);
    }

    @Override
    public void close() {
        LockHooks.detach(recorder);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the one rewritten class itself; everything else (the hooks above all) comes from the parent. */
    private static final class ChildFirst extends ClassLoader {
        private final String name;
        private final byte[] classFile;

        ChildFirst(ClassLoader parent, String name, byte[] classFile) {
            super(parent);
            this.name = name;
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
            }
        }
    }
}
