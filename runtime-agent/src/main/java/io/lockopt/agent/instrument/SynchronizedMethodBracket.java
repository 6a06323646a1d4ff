package io.lockopt.agent.instrument;

import io.lockopt.agent.recorder.InstrumentedSite;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The monitor hooks around a {@code synchronized} method's body. Such a method has no instruction
 * for its monitor: the JVM enters it before the first instruction and leaves it on return or on an
 * exception thrown out. So {@code LockHooks.synchronizedMethodEntered(monitor, site)} goes first
 * ({@code monitor} is {@code this}, or the class for a static method, pushed by LDC),
 * {@code monitorExited} before every return, and a catch-all handler around the whole body (last
 * in the exception table, so the method's own handlers keep precedence) calls {@code monitorExited}
 * and rethrows.
 *
 * <p>The handler is the one new branch target: appended after the method's last instruction with a
 * full frame of its own (locals: {@code this} or nothing; stack: the throwable), which holds at
 * every instruction of the body because {@code this} is never overwritten there
 * ({@link ClassPrescan} checks) and every other local is left unspecified.
 */
final class SynchronizedMethodBracket {
    /** {@code handlerFrame} for classes older than Java 6, which carry no frames. */
    static final int NO_FRAMES = -1;

    private final MethodVisitor out;
    private final HookEmitter emit;
    private final String internalClassName;
    private final boolean staticMethod;
    /** {@code F_NEW} (the reader expands frames), {@code F_FULL}, or {@link #NO_FRAMES}. */
    private final int handlerFrame;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label exitHandler = new Label();
    private InstrumentedSite site;

    SynchronizedMethodBracket(MethodVisitor out, HookEmitter emit, String internalClassName, boolean staticMethod,
            int handlerFrame) {
        this.out = out;
        this.emit = emit;
        this.internalClassName = internalClassName;
        this.staticMethod = staticMethod;
        this.handlerFrame = handlerFrame;
    }

    /** The label of the method's monitor: {@code pkg.Class.this}, or {@code pkg.Class.class} for a static method. */
    LockLabel monitorLabel(String className) {
        return staticMethod ? LockLabel.classOf(className) : LockLabel.thisOf(className);
    }

    /** Before the body's first event: registers the catch-all handler and emits the entry hook. */
    void enter(InstrumentedSite methodSite) {
        site = methodSite;
        out.visitTryCatchBlock(bodyStart, bodyEnd, exitHandler, null);
        out.visitLabel(bodyStart);
        hook("synchronizedMethodEntered");
    }

    /** Before a return: the monitor is about to be released. */
    void exit() {
        hook("monitorExited");
    }

    /** After the last instruction: the catch-all handler reports the exit and rethrows. */
    void appendHandler() {
        out.visitLabel(bodyEnd);
        out.visitLabel(exitHandler);
        Object[] locals = staticMethod ? new Object[0] : new Object[] {internalClassName};
        if (handlerFrame != NO_FRAMES) {
            out.visitFrame(handlerFrame, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        hook("monitorExited");
        out.visitInsn(Opcodes.ATHROW);
    }

    private void hook(String name) {
        if (staticMethod) {
            out.visitLdcInsn(Type.getObjectType(internalClassName));
        } else {
            out.visitVarInsn(Opcodes.ALOAD, 0);
        }
        emit.hook(name, LockOperations.OBJECT_SITE_HOOK, site);
    }
}
