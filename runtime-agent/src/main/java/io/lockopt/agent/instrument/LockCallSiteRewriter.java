package io.lockopt.agent.instrument;

import io.lockopt.agent.recorder.InstrumentedSite;
import io.lockopt.agent.recorder.InstrumentedSites;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites one method of an application class: every call in {@link LockOperations}' table becomes
 * a call to the matching {@code LockHooks} method with a call-site id appended, every
 * {@code MONITORENTER}/{@code MONITOREXIT} is bracketed by monitor hooks, and a {@code synchronized}
 * method's body by {@link SynchronizedMethodBracket}. Where sections open, close and write goes to
 * {@link SectionClassifier}, which decides read-only or writing at the end of the method.
 *
 * <p>Each call site is labelled by the lock it operates on, as {@link StackLabels} follows it
 * ({@code pkg.Class.field}, {@code pkg.Class.this}, {@code pkg.Foo.class}).
 *
 * <p>Every inserted sequence leaves the operand stack as it found it between existing
 * instructions and adds no branch, so existing stack map frames stay valid; only the
 * maximum stack size changes (the wrapper asks ASM to recompute maxima). The one new branch
 * target is the synchronized method's catch-all handler (see {@link SynchronizedMethodBracket}).
 */
final class LockCallSiteRewriter extends MethodVisitor {
    private final String className;
    private final String methodName;
    /** The method's JVM descriptor: with class and name, what identifies a synchronized method to JFR. */
    private final String descriptor;
    private final String internalClassName;
    private final ClassLoader loader;
    private final InstrumentedSites sites;
    private final Runnable onSite;
    private final ClassPrescan prescan;
    private final SectionClassifier sections = new SectionClassifier();
    private final StackLabels stack;
    private final HookEmitter emit;
    /** Null when the method is not bracketed. */
    private final SynchronizedMethodBracket bracket;
    private int position;
    private int line;
    /** The synchronized method's site, once its entry is emitted; null otherwise. */
    private InstrumentedSite synchronizedSite;

    /** {@code bracketSynchronized}: a synchronized method {@link ClassPrescan} lets bracket, with {@code handlerFrame}. */
    LockCallSiteRewriter(MethodVisitor delegate, String internalClassName, String methodName, String descriptor,
            boolean isStatic, boolean bracketSynchronized, int handlerFrame, ClassLoader loader, InstrumentedSites sites,
            ClassPrescan prescan, Runnable onSite) {
        super(OpenedClassReader.ASM_API, delegate);
        this.descriptor = descriptor;
        this.emit = new HookEmitter(delegate);
        this.bracket = bracketSynchronized
                ? new SynchronizedMethodBracket(delegate, emit, internalClassName, isStatic, handlerFrame) : null;
        this.internalClassName = internalClassName;
        this.prescan = prescan;
        this.className = internalClassName.replace('/', '.');
        this.stack = new StackLabels(className, isStatic);
        this.methodName = methodName;
        this.loader = loader;
        this.sites = sites;
        this.onSite = onSite;
    }

    /**
     * Called before every event that follows the exception table (labels, line numbers,
     * frames, instructions): the first one emits a synchronized method's entry, so the
     * catch-all handler is registered after the method's own handlers and the entry runs
     * before any original label, which a loop may jump back to.
     */
    private void beginBody() {
        if (bracket == null || synchronizedSite != null) {
            return;
        }
        LockLabel label = bracket.monitorLabel(className);
        onSite.run();
        InstrumentedSite site = sites.registerSynchronizedMethod(className, loader, methodName, descriptor, label.text(),
                label.source(), "synchronized-method");
        site.markOpensSection();
        synchronizedSite = site;
        bracket.enter(site);
        sections.opened(site, position);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        beginBody();
        super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        beginBody();
        line = lineNumber;
        if (synchronizedSite != null) {
            synchronizedSite.lineFound(lineNumber);
        }
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitLabel(Label label) {
        beginBody();
        stack.forget();
        super.visitLabel(label);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        beginBody();
        position++;
        super.visitFieldInsn(opcode, owner, name, descriptor);
        if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
            stack.fieldLoaded(owner, name, descriptor);
        } else {
            markWrites("stores field " + SectionClassifier.simpleName(owner) + "." + name);
            stack.forget();
        }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        beginBody();
        super.visitVarInsn(opcode, varIndex);
        stack.varInsn(opcode, varIndex);
    }

    @Override
    public void visitLdcInsn(Object value) {
        beginBody();
        super.visitLdcInsn(value);
        stack.ldc(value);
    }

