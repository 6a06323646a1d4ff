package io.lockopt.agent.instrument;

import io.lockopt.agent.recorder.InstrumentedSite;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The bytecode of the hooks, written to the method's next visitor. Each sequence leaves the
 * operand stack as it found it around the instruction it replaces or surrounds and adds no
 * branch, so the method's stack map frames stay valid.
 */
final class HookEmitter {
    private final MethodVisitor out;

    HookEmitter(MethodVisitor out) {
        this.out = out;
    }

    /** Pushes the site's id and calls {@code LockHooks.hook}: the arguments before the id are on the stack. */
    void hook(String hook, String hookDescriptor, InstrumentedSite site) {
        out.visitLdcInsn(site.id());
        out.visitMethodInsn(Opcodes.INVOKESTATIC, LockOperations.HOOKS, hook, hookDescriptor, false);
    }

    /** {@code MONITORENTER}, with the monitor handed to a hook before (it may wait) and after. */
    void monitorEnter(InstrumentedSite site) {
        out.visitInsn(Opcodes.DUP);
        out.visitInsn(Opcodes.DUP);
        hook("monitorEnter", LockOperations.OBJECT_SITE_HOOK, site);
        out.visitInsn(Opcodes.MONITORENTER);
        hook("monitorEntered", LockOperations.OBJECT_SITE_HOOK, site);
    }

    /** {@code MONITOREXIT}, then the monitor to the hook. */
    void monitorExit(InstrumentedSite site) {
        out.visitInsn(Opcodes.DUP);
        out.visitInsn(Opcodes.MONITOREXIT);
        hook("monitorExited", LockOperations.OBJECT_SITE_HOOK, site);
    }

    /**
     * Before {@code keyedLocks.read(key)} (or {@code write}, {@code readAll}, {@code writeAll}): the
     * keyed locks and the key (DUP2), the mode and whether all keys, to the hook.
     */
    void keyedAcquiring(LockOperations.Operation operation, String name, InstrumentedSite site) {
        out.visitInsn(Opcodes.DUP2);
        out.visitInsn(name.startsWith("read") ? Opcodes.ICONST_1 : Opcodes.ICONST_2); // LockSink.READ, WRITE
        out.visitInsn(name.endsWith("All") ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        hook(operation.hook(), operation.hookDescriptor(), site);
    }

    /**
     * Before {@code rwLock.read()}: the lock (DUP) to the hook. With a timeout argument on top, the
     * lock under it is copied with DUP2 and POP.
     */
    void handleAcquiring(LockOperations.Operation operation, boolean timed, InstrumentedSite site) {
        if (timed) {
            out.visitInsn(Opcodes.DUP2);
            out.visitInsn(Opcodes.POP);
        } else {
            out.visitInsn(Opcodes.DUP);
        }
        hook(operation.hook(), operation.hookDescriptor(), site);
    }

    /** The handle-returning call itself, then the handle (DUP) to the hook that notes the acquisition. */
    void handleAcquired(int opcode, String owner, String name, String descriptor, InstrumentedSite site) {
        out.visitMethodInsn(opcode, owner, name, descriptor, false);
        out.visitInsn(Opcodes.DUP);
        hook("lockoptAcquired", LockOperations.OBJECT_SITE_HOOK, site);
    }

    /** {@code handle.close()}, then the handle (DUP before the call) to the hook. */
    void handleReleased(LockOperations.Operation operation, int opcode, String owner, String name, String descriptor,
            boolean isInterface, InstrumentedSite site) {
        out.visitInsn(Opcodes.DUP);
        out.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        hook(operation.hook(), operation.hookDescriptor(), site);
    }
}
