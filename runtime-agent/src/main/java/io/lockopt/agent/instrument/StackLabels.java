package io.lockopt.agent.instrument;

import java.util.HashMap;
import java.util.Map;

import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The labels of the lock values on one method's operand stack, found statically as the
 * rewriter reads the method in order: which field (GETFIELD/GETSTATIC) produced the value on
 * top, followed through local variables (ASTORE/ALOAD) and through {@code readLock()/writeLock()};
 * {@code this} is {@code pkg.Class.this}, a class constant {@code pkg.Foo.class}. Only the top
 * value is known, and the one below it right after a DUP or a load: enough for the receivers of
 * lock calls without arguments or with one.
 */
final class StackLabels {
    private final String className;
    private final boolean staticMethod;
    private final Map<Integer, LockLabel> locals = new HashMap<>();
    /** The label of the value on top of the operand stack when known, else null. */
    private LockLabel top;
    /** The same for the value just below the top. */
    private LockLabel belowTop;

    StackLabels(String className, boolean staticMethod) {
        this.className = className;
        this.staticMethod = staticMethod;
    }

    LockLabel top() {
        return top;
    }

    LockLabel belowTop() {
        return belowTop;
    }

    /** After an instruction whose effect on the stack is not followed. */
    void forget() {
        top = null;
        belowTop = null;
    }

    /** GETFIELD/GETSTATIC: a reference-typed field's value is labelled by the field. */
    void fieldLoaded(String owner, String name, String descriptor) {
        belowTop = null;
        top = descriptor.startsWith("L") || descriptor.startsWith("[") ? LockLabel.field(owner, name) : null;
    }

    void varInsn(int opcode, int varIndex) {
        if (opcode == Opcodes.ASTORE) {
            if (top != null) {
                locals.put(varIndex, top);
            } else {
                locals.remove(varIndex);
            }
            top = belowTop; // synchronized (x): DUP, ASTORE tmp, MONITORENTER
            belowTop = null;
        } else if (opcode == Opcodes.ALOAD) {
            belowTop = top; // a one-argument call's receiver: keyedLocks.read(key)
            LockLabel stored = locals.get(varIndex);
            top = stored == null && varIndex == 0 && !staticMethod ? LockLabel.thisOf(className) : stored;
        } else {
            if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.DSTORE) {
                locals.remove(varIndex);
            }
            forget();
        }
    }

    void ldc(Object value) {
        belowTop = top; // a one-argument call's receiver: keyedLocks.read("key")
        top = value instanceof Type type && type.getSort() == Type.OBJECT ? LockLabel.classOf(type.getClassName())
                : null;
    }

    void dup() {
        belowTop = top;
    }

    /** The value on top now carries {@code label} (a read/write lock's view, a lockopt handle). */
    void topIs(LockLabel label) {
        belowTop = null;
        top = label;
    }
}