    @Override
    public void visitInsn(int opcode) {
        beginBody();
        position++;
        if (synchronizedSite != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            bracket.exit();
            closeSection(synchronizedSite);
        }
        switch (opcode) {
            case Opcodes.MONITORENTER -> {
                InstrumentedSite site = register("monitorenter", stack.top());
                site.markOpensSection();
                emit.monitorEnter(site);
                sections.opened(site, position);
                stack.forget();
            }
            case Opcodes.MONITOREXIT -> {
                InstrumentedSite site = register("monitorexit", stack.top());
                emit.monitorExit(site);
                closeSection(site);
                stack.forget();
            }
            case Opcodes.DUP -> {
                super.visitInsn(opcode);
                stack.dup();
            }
            default -> {
                if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
                    markWrites("stores into an array");
                }
                super.visitInsn(opcode);
                stack.forget();
            }
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        beginBody();
        super.visitTypeInsn(opcode, type);
        if (opcode != Opcodes.CHECKCAST) {
            stack.forget();
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beginBody();
        super.visitIntInsn(opcode, operand);
        stack.forget();
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beginBody();
        super.visitJumpInsn(opcode, label);
        stack.forget();
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        beginBody();
        super.visitIincInsn(varIndex, increment);
        stack.forget();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        beginBody();
        super.visitTableSwitchInsn(min, max, dflt, labels);
        stack.forget();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        beginBody();
        super.visitLookupSwitchInsn(dflt, keys, labels);
        stack.forget();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        beginBody();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        stack.forget();
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        beginBody();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        stack.forget();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        beginBody();
        position++;
        LockOperations.Operation operation = LockOperations.of(opcode, owner, name, descriptor);
        if (operation != null) {
            rewrite(operation, opcode, owner, name, descriptor, isInterface);
            return;
        }
        if (internalClassName.equals(owner)) {
            ClassPrescan.Role role = prescan.roleOf(name, descriptor);
            if (role == ClassPrescan.Role.ACQUIRES) {
                // lockExclusive(): the section starts here, in the caller, and is attributed to this site.
                InstrumentedSite site = register("calls " + name, null);
                site.markOpensSection();
                emit.hook("section", LockOperations.SECTION_HOOK, site);
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                sections.opened(site, position);
                stack.forget();
                return;
            }
            if (role == ClassPrescan.Role.RELEASES) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                sections.released(null, position);
                stack.forget();
                return;
            }
            String written = prescan.writesOf(name, descriptor);
            if (written != null) {
                markWrites("calls " + name + "(), which " + written.replace("via ", "goes via "));
            }
        }
        if (SectionClassifier.isMutating(name)) {
            markWrites("calls " + SectionClassifier.simpleName(owner) + "." + name + "()");
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        stack.forget();
    }

    /** Emits the hooks of one lock operation in place of (or around) its call. */
    private void rewrite(LockOperations.Operation operation, int opcode, String owner, String name, String descriptor,
            boolean isInterface) {
        switch (operation.shape()) {
            case ACQUIRE, RELEASE -> {
                // With arguments (a stamp, a timeout) on the receiver, its label is not followed: the
                // lock's own label (found at its acquiring site) is used instead.
                InstrumentedSite site = register(operation.hook(), operation.receiverOnTop() ? stack.top() : null);
                emit.hook(operation.hook(), operation.hookDescriptor(), site);
                if (operation.shape() == LockOperations.Shape.ACQUIRE) {
                    site.markOpensSection();
                    sections.opened(site, position);
                } else {
                    closeSection(site);
                }
                stack.forget();
            }
            case VIEW -> {
                LockLabel receiver = stack.top();
                InstrumentedSite site = register(name, receiver);
                emit.hook(operation.hook(), operation.hookDescriptor(), site);
                stack.topIs(receiver); // rwl.readLock().lock(): the lock() site inherits the field label
            }
            case KEYED_ACQUIRE -> {
                LockLabel receiver = stack.belowTop(); // keyedLocks.read(key): the receiver is under the key
                InstrumentedSite site = register("keyed " + name, receiver);
                emit.keyedAcquiring(operation, name, site);
                acquireHandle(opcode, owner, name, descriptor, site, receiver);
            }
            case HANDLE_ACQUIRE, TIMED_HANDLE_ACQUIRE -> {
                // With a timeout argument on top, the lock's label is the one below it (if still known).
                boolean timed = operation.shape() == LockOperations.Shape.TIMED_HANDLE_ACQUIRE;
                LockLabel receiver = timed ? stack.belowTop() : stack.top();
                InstrumentedSite site = register("lockopt " + name + (timed ? "(timeout)" : ""), receiver);
                emit.handleAcquiring(operation, timed, site);
                acquireHandle(opcode, owner, name, descriptor, site, receiver);
            }
            case HANDLE_RELEASE -> {
                InstrumentedSite site = register("lockopt close", stack.top());
                emit.handleReleased(operation, opcode, owner, name, descriptor, isInterface, site);
                closeSection(site);
                stack.forget();
            }
        }
    }

    /** The rest of a handle-returning acquisition, once its announcing hook is emitted. */
    private void acquireHandle(int opcode, String owner, String name, String descriptor, InstrumentedSite site,
            LockLabel receiver) {
        emit.handleAcquired(opcode, owner, name, descriptor, site);
        site.markOpensSection();
        sections.opened(site, position);
        stack.topIs(receiver); // the handle carries the lock's label to its close()
    }

    private InstrumentedSite register(String operation, LockLabel label) {
        onSite.run();
        return sites.register(className, loader, methodName, line, label == null ? null : label.text(),
                label == null ? null : label.source(), operation);
    }

    private void closeSection(InstrumentedSite releasing) {
        sections.released(releasing.label(), position);
    }

    private void markWrites(String evidence) {
        sections.wrote(evidence + " (" + SectionClassifier.simpleName(className) + "." + methodName + (line > 0 ? ":" + line : "")
                + ")", position);
    }

    /** The catch-all handler of a synchronized method goes last; then each section is classified. */
    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (synchronizedSite != null) {
            bracket.appendHandler();
        }
        sections.classify();
        super.visitMaxs(maxStack, maxLocals);
    }

}
