package io.lockopt.agent.instrument;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * A pre-scan of one class's bytes before it is rewritten, reading {@link LockOperations}' table:
 * whether the class uses locks at all (classes without are left alone); its methods that only
 * acquire a lock and return holding it (a {@code lockExclusive()} helper) or only release one
 * ({@code unlockExclusive()}), so that a call to such a helper can open or close a critical
 * section in the caller, where its body is; what each method writes, directly or through the
 * class's other methods; and the {@code synchronized} methods whose body can be bracketed by
 * monitor hooks: all static ones, and instance ones that never overwrite local 0 ({@code this}),
 * which the exception handler around the body reads.
 */
final class ClassPrescan {
    static final ClassPrescan NONE = new ClassPrescan(Map.of(), Map.of(), Set.of(), false);

    enum Role { ACQUIRES, RELEASES }

    private final Map<String, Role> roles;
    /** Methods of the class that write (themselves or through other methods of the class): what they write. */
    private final Map<String, String> writers;

    /** Synchronized methods with code ({@code name + descriptor}) that the rewriter may bracket. */
    private final Set<String> synchronizedMethods;

    private final boolean usesLocks;

    private ClassPrescan(Map<String, Role> roles, Map<String, String> writers, Set<String> synchronizedMethods,
            boolean usesLocks) {
        this.roles = roles;
        this.writers = writers;
        this.synchronizedMethods = synchronizedMethods;
        this.usesLocks = usesLocks;
    }

    /** The method is {@code synchronized}, has code, and keeps {@code this} in local 0 if it has one. */
    boolean bracketsSynchronized(String name, String descriptor) {
        return synchronizedMethods.contains(name + descriptor);
    }

    /** The class has at least one lock operation or monitor to rewrite; classes without are left alone. */
    boolean usesLocks() {
        return usesLocks;
    }

    Role roleOf(String name, String descriptor) {
        return roles.get(name + descriptor);
    }

    /** What the method of this class writes, directly or through the class's other methods; null: nothing seen. */
    String writesOf(String name, String descriptor) {
        return writers.get(name + descriptor);
    }

    static ClassPrescan scan(byte[] classFile) {
        if (classFile == null) {
            return NONE;
        }
        Map<String, Role> roles = new HashMap<>();
        boolean[] usesLocks = new boolean[1];
        Map<String, String> directWrites = new HashMap<>();
        Map<String, Set<String>> callees = new HashMap<>();
        Set<String> synchronizedMethods = new HashSet<>();
        ClassReader reader = new ClassReader(classFile);
        String self = reader.getClassName();
        reader.accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String key = name + descriptor;
                boolean synchronizedWithCode = (access & Opcodes.ACC_SYNCHRONIZED) != 0
                        && (access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) == 0;
                boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    private int acquires;
                    private int releases;
                    private boolean overwritesThis;

                    @Override
                    public void visitVarInsn(int opcode, int varIndex) {
                        if (varIndex == 0 && opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                            overwritesThis = true;
                        }
                    }

                    @Override
                    public void visitIincInsn(int varIndex, int increment) {
                        if (varIndex == 0) {
                            overwritesThis = true;
                        }
                    }

                    private void wrote(String what) {
                        directWrites.putIfAbsent(key, what);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                            wrote("stores field " + field);
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
                            wrote("stores into an array");
                        }
                        if (opcode == Opcodes.MONITORENTER) {
                            acquires++;
                        } else if (opcode == Opcodes.MONITOREXIT) {
                            releases++;
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (self.equals(owner)) {
                            callees.computeIfAbsent(key, k -> new HashSet<>()).add(method + desc);
                        } else if (SectionClassifier.isMutating(method)) {
                            wrote("calls " + owner.substring(owner.lastIndexOf('/') + 1) + "." + method + "()");
                        }
                        int effect = LockOperations.effect(opcode, owner, method, desc);
                        if (effect > 0) {
                            acquires++;
                        } else if (effect < 0) {
                            releases++;
                        }
                    }

                    @Override
                    public void visitEnd() {
                        if (synchronizedWithCode && (isStatic || !overwritesThis)) {
                            synchronizedMethods.add(key);
                            usesLocks[0] = true;
                        }
                        if (acquires > 0 || releases > 0) {
                            usesLocks[0] = true;
                        }
                        if (acquires > 0 && releases == 0) {
                            roles.put(key, Role.ACQUIRES);
                        } else if (releases > 0 && acquires == 0) {
                            roles.put(key, Role.RELEASES);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        // Writing spreads to callers within the class, until nothing changes.
        Map<String, String> writers = new HashMap<>(directWrites);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Set<String>> entry : callees.entrySet()) {
                if (writers.containsKey(entry.getKey())) {
                    continue;
                }
                for (String callee : entry.getValue()) {
                    String what = writers.get(callee);
                    if (what != null) {
                        String name = callee.substring(0, callee.indexOf('('));
                        writers.put(entry.getKey(), what.startsWith("via ") ? what : "via " + name + "(): " + what);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return new ClassPrescan(roles, writers, synchronizedMethods, usesLocks[0]);
    }
}
