package io.lockopt.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lockopt.agent.recorder.CallSite;
import io.lockopt.agent.recorder.CallSites;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites one method of an application class: every call to a lock operation
 * ({@code Lock.lock/unlock/tryLock/lockInterruptibly}, the read/write views of a
 * {@code ReadWriteLock}, {@code StampedLock} read/write/unlock) becomes a call to the
 * matching {@code LockHooks} method with a call-site id appended, and every
 * {@code MONITORENTER}/{@code MONITOREXIT} is bracketed by monitor hooks.
 *
 * <p>Labels are found statically: the visitor remembers which field (GETFIELD/GETSTATIC)
 * produced the value on top of the stack, follows it through local variables
 * (ASTORE/ALOAD) and through {@code readLock()/writeLock()}, and gives that field
 * ({@code pkg.Class.field}) to the call site. {@code synchronized (this)} gets
 * {@code pkg.Class.this}, {@code synchronized (Foo.class)} gets {@code pkg.Foo.class}.
 *
 * <p>Critical-section heuristic: from an acquiring site to the next release in code order,
 * a field or array store, or a call whose name says it mutates ({@code put}, {@code add},
 * {@code remove}, {@code set...}, ...), marks the section as writing. A section without any
 * is reported as read-only, the evidence for "a read/write lock would let these readers
 * proceed together". It is a heuristic: a call into other code may write unseen.
 *
 * <p>A {@code synchronized} method has no instruction for its monitor: the JVM enters it
 * before the first instruction and leaves it on return or on an exception thrown out. Its body
 * is bracketed instead: {@code LockHooks.synchronizedMethodEntered(monitor, site)} first
 * ({@code monitor} is {@code this}, or the class for a static method, pushed by LDC),
 * {@code monitorExited} before every return, and a catch-all handler around the whole body
 * (last in the exception table, so the method's own handlers keep precedence) that calls
 * {@code monitorExited} and rethrows. The site's label is {@code pkg.Class.this} or
 * {@code pkg.Class.class}, as for {@code synchronized (this)} and
 * {@code synchronized (Class.class)} blocks; its wait is not measurable in bytecode (see
 * {@code MonitorEnterStream}).
 *
 * <p>Every inserted sequence leaves the operand stack as it found it between existing
 * instructions and adds no branch, so existing stack map frames stay valid; only the
 * maximum stack size changes (the wrapper asks ASM to recompute maxima). The one new branch
 * target, the catch-all handler, is appended after the method's last instruction with a
 * full frame of its own (locals: {@code this} or nothing; stack: the throwable), which
 * holds at every instruction of the body because {@code this} is never overwritten there
 * ({@link SectionHelpers} checks) and every other local is left unspecified.
 */
final class LockCallSiteRewriter extends MethodVisitor {
    static final String HOOKS = "io/lockopt/agent/bootstrap/LockHooks";
    /** {@link #LockCallSiteRewriter}'s {@code handlerFrame} for classes older than Java 6, which carry no frames. */
    static final int NO_FRAMES = -1;
    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final String REENTRANT_LOCK = "java/util/concurrent/locks/ReentrantLock";
    private static final String RRWL = "java/util/concurrent/locks/ReentrantReadWriteLock";
    private static final String READ_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock";
    private static final String WRITE_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock";
    private static final String READ_WRITE_LOCK = "java/util/concurrent/locks/ReadWriteLock";
    private static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    private static final String LOCKOPT_RW = "io/lockopt/locks/MeteredReadWriteLock";
    private static final String LOCKOPT_HANDLE = "io/lockopt/locks/LockHandle";
    private static final String HANDLE_DESC = "()L" + LOCKOPT_HANDLE + ";";
    private static final String KEYED = "io/lockopt/locks/KeyedLocks";
    private static final String KEYED_ONE_DESC = "(Ljava/lang/Object;)L" + LOCKOPT_HANDLE + ";";
    private static final String KEYED_ALL_DESC = "(Ljava/util/Collection;)L" + LOCKOPT_HANDLE + ";";
    /** {@code read(Duration)} and {@code write(Duration)}: the timed acquisitions. */
    private static final String TIMED_HANDLE_DESC = "(Ljava/time/Duration;)L" + LOCKOPT_HANDLE + ";";
    private static final String[] MUTATING_PREFIXES = {"put", "add", "remove", "set", "clear", "offer", "poll",
        "push", "pop", "compute", "merge", "replace", "update", "write", "increment", "decrement", "insert",
        "delete", "append", "drain", "take", "getAnd", "incrementAnd", "decrementAnd", "addAnd", "compareAnd",
        "retain", "sort", "fill", "shift", "swap", "reset", "store", "publish", "apply"};

    private final String className;
    private final String methodName;
    private final CallSites sites;
    private final Runnable onSite;
    private final boolean staticMethod;
    private final ClassLoader loader;
    private final Map<Integer, String[]> labelledLocals = new HashMap<>();
    /** Critical sections in code order: acquiring site, where it starts, and the lock's label. */
    private final List<Section> sections = new ArrayList<>();
    /** Code positions of releases (and their labels), and of writes (with what they write). */
    private final List<Marker> releases = new ArrayList<>();
    private final List<Marker> writes = new ArrayList<>();
    private final SectionHelpers helpers;
    private final String internalClassName;
    private int position;
    /** {label, source} of the value on top of the operand stack when known, else null. */
    private String[] top;
    /** The same for the value just below the top, known only right after a DUP. */
    private String[] belowTop;
    private int line;
    /** The method's JVM descriptor: with class and name, what identifies a synchronized method to JFR. */
    private final String descriptor;
    /** Bracket this {@code synchronized} method's body; false once the entry is emitted (or never). */
    private boolean synchronizedEntryPending;
    /** The synchronized method's site, once its entry is emitted; null otherwise. */
    private CallSite synchronizedSite;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label exitHandler = new Label();
    /** {@code F_NEW} (the reader expands frames), {@code F_FULL}, or {@link #NO_FRAMES}. */
    private final int handlerFrame;

    /**
     * @param bracketSynchronized the method is {@code synchronized} and {@link SectionHelpers} allows bracketing it
     * @param handlerFrame the frame type for the catch-all handler of a synchronized method (see {@link #NO_FRAMES})
     */
    LockCallSiteRewriter(MethodVisitor delegate, String internalClassName, String methodName, String descriptor,
            boolean isStatic, boolean bracketSynchronized, int handlerFrame, ClassLoader loader, CallSites sites,
            SectionHelpers helpers, Runnable onSite) {
        super(OpenedClassReader.ASM_API, delegate);
        this.descriptor = descriptor;
        this.handlerFrame = handlerFrame;
        this.synchronizedEntryPending = bracketSynchronized;
        this.internalClassName = internalClassName;
        this.helpers = helpers;
        this.className = internalClassName.replace('/', '.');
        this.methodName = methodName;
        this.staticMethod = isStatic;
        this.loader = loader;
        this.sites = sites;
        this.onSite = onSite;
    }

    private void forget() {
        top = null;
        belowTop = null;
    }

    /**
     * Called before every event that follows the exception table (labels, line numbers,
     * frames, instructions): the first one emits a synchronized method's entry, so the
     * catch-all handler is registered after the method's own handlers and the entry runs
     * before any original label, which a loop may jump back to.
     */
    private void beginBody() {
        if (!synchronizedEntryPending) {
            return;
        }
        synchronizedEntryPending = false;
        String[] label = staticMethod ? new String[] {className + ".class", "class"}
                : new String[] {className + ".this", "this"};
        onSite.run();
        CallSite site = sites.registerSynchronizedMethod(className, loader, methodName, descriptor, label[0], label[1],
                "synchronized-method");
        site.markOpensSection();
        synchronizedSite = site;
        super.visitTryCatchBlock(bodyStart, bodyEnd, exitHandler, null);
        super.visitLabel(bodyStart);
        pushMonitor();
        pushSite(site);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "synchronizedMethodEntered", "(Ljava/lang/Object;I)V",
                false);
        openSection(site);
    }

    /** Before a return of a synchronized method: its monitor is about to be released. */
    private void exitSynchronizedMethod() {
        pushMonitor();
        pushSite(synchronizedSite);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "monitorExited", "(Ljava/lang/Object;I)V", false);
        closeSection(synchronizedSite);
    }

    private void pushMonitor() {
        if (staticMethod) {
            super.visitLdcInsn(net.bytebuddy.jar.asm.Type.getObjectType(internalClassName));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    /** The catch-all handler after the last instruction: report the exit, rethrow. */
    private void appendExitHandler() {
        super.visitLabel(bodyEnd);
        super.visitLabel(exitHandler);
        Object[] locals = staticMethod ? new Object[0] : new Object[] {internalClassName};
        if (handlerFrame != NO_FRAMES) {
            super.visitFrame(handlerFrame, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        pushMonitor();
        pushSite(synchronizedSite);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "monitorExited", "(Ljava/lang/Object;I)V", false);
        super.visitInsn(Opcodes.ATHROW);
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
        forget();
        super.visitLabel(label);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        beginBody();
        position++;
        super.visitFieldInsn(opcode, owner, name, descriptor);
        belowTop = null;
        if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
            top = descriptor.startsWith("L") || descriptor.startsWith("[")
                    ? new String[] {owner.replace('/', '.') + "." + name, "field"}
                    : null;
        } else {
            markWrites("stores field " + simpleName(owner) + "." + name);
            forget();
        }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        beginBody();
        super.visitVarInsn(opcode, varIndex);
        if (opcode == Opcodes.ASTORE) {
            if (top != null) {
                labelledLocals.put(varIndex, top);
            } else {
                labelledLocals.remove(varIndex);
            }
            top = belowTop; // synchronized (x): DUP, ASTORE tmp, MONITORENTER
            belowTop = null;
            return;
        } else if (opcode == Opcodes.ALOAD) {
            belowTop = top; // a one-argument call's receiver: keyedLocks.read(key)
            top = varIndex == 0 && !staticMethod ? thisLabel(varIndex) : labelledLocals.get(varIndex);
        } else {
            if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.DSTORE) {
                labelledLocals.remove(varIndex);
            }
            forget();
        }
    }


    private String[] thisLabel(int varIndex) {
        String[] stored = labelledLocals.get(varIndex);
        return stored != null ? stored : new String[] {className + ".this", "this"};
    }

    @Override
    public void visitLdcInsn(Object value) {
        beginBody();
        super.visitLdcInsn(value);
        belowTop = top; // a one-argument call's receiver: keyedLocks.read("key")
        if (value instanceof net.bytebuddy.jar.asm.Type type && type.getSort() == net.bytebuddy.jar.asm.Type.OBJECT) {
            top = new String[] {type.getClassName() + ".class", "class"};
        } else {
            top = null;
        }
    }

    @Override
    public void visitInsn(int opcode) {
        beginBody();
        position++;
        if (synchronizedSite != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            exitSynchronizedMethod();
        }
        switch (opcode) {
            case Opcodes.MONITORENTER -> {
                CallSite site = register("monitorenter");
                site.markOpensSection();
                super.visitInsn(Opcodes.DUP);
                super.visitInsn(Opcodes.DUP);
                pushSite(site);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "monitorEnter", "(Ljava/lang/Object;I)V", false);
                super.visitInsn(Opcodes.MONITORENTER);
                pushSite(site);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "monitorEntered", "(Ljava/lang/Object;I)V",
                        false);
                openSection(site);
                forget();
            }
            case Opcodes.MONITOREXIT -> {
                CallSite site = register("monitorexit");
                super.visitInsn(Opcodes.DUP);
                super.visitInsn(Opcodes.MONITOREXIT);
                pushSite(site);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "monitorExited", "(Ljava/lang/Object;I)V", false);
                closeSection(site);
                forget();
            }
            case Opcodes.DUP -> {
                super.visitInsn(opcode);
                belowTop = top;
                return;
            }
            default -> {
                if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
                    markWrites("stores into an array");
                }
                super.visitInsn(opcode);
                forget();
            }
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        beginBody();
        super.visitTypeInsn(opcode, type);
        if (opcode != Opcodes.CHECKCAST) {
            forget();
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        beginBody();
        super.visitIntInsn(opcode, operand);
        forget();
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        beginBody();
        super.visitJumpInsn(opcode, label);
        forget();
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        beginBody();
        super.visitIincInsn(varIndex, increment);
        forget();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        beginBody();
        super.visitTableSwitchInsn(min, max, dflt, labels);
        forget();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        beginBody();
        super.visitLookupSwitchInsn(dflt, keys, labels);
        forget();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        beginBody();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        forget();
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
            Object... arguments) {
        beginBody();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        forget();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        beginBody();
        position++;
        if (rewriteLockCall(opcode, owner, name, descriptor)) {
            return;
        }
        if (internalClassName.equals(owner)) {
            SectionHelpers.Role role = helpers.roleOf(name, descriptor);
            if (role == SectionHelpers.Role.ACQUIRES) {
                // lockExclusive(): the section starts here, in the caller, and is attributed to this site.
                CallSite site = register("calls " + name, null);
                site.markOpensSection();
                pushSite(site);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "section", "(I)V", false);
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                openSection(site);
                forget();
                return;
            }
            if (role == SectionHelpers.Role.RELEASES) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                releases.add(new Marker(position, null));
                forget();
                return;
            }
            String written = helpers.writesOf(name, descriptor);
            if (written != null) {
                markWrites("calls " + name + "(), which " + written.replace("via ", "goes via "));
            }
        }
        if (isMutating(name)) {
            markWrites("calls " + simpleName(owner) + "." + name + "()");
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        forget();
    }

    /** Whether a call acquires (+1), releases (-1) or neither (0) a lock, by the table rewritten here. */
    static int lockEffect(int opcode, String owner, String name, String descriptor) {
        boolean lockType = (opcode == Opcodes.INVOKEINTERFACE && LOCK.equals(owner))
                || (opcode == Opcodes.INVOKEVIRTUAL
                        && (REENTRANT_LOCK.equals(owner) || READ_LOCK.equals(owner) || WRITE_LOCK.equals(owner)));
        if (lockType) {
            return switch (name + descriptor) {
                case "lock()V", "lockInterruptibly()V", "tryLock()Z", "tryLock(JLjava/util/concurrent/TimeUnit;)Z" -> 1;
                case "unlock()V" -> -1;
                default -> 0;
            };
        }
        if (isLockoptAcquisition(opcode, owner, name, descriptor) || isKeyedAcquisition(opcode, owner, name, descriptor)) {
            return 1;
        }
        if (opcode == Opcodes.INVOKEINTERFACE && LOCKOPT_HANDLE.equals(owner) && "close()V".equals(name + descriptor)) {
            return -1;
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && STAMPED.equals(owner)) {
            return switch (name + descriptor) {
                case "readLock()J", "writeLock()J", "tryReadLock()J", "tryWriteLock()J" -> 1;
                case "unlockRead(J)V", "unlockWrite(J)V", "unlock(J)V" -> -1;
                default -> 0;
            };
        }
        return 0;
    }

    /** A MeteredReadWriteLock acquisition that returns a handle: plain, interruptible or timed. */
    private static boolean isLockoptAcquisition(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKEVIRTUAL && LOCKOPT_RW.equals(owner) && lockoptMode(name) != null
                && (HANDLE_DESC.equals(descriptor)
                        || (TIMED_HANDLE_DESC.equals(descriptor) && !name.endsWith("Interruptibly")));
    }

    /** {@code KeyedLocks.read(key)}, {@code write(key)}, {@code readAll(keys)} or {@code writeAll(keys)}. */
    private static boolean isKeyedAcquisition(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKEVIRTUAL && KEYED.equals(owner)
                && ((KEYED_ONE_DESC.equals(descriptor) && ("read".equals(name) || "write".equals(name)))
                        || (KEYED_ALL_DESC.equals(descriptor) && ("readAll".equals(name) || "writeAll".equals(name))));
    }

    /** "Read" or "Write" for lockopt's handle-returning acquisitions; null otherwise. */
    private static String lockoptMode(String name) {
        return switch (name) {
            case "read", "readInterruptibly" -> "Read";
            case "write", "writeInterruptibly" -> "Write";
            default -> null;
        };
    }

    /**
     * The rest of a handle-returning acquisition, once its announcing hook is emitted: the call
     * itself, then the handle (DUP) to the hook that notes the acquisition.
     */
    private void acquireHandle(int opcode, String owner, String name, String descriptor, CallSite site,
            String[] receiver) {
        super.visitMethodInsn(opcode, owner, name, descriptor, false);
        super.visitInsn(Opcodes.DUP);
        pushSite(site);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "lockoptAcquired", "(Ljava/lang/Object;I)V", false);
        site.markOpensSection();
        openSection(site);
        forget();
        top = receiver; // the handle carries the lock's label to its close()
    }

    private boolean rewriteLockCall(int opcode, String owner, String name, String descriptor) {
        if (isKeyedAcquisition(opcode, owner, name, descriptor)) {
            // keyedLocks.read(key): DUP2 (the keyed locks and the key), hook; the call; DUP handle, hook.
            String[] receiver = belowTop;
            CallSite site = register("keyed " + name, receiver);
            super.visitInsn(Opcodes.DUP2);
            super.visitInsn(name.startsWith("read") ? Opcodes.ICONST_1 : Opcodes.ICONST_2); // LockSink.READ, WRITE
            super.visitInsn(name.endsWith("All") ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            pushSite(site);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "keyedAcquiring",
                    "(Ljava/lang/Object;Ljava/lang/Object;IZI)V", false);
            acquireHandle(opcode, owner, name, descriptor, site, receiver);
            return true;
        }
        if (isLockoptAcquisition(opcode, owner, name, descriptor)) {
            // rwLock.read(): DUP lock, hook; the call itself; DUP handle, hook. With a timeout
            // argument on top, the lock under it is copied with DUP2 and POP.
            boolean timed = TIMED_HANDLE_DESC.equals(descriptor);
            // With an argument on top, the lock's label is the one below it (if still known).
            String[] receiver = timed ? belowTop : top;
            CallSite site = register("lockopt " + name + (timed ? "(timeout)" : ""), receiver);
            if (timed) {
                super.visitInsn(Opcodes.DUP2);
                super.visitInsn(Opcodes.POP);
            } else {
                super.visitInsn(Opcodes.DUP);
            }
            pushSite(site);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "lockoptAcquiring" + lockoptMode(name),
                    "(Ljava/lang/Object;I)V", false);
            acquireHandle(opcode, owner, name, descriptor, site, receiver);
            return true;
        }
        if (opcode == Opcodes.INVOKEINTERFACE && LOCKOPT_HANDLE.equals(owner) && "close()V".equals(name + descriptor)) {
            CallSite site = register("lockopt close", top);
            super.visitInsn(Opcodes.DUP);
            super.visitMethodInsn(opcode, owner, name, descriptor, true);
            pushSite(site);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "lockoptReleased", "(Ljava/lang/Object;I)V", false);
            closeSection(site);
            forget();
            return true;
        }
        boolean lockType = (opcode == Opcodes.INVOKEINTERFACE && LOCK.equals(owner))
                || (opcode == Opcodes.INVOKEVIRTUAL
                        && (REENTRANT_LOCK.equals(owner) || READ_LOCK.equals(owner) || WRITE_LOCK.equals(owner)));
        if (lockType) {
            String lockDesc = "(L" + LOCK + ";";
            switch (name + descriptor) {
                case "lock()V" -> hook(name, lockDesc + "I)V", true, false);
                case "lockInterruptibly()V" -> hook(name, lockDesc + "I)V", true, false);
                case "tryLock()Z" -> hook(name, lockDesc + "I)Z", true, false);
                case "tryLock(JLjava/util/concurrent/TimeUnit;)Z" ->
                        hook(name, lockDesc + "JLjava/util/concurrent/TimeUnit;I)Z", true, false);
                case "unlock()V" -> hook(name, lockDesc + "I)V", false, true);
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && RRWL.equals(owner)) {
            switch (name + descriptor) {
                case "readLock()Ljava/util/concurrent/locks/ReentrantReadWriteLock$ReadLock;" ->
                        view(name, "(L" + RRWL + ";I)L" + READ_LOCK + ";");
                case "writeLock()Ljava/util/concurrent/locks/ReentrantReadWriteLock$WriteLock;" ->
                        view(name, "(L" + RRWL + ";I)L" + WRITE_LOCK + ";");
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (opcode == Opcodes.INVOKEINTERFACE && READ_WRITE_LOCK.equals(owner)
                && ("readLock".equals(name) || "writeLock".equals(name))
                && ("()L" + LOCK + ";").equals(descriptor)) {
            view(name, "(L" + READ_WRITE_LOCK + ";I)L" + LOCK + ";");
            return true;
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && STAMPED.equals(owner)) {
            String stampedDesc = "(L" + STAMPED + ";";
            switch (name + descriptor) {
                case "readLock()J" -> hook("stampedReadLock", stampedDesc + "I)J", true, false);
                case "writeLock()J" -> hook("stampedWriteLock", stampedDesc + "I)J", true, false);
                case "tryReadLock()J" -> hook("stampedTryReadLock", stampedDesc + "I)J", true, false);
                case "tryWriteLock()J" -> hook("stampedTryWriteLock", stampedDesc + "I)J", true, false);
                case "unlockRead(J)V" -> hook("stampedUnlockRead", stampedDesc + "JI)V", false, true);
                case "unlockWrite(J)V" -> hook("stampedUnlockWrite", stampedDesc + "JI)V", false, true);
                case "unlock(J)V" -> hook("stampedUnlock", stampedDesc + "JI)V", false, true);
                default -> {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Replaces the call on the stack with the hook. The receiver's label is the one known
     * for the value under the arguments: for the no-argument calls it is {@link #top}; for
     * calls with arguments (a stamp, a timeout) the label was remembered when the receiver
     * was loaded, which the stack tracking here does not follow, so the lock's own label
     * (found at its acquiring site) is used instead.
     */
    private void hook(String hookName, String hookDescriptor, boolean opens, boolean closes) {
        boolean receiverOnTop = hookDescriptor.endsWith(";I)V") || hookDescriptor.endsWith(";I)Z")
                || hookDescriptor.endsWith(";I)J");
        CallSite site = register(hookName, receiverOnTop ? top : null);
        pushSite(site);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, hookName, hookDescriptor, false);
        if (opens) {
            site.markOpensSection();
            openSection(site);
        }
        if (closes) {
            closeSection(site);
        }
        forget();
    }

    private void view(String name, String hookDescriptor) {
        String[] receiver = top;
        CallSite site = register(name, receiver);
        pushSite(site);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, hookDescriptor, false);
        belowTop = null;
        top = receiver; // rwl.readLock().lock(): the lock() site inherits the field label
    }

    private CallSite register(String operation) {
        return register(operation, top);
    }

    private CallSite register(String operation, String[] label) {
        onSite.run();
        return sites.register(className, loader, methodName, line, label == null ? null : label[0],
                label == null ? null : label[1], operation);
    }

    private void pushSite(CallSite site) {
        super.visitLdcInsn(site.id());
    }

    private void openSection(CallSite site) {
        sections.add(new Section(site, position, site.label()));
    }

    private void closeSection(CallSite releasing) {
        releases.add(new Marker(position, releasing.label()));
    }

    private void markWrites(String evidence) {
        writes.add(new Marker(position, evidence + " (" + simpleName(className) + "." + methodName
                + (line > 0 ? ":" + line : "") + ")"));
    }

    /**
     * Decides each section once the whole method is seen. A section runs from its acquisition
     * to the last release of the same lock in code order: that covers early returns inside the
     * section (their release comes first, the rest of the section after it) and javac's copies
     * of finally blocks. A write anywhere in that range marks the section as writing; no release
     * at all means the method returns holding the lock, and the section is left unclassified.
     */
    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (synchronizedSite != null) {
            appendExitHandler();
        }
        for (Section section : sections) {
            int end = -1;
            for (Marker release : releases) {
                if (release.position() > section.start() && sameLock(section.label(), release.text())) {
                    end = Math.max(end, release.position());
                }
            }
            if (end < 0) {
                section.site().markEscapes();
                continue;
            }
            for (Marker write : writes) {
                if (write.position() > section.start() && write.position() < end) {
                    section.site().markWrites(write.text());
                    break;
                }
            }
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    private static boolean sameLock(String sectionLabel, String releaseLabel) {
        return sectionLabel == null || releaseLabel == null || sectionLabel.equals(releaseLabel);
    }

    /** A critical section opened at {@code site}, at code position {@code start}. */
    private record Section(CallSite site, int start, String label) {
    }

    /** Something at a code position: a release (text: its label) or a write (text: what it writes). */
    private record Marker(int position, String text) {
    }

    static boolean isMutating(String name) {
        if (name.equals("addSuppressed")) {
            return false; // try-with-resources bookkeeping on a local exception
        }
        for (String prefix : MUTATING_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(String name) {
        String dotted = name.replace('/', '.');
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
