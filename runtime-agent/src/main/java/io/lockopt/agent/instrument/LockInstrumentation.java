package io.lockopt.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.recorder.InstrumentedSites;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Installs (and later removes) the call-site rewriting on the application's classes with a
 * plain {@link ClassFileTransformer} over ASM: already loaded classes that use locks are
 * retransformed, new ones are transformed as they load. The transformation only decorates
 * method bodies (no new members, no class-format change), so it can be applied and reverted
 * by retransformation. (Byte Buddy's {@code AgentBuilder} did the same at the cost of about
 * a thousand classes loaded, and classes generated and injected, at every first attach.)
 *
 * <p>Design notes: {@link #install} (or {@link #startTransforming}, then
 * {@link #retransformLoaded}) and {@link #uninstall} run on one thread at a time, the session's
 * control thread; {@link #transform} runs on whatever thread loads or retransforms a class, several
 * at once. It touches only the thread-safe {@link InstrumentedSites}, atomic counters and the record
 * of changed classes, which is guarded by its own monitor (held for a map update, never while
 * calling out). A class loaded while {@link #uninstall} runs may be transformed after the
 * restoring pass has listed the loaded classes and stay rewritten; its hooks then find no
 * recorder attached and record nothing.
 */
public final class LockInstrumentation {
    /** JDK and platform packages are never instrumented, nor lockopt's agent and lock internals. */
    private static final List<String> ALWAYS_EXCLUDED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.openjdk.", "io.lockopt.agent.", "io.lockopt.locks.", "net.bytebuddy.");
    /** Classes per retransformClasses call: one bad class fails its whole batch, then retried class by class. */
    private static final int RETRANSFORM_BATCH = 64;
    private static final int JAVA_5 = Opcodes.V1_5 & 0xFFFF;
    private static final int JAVA_6 = Opcodes.V1_6 & 0xFFFF;

    private final InstrumentedSites sites;
    private final PackageFilter filter;
    private final AtomicInteger instrumentedClasses = new AtomicInteger();
    private final AtomicLong transformErrors = new AtomicLong();
    private final ClassFileTransformer transformer = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                ProtectionDomain domain, byte[] classFile) {
            return LockInstrumentation.this.transform(module, loader, className, classFile);
        }
    };
    /**
     * Names of the classes the transformer changed, per defining loader (weakly: a collected
     * loader's classes need no restoring); the bootstrap loader's under {@link #bootLoaderChanged}.
     */
    private final Map<ClassLoader, Set<String>> changed = new WeakHashMap<>();
    private final Set<String> bootLoaderChanged = new HashSet<>();
    private volatile Instrumentation instrumentation;
    private volatile boolean installed;

    public LockInstrumentation(InstrumentedSites sites, List<String> includes, List<String> excludes) {
        this.sites = sites;
        this.filter = new PackageFilter(includes, excludes, ALWAYS_EXCLUDED);
    }

    public void install(Instrumentation instrumentation) {
        startTransforming(instrumentation);
        retransformLoaded();
    }

    /**
     * Adds the transformer: every class defined from now on is rewritten as it loads. Quick, so
     * a {@code -javaagent} session calls it in {@code premain}, before the application's main
     * class loads. Does nothing the second time.
     */
    public void startTransforming(Instrumentation instrumentation) {
        if (installed) {
            return;
        }
        this.instrumentation = instrumentation;
        instrumentation.addTransformer(transformer, true);
        installed = true;
    }

    /**
     * Retransforms the classes with a lock operation or a monitor that were loaded before the
     * transformer was added. Looks twice: a class whose load began before the transformer was
     * added and whose definition ended after the first look is in neither the first look nor the
     * transformer's work, but it is in the second.
     */
    public void retransformLoaded() {
        Set<Class<?>> looked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int look = 0; look < 2; look++) {
            List<Class<?>> candidates = new ArrayList<>();
            for (Class<?> type : instrumentation.getAllLoadedClasses()) {
                // Only classes with a lock operation or a monitor are retransformed: reading and scanning
                // a class's bytes costs far less than having the JVM redefine it for nothing.
                if (looked.add(type) && isCandidate(type) && !wasChanged(type) && instrumentation.isModifiableClass(type)
                        && ClassPrescan.scan(originalBytes(type)).usesLocks()) {
                    candidates.add(type);
                }
            }
            for (Class<?> failed : retransform(candidates)) {
                if (forgetChanged(failed)) {
                    instrumentedClasses.decrementAndGet(); // the JVM kept its original bytes
                }
            }
        }
    }

    /** Removes the transformer and retransforms every class it changed back to its original bytes. */
    public boolean uninstall(Instrumentation instrumentation) {
        if (!installed) {
            return false;
        }
        installed = false;
        boolean removed = instrumentation.removeTransformer(transformer);
        List<Class<?>> rewritten = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (wasChanged(type)) {
                rewritten.add(type);
            }
        }
        return removed && retransform(rewritten).isEmpty();
    }

    public int instrumentedClasses() {
        return instrumentedClasses.get();
    }

    public long transformErrors() {
        return transformErrors.get();
    }

    /**
     * {@code classFile} rewritten as the transformer rewrites a class of {@code loader}; null
     * when the class uses no locks, is synthetic, or cannot be read. {@code onSite} runs at each
     * call site the rewriting registers.
     */
    byte[] rewrite(byte[] classFile, ClassLoader loader, Runnable onSite) {
        ClassReader reader;
        ClassPrescan prescan;
        try {
            reader = new ClassReader(classFile);
            if ((reader.getAccess() & Opcodes.ACC_SYNTHETIC) != 0) {
                return null;
            }
            prescan = ClassPrescan.scan(classFile);
        } catch (RuntimeException e) {
            return null; // a class file this ASM cannot read is left alone, as one without locks
        }
        if (!prescan.usesLocks()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(OpenedClassReader.ASM_API, writer) {
            private String internalName;
            private int majorVersion;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                internalName = name;
                majorVersion = version & 0xFFFF;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                // Class files before Java 5 cannot load a class constant (a static method's monitor).
                boolean bracketSynchronized = (access & Opcodes.ACC_SYNCHRONIZED) != 0 && majorVersion >= JAVA_5
                        && prescan.bracketsSynchronized(name, descriptor);
                // The reader keeps frames compressed (flags 0): the handler's frame is a full one.
                int handlerFrame = majorVersion >= JAVA_6 ? Opcodes.F_FULL : SynchronizedMethodBracket.NO_FRAMES;
                return new LockCallSiteRewriter(visitor, internalName, name, descriptor,
                        (access & Opcodes.ACC_STATIC) != 0, bracketSynchronized, handlerFrame, loader, sites, prescan,
                        onSite);
            }
        }, 0);
        return writer.toByteArray();
    }

    private byte[] transform(Module module, ClassLoader loader, String className, byte[] classFile) {
        String name = className == null ? null : className.replace('/', '.');
        if (name == null || !filter.test(name)) {
            return null;
        }
        try {
            boolean[] sited = new boolean[1];
            byte[] rewritten = rewrite(classFile, loader, () -> sited[0] = true);
            if (rewritten == null || !sited[0]) {
                return null; // every hook the rewriter emits comes with a site: without one nothing changed
            }
            // A class retransformed again (its failed batch retried class by class) counts once.
            if (recordChanged(loader, name)) {
                instrumentedClasses.incrementAndGet();
            }
            assureReadsHooks(module);
            return rewritten;
        } catch (Throwable t) {
            transformErrors.incrementAndGet();
            return null; // never into the class loading or retransforming thread
        }
    }

    /** The rewritten code calls {@link LockHooks}: a named module must read the hooks' module. */
    private void assureReadsHooks(Module module) {
        Module hooks = LockHooks.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(hooks)) {
            instrumentation.redefineModule(module, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    private boolean isCandidate(Class<?> type) {
        return !type.isArray() && !type.isPrimitive() && !type.isHidden() && !type.isSynthetic()
                && filter.test(type.getName());
    }

    /**
     * Retransforms in batches; a class that fails counts as a transform error and does not stop
     * the others. Returns the classes that failed.
     */
    private List<Class<?>> retransform(List<Class<?>> classes) {
        List<Class<?>> failures = new ArrayList<>();
        for (int from = 0; from < classes.size(); from += RETRANSFORM_BATCH) {
            List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + RETRANSFORM_BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (Throwable batchFailed) {
                for (Class<?> type : batch) {
                    try {
                        instrumentation.retransformClasses(type);
                    } catch (Throwable failed) {
                        transformErrors.incrementAndGet();
                        failures.add(type);
                    }
                }
            }
        }
        return failures;
    }

    /** Whether the class's name was newly recorded as changed. */
    private boolean recordChanged(ClassLoader loader, String name) {
        synchronized (changed) {
            Set<String> names = loader == null ? bootLoaderChanged
                    : changed.computeIfAbsent(loader, unused -> new HashSet<>());
            return names.add(name);
        }
    }

    /** Whether the class was recorded as changed (and no longer is). */
    private boolean forgetChanged(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        synchronized (changed) {
            Set<String> names = loader == null ? bootLoaderChanged : changed.get(loader);
            return names != null && names.remove(type.getName());
        }
    }

    private boolean wasChanged(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        synchronized (changed) {
            Set<String> names = loader == null ? bootLoaderChanged : changed.get(loader);
            return names != null && names.contains(type.getName());
        }
    }

    /** The class file the class was loaded from, as its module or loader finds it; null when it cannot be read. */
    private static byte[] originalBytes(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
