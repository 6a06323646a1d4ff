package io.lockopt.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.lockopt.agent.bootstrap.LockHooks;
import io.lockopt.agent.recorder.CallSites;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs (and later removes) the call-site rewriting on the application's classes with
 * Byte Buddy's {@link AgentBuilder}: already loaded classes are retransformed, new ones are
 * transformed as they load. The transformation only decorates method bodies (no new
 * members, no class-format change), so it can be applied and reverted by retransformation.
 *
 * <p>Design notes: {@link #install} and {@link #uninstall} run on the session's control
 * thread; the transformer itself runs on whatever thread loads or retransforms a class and
 * touches only the thread-safe {@link CallSites} and atomic counters.
 */
public final class LockInstrumentation {
    /** JDK and platform packages are never instrumented, nor lockopt's agent and lock internals. */
    private static final List<String> ALWAYS_EXCLUDED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.openjdk.", "io.lockopt.agent.", "io.lockopt.locks.", "net.bytebuddy.");

    private final CallSites sites;
    private final PackageFilter filter;
    private final AtomicInteger instrumentedClasses = new AtomicInteger();
    private final AtomicLong transformErrors = new AtomicLong();
    private ResettableClassFileTransformer transformer;
    /** Scans made by the type matcher, handed to the transformation of the same class. */
    private final java.util.concurrent.ConcurrentHashMap<String, SectionHelpers> scanned =
            new java.util.concurrent.ConcurrentHashMap<>();

    public LockInstrumentation(CallSites sites, List<String> includes, List<String> excludes) {
        this.sites = sites;
        this.filter = new PackageFilter(includes, excludes, ALWAYS_EXCLUDED);
    }

    public void install(Instrumentation instrumentation) {
        AgentBuilder.Listener errors = new AgentBuilder.Listener.Adapter() {
            @Override
            public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                    Throwable throwable) {
                transformErrors.incrementAndGet();
            }
        };
        // Only classes with a lock operation or a monitor are retransformed: reading and scanning
        // a class's bytes costs far less than having Byte Buddy rewrite it for nothing.
        AgentBuilder.RawMatcher types = (type, loader, module, redefined, domain) -> {
            if (!filter.test(type.getName())) {
                return false;
            }
            SectionHelpers helpers = helpersOf(type, loader);
            if (!helpers.usesLocks()) {
                return false;
            }
            scanned.put(key(type, loader), helpers);
            return true;
        };
        transformer = new AgentBuilder.Default(new ByteBuddy())
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(errors)
                .assureReadEdgeTo(instrumentation, LockHooks.class)
                .ignore(isSynthetic().or(nameStartsWith("io.lockopt.agent.")), any())
                .type(types)
                .transform((builder, type, loader, module, domain) -> decorate(builder, type, loader))
                .installOn(instrumentation);
    }

    /** Removes the transformer and retransforms every class it changed back to its original bytes. */
    public boolean uninstall(Instrumentation instrumentation) {
        ResettableClassFileTransformer installed = transformer;
        transformer = null;
        return installed != null && installed.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }

    public int instrumentedClasses() {
        return instrumentedClasses.get();
    }

    public long transformErrors() {
        return transformErrors.get();
    }

    private DynamicType.Builder<?> decorate(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader) {
        SectionHelpers scan = scanned.remove(key(type, loader));
        SectionHelpers helpers = scan != null ? scan : helpersOf(type, loader);
        boolean[] counted = new boolean[1];
        Runnable onSite = () -> {
            if (!counted[0]) {
                counted[0] = true;
                instrumentedClasses.incrementAndGet();
            }
        };
        return builder.visit(callSiteRewriting(loader, helpers, onSite));
    }

    /** The rewriting of every method of one class (of {@code loader}), as the transformation applies it. */
    AsmVisitorWrapper callSiteRewriting(ClassLoader loader, SectionHelpers helpers, Runnable onSite) {
        return new AsmVisitorWrapper.ForDeclaredMethods()
                .writerFlags(ClassWriter.COMPUTE_MAXS)
                .invokable(any(), (instrumentedType, method, visitor, context, pool, writerFlags, readerFlags) ->
                        rewrite(instrumentedType, method, visitor, context.getClassFileVersion(), readerFlags, loader,
                                helpers, onSite));
    }

    private MethodVisitor rewrite(TypeDescription type, MethodDescription method, MethodVisitor visitor,
            ClassFileVersion version, int readerFlags, ClassLoader loader, SectionHelpers helpers, Runnable onSite) {
        // Class files before Java 5 cannot load a class constant (a static method's monitor).
        boolean bracketSynchronized = method.isSynchronized() && version.isAtLeast(ClassFileVersion.JAVA_V5)
                && helpers.bracketsSynchronized(method.getInternalName(), method.getDescriptor());
        int handlerFrame = !version.isAtLeast(ClassFileVersion.JAVA_V6) ? LockCallSiteRewriter.NO_FRAMES
                : (readerFlags & ClassReader.EXPAND_FRAMES) != 0 ? Opcodes.F_NEW : Opcodes.F_FULL;
        return new LockCallSiteRewriter(visitor, type.getInternalName(), method.getInternalName(),
                method.getDescriptor(), method.isStatic(), bracketSynchronized, handlerFrame, loader, sites, helpers,
                onSite);
    }

    private static String key(TypeDescription type, ClassLoader loader) {
        return System.identityHashCode(loader) + "/" + type.getName();
    }

    /** Scans the class's original bytes for lock/unlock helper methods; none when they cannot be read. */
    private static SectionHelpers helpersOf(TypeDescription type, ClassLoader loader) {
        try {
            ClassFileLocator locator = loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                    : ClassFileLocator.ForClassLoader.of(loader);
            ClassFileLocator.Resolution resolution = locator.locate(type.getName());
            return resolution.isResolved() ? SectionHelpers.scan(resolution.resolve()) : SectionHelpers.NONE;
        } catch (IOException | RuntimeException e) {
            return SectionHelpers.NONE;
        }
    }
}
