package io.lockopt.agent.instrument;

import java.util.HashMap;
import java.util.Map;

import net.bytebuddy.jar.asm.Opcodes;

/**
 * The lock operations the agent rewrites, as one table: which call (opcode, owner type, method
 * and descriptor) is which operation, how it is rewritten ({@link Shape}) and the {@code LockHooks}
 * method it calls. {@link ClassPrescan} reads it to find the classes and helper methods that use
 * locks, {@link LockCallSiteRewriter} to rewrite the calls; a call not in it is left alone.
 */
final class LockOperations {
    static final String HOOKS = "io/lockopt/agent/bootstrap/LockHooks";
    /** {@code (Object, int site)V}: the monitor and lockopt hooks. */
    static final String OBJECT_SITE_HOOK = "(Ljava/lang/Object;I)V";
    /** {@code (Object keyedLocks, Object key, int mode, boolean all, int site)V}. */
    static final String KEYED_HOOK = "(Ljava/lang/Object;Ljava/lang/Object;IZI)V";
    static final String SECTION_HOOK = "(I)V";

    static final String LOCK = "java/util/concurrent/locks/Lock";
    static final String REENTRANT_LOCK = "java/util/concurrent/locks/ReentrantLock";
    static final String RRWL = "java/util/concurrent/locks/ReentrantReadWriteLock";
    static final String READ_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock";
    static final String WRITE_LOCK = "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock";
    static final String READ_WRITE_LOCK = "java/util/concurrent/locks/ReadWriteLock";
    static final String STAMPED = "java/util/concurrent/locks/StampedLock";
    static final String LOCKOPT_RW = "io/lockopt/locks/MeteredReadWriteLock";
    static final String LOCKOPT_HANDLE = "io/lockopt/locks/LockHandle";
    static final String KEYED = "io/lockopt/locks/KeyedLocks";
    static final String HANDLE_DESC = "()L" + LOCKOPT_HANDLE + ";";
    /** {@code read(Duration)} and {@code write(Duration)}: the timed acquisitions. */
    static final String TIMED_HANDLE_DESC = "(Ljava/time/Duration;)L" + LOCKOPT_HANDLE + ";";
    static final String KEYED_ONE_DESC = "(Ljava/lang/Object;)L" + LOCKOPT_HANDLE + ";";
    static final String KEYED_ALL_DESC = "(Ljava/util/Collection;)L" + LOCKOPT_HANDLE + ";";
    private static final String TIMEOUT = "JLjava/util/concurrent/TimeUnit;";

    /** How a call is rewritten, and whether it acquires or releases. */
    enum Shape {
        /** The call is replaced by a hook taking the receiver and its arguments, then the site. */
        ACQUIRE(1), RELEASE(-1),
        /** {@code readLock()}/{@code writeLock()}: replaced by a hook that passes the label on; no section. */
        VIEW(0),
        /** lockopt's handle-returning acquisition: a hook before (on a copy of the receiver), the call, a hook after. */
        HANDLE_ACQUIRE(1), TIMED_HANDLE_ACQUIRE(1), KEYED_ACQUIRE(1),
        /** {@code LockHandle.close()}: the call, then a hook on a copy of the handle. */
        HANDLE_RELEASE(-1);

        final int effect;

        Shape(int effect) {
            this.effect = effect;
        }
    }

    /**
     * One row: {@code hook} is the {@code LockHooks} method and {@code hookDescriptor} its
     * descriptor (for the handle shapes, the hook before the call).
     */
    record Operation(Shape shape, String hook, String hookDescriptor) {
        /** The receiver is right under the site: its label is the one on top of the stack. */
        boolean receiverOnTop() {
            return hookDescriptor.endsWith(";I)V") || hookDescriptor.endsWith(";I)Z")
                    || hookDescriptor.endsWith(";I)J");
        }
    }

    private static final Map<String, Operation> TABLE = new HashMap<>();

