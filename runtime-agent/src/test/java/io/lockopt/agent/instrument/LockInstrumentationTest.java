package io.lockopt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.WriterReaderPhaser;
import org.junit.jupiter.api.Test;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.recorder.InstrumentedSites;

/**
 * Install and uninstall against a scripted {@link Instrumentation}: which loaded classes are
 * retransformed, how a class the JVM refuses is handled, what detach restores, and the read
 * edge a named module is given. (HdrHistogram's classes stand in for the application's: the
 * agent never instruments its own packages.)
 */
class LockInstrumentationTest {
    /** Retransforms through the installed transformer; refuses every batch holding {@link #refused}. */
    private static final class ScriptedJvm {
        final List<Class<?>> loaded;
        final Class<?> refused;
        final List<List<Class<?>>> retransformCalls = new ArrayList<>();
        final List<Class<?>> redefined = new ArrayList<>();
        final List<List<Object>> readEdges = new ArrayList<>();
        ClassFileTransformer transformer;

        ScriptedJvm(Class<?> refused, Class<?>... loaded) {
            this.refused = refused;
            this.loaded = List.of(loaded);
        }

        Instrumentation instrumentation() {
            return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "addTransformer" -> {
                            transformer = (ClassFileTransformer) args[0];
                            yield null;
                        }
                        case "removeTransformer" -> {
                            boolean removed = transformer == args[0];
                            transformer = null;
                            yield removed;
                        }
                        case "getAllLoadedClasses" -> loaded.toArray(new Class<?>[0]);
                        case "isModifiableClass" -> true;
                        case "retransformClasses" -> retransform((Class<?>[]) args[0]);
                        case "redefineModule" -> readEdges.add(List.of(args[0], args[1]));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Object retransform(Class<?>[] classes) throws IllegalClassFormatException {
            retransformCalls.add(List.of(classes));
            List<Class<?>> changed = new ArrayList<>();
            for (Class<?> type : classes) {
                if (transformer != null && transformer.transform(type.getModule(), type.getClassLoader(),
                        type.getName().replace('.', '/'), type, null, classFile(type)) != null) {
                    changed.add(type);
                }
            }
            if (Arrays.asList(classes).contains(refused)) {
                throw new VerifyError("refused " + refused.getName());
            }
            redefined.addAll(changed);
            return null;
        }
    }

    @Test
    void retransformsOnlyClassesWithLocksAndGoesOnPastOneTheJvmRefuses() {
        assertThat(rewrite(HistogramIterationValue.class)).as("a class without locks").isNull();
        ScriptedJvm jvm = new ScriptedJvm(Recorder.class, String.class, WriterReaderPhaser.class,
                HistogramIterationValue.class, Recorder.class, int[].class, LockInstrumentation.class);
        LockInstrumentation instrumentation = new LockInstrumentation(new InstrumentedSites(), List.of(), List.of());

        instrumentation.install(jvm.instrumentation());

        assertThat(jvm.retransformCalls).containsExactly(List.of(WriterReaderPhaser.class, Recorder.class),
                List.of(WriterReaderPhaser.class), List.of(Recorder.class));
        assertThat(jvm.redefined).containsExactly(WriterReaderPhaser.class);
        assertThat(instrumentation.instrumentedClasses()).isEqualTo(1);
        assertThat(instrumentation.transformErrors()).isEqualTo(1);

        jvm.retransformCalls.clear();
        jvm.redefined.clear();
        assertThat(instrumentation.uninstall(jvm.instrumentation())).isTrue();
        assertThat(jvm.transformer).isNull();
        assertThat(jvm.retransformCalls).as("only what was changed goes back").containsExactly(
                List.of(WriterReaderPhaser.class));
        assertThat(instrumentation.uninstall(jvm.instrumentation())).as("nothing left to remove").isFalse();
    }

    @Test
    void aNamedModuleThatCannotReadTheHooksIsGivenTheReadEdge() throws Exception {
        ScriptedJvm jvm = new ScriptedJvm(null);
        LockInstrumentation instrumentation = new LockInstrumentation(new InstrumentedSites(), List.of(), List.of());
        instrumentation.install(jvm.instrumentation());
        Module named = ModuleLayer.boot().findModule("java.logging").orElseThrow();
        Module hooks = LockHooks.class.getModule();
        assertThat(named.canRead(hooks)).isFalse();
        ClassLoader loader = getClass().getClassLoader();

        byte[] rewritten = jvm.transformer.transform(named, loader, "org/HdrHistogram/WriterReaderPhaser", null, null,
                classFile(WriterReaderPhaser.class));
        byte[] untouched = jvm.transformer.transform(named, loader, "org/HdrHistogram/HistogramIterationValue", null,
                null, classFile(HistogramIterationValue.class));
        byte[] unnamed = jvm.transformer.transform(loader.getUnnamedModule(), loader, "org/HdrHistogram/Recorder",
                null, null, classFile(Recorder.class));

        assertThat(rewritten).isNotNull();
        assertThat(untouched).isNull();
        assertThat(unnamed).isNotNull();
        assertThat(jvm.readEdges).containsExactly(List.of(named, Set.of(hooks)));
        assertThat(instrumentation.instrumentedClasses()).isEqualTo(2);
        assertThat(jvm.transformer.transform(named, loader, "org/HdrHistogram/Broken", null, null, new byte[] {1, 2}))
                .as("unreadable bytes are left alone").isNull();
        assertThat(instrumentation.transformErrors()).isZero();
    }

    private static byte[] rewrite(Class<?> type) {
        return new LockInstrumentation(new InstrumentedSites(), List.of(), List.of()).rewrite(classFile(type),
                type.getClassLoader(), () -> { });
    }

    private static byte[] classFile(Class<?> type) {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