    static {
        String lockArg = "(L" + LOCK + ";";
        String[][] lockTypes = {{"interface", LOCK}, {"virtual", REENTRANT_LOCK}, {"virtual", READ_LOCK},
            {"virtual", WRITE_LOCK}};
        for (String[] type : lockTypes) {
            int opcode = type[0].equals("interface") ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
            row(opcode, type[1], "lock", "()V", Shape.ACQUIRE, "lock", lockArg + "I)V");
            row(opcode, type[1], "lockInterruptibly", "()V", Shape.ACQUIRE, "lockInterruptibly", lockArg + "I)V");
            row(opcode, type[1], "tryLock", "()Z", Shape.ACQUIRE, "tryLock", lockArg + "I)Z");
            row(opcode, type[1], "tryLock", "(" + TIMEOUT + ")Z", Shape.ACQUIRE, "tryLock", lockArg + TIMEOUT + "I)Z");
            row(opcode, type[1], "unlock", "()V", Shape.RELEASE, "unlock", lockArg + "I)V");
        }
        row(Opcodes.INVOKEVIRTUAL, RRWL, "readLock", "()L" + READ_LOCK + ";", Shape.VIEW, "readLock",
                "(L" + RRWL + ";I)L" + READ_LOCK + ";");
        row(Opcodes.INVOKEVIRTUAL, RRWL, "writeLock", "()L" + WRITE_LOCK + ";", Shape.VIEW, "writeLock",
                "(L" + RRWL + ";I)L" + WRITE_LOCK + ";");
        for (String view : new String[] {"readLock", "writeLock"}) {
            row(Opcodes.INVOKEINTERFACE, READ_WRITE_LOCK, view, "()L" + LOCK + ";", Shape.VIEW, view,
                    "(L" + READ_WRITE_LOCK + ";I)L" + LOCK + ";");
        }
        String stampedArg = "(L" + STAMPED + ";";
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "readLock", "()J", Shape.ACQUIRE, "stampedReadLock", stampedArg + "I)J");
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "writeLock", "()J", Shape.ACQUIRE, "stampedWriteLock", stampedArg + "I)J");
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "tryReadLock", "()J", Shape.ACQUIRE, "stampedTryReadLock",
                stampedArg + "I)J");
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "tryWriteLock", "()J", Shape.ACQUIRE, "stampedTryWriteLock",
                stampedArg + "I)J");
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "unlockRead", "(J)V", Shape.RELEASE, "stampedUnlockRead",
                stampedArg + "JI)V");
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "unlockWrite", "(J)V", Shape.RELEASE, "stampedUnlockWrite",
                stampedArg + "JI)V");
        row(Opcodes.INVOKEVIRTUAL, STAMPED, "unlock", "(J)V", Shape.RELEASE, "stampedUnlock", stampedArg + "JI)V");
        for (String mode : new String[] {"Read", "Write"}) {
            String name = mode.toLowerCase(java.util.Locale.ROOT);
            row(Opcodes.INVOKEVIRTUAL, LOCKOPT_RW, name, HANDLE_DESC, Shape.HANDLE_ACQUIRE, "lockoptAcquiring" + mode,
                    OBJECT_SITE_HOOK);
            row(Opcodes.INVOKEVIRTUAL, LOCKOPT_RW, name + "Interruptibly", HANDLE_DESC, Shape.HANDLE_ACQUIRE,
                    "lockoptAcquiring" + mode, OBJECT_SITE_HOOK);
            row(Opcodes.INVOKEVIRTUAL, LOCKOPT_RW, name, TIMED_HANDLE_DESC, Shape.TIMED_HANDLE_ACQUIRE,
                    "lockoptAcquiring" + mode, OBJECT_SITE_HOOK);
            row(Opcodes.INVOKEVIRTUAL, KEYED, name, KEYED_ONE_DESC, Shape.KEYED_ACQUIRE, "keyedAcquiring", KEYED_HOOK);
            row(Opcodes.INVOKEVIRTUAL, KEYED, name + "All", KEYED_ALL_DESC, Shape.KEYED_ACQUIRE, "keyedAcquiring",
                    KEYED_HOOK);
        }
        row(Opcodes.INVOKEINTERFACE, LOCKOPT_HANDLE, "close", "()V", Shape.HANDLE_RELEASE, "lockoptReleased",
                OBJECT_SITE_HOOK);
    }

    private LockOperations() {
    }

    private static void row(int opcode, String owner, String name, String descriptor, Shape shape, String hook,
            String hookDescriptor) {
        TABLE.put(key(opcode, owner, name, descriptor), new Operation(shape, hook, hookDescriptor));
    }

    private static String key(int opcode, String owner, String name, String descriptor) {
        return opcode + " " + owner + "." + name + descriptor;
    }

    /** The lock operation this call is; null: none. */
    static Operation of(int opcode, String owner, String name, String descriptor) {
        return TABLE.get(key(opcode, owner, name, descriptor));
    }

    /** Whether a call acquires (+1), releases (-1) or neither (0) a lock. */
    static int effect(int opcode, String owner, String name, String descriptor) {
        Operation operation = of(opcode, owner, name, descriptor);
        return operation == null ? 0 : operation.shape().effect;
    }
}
