package io.lockopt.locks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checks {@link KeyedLocks}: transfers between accounts take two write locks in whatever
 * order the caller names them, audits take every read lock at once. Lincheck fails on any
 * deadlock it finds and on any result a sequential bank could not produce (a torn transfer
 * seen by an audit, a lost update); the validation checks that every lock beyond the one idle lock was reclaimed, and that
 * no reclaimed lock stays in the slot cache that acquisitions fill.
 */
@Param(name = "account", gen = IntGen.class, conf = "0:2")
@SuppressWarnings("try") // handles held only for their effect
public class KeyedLocksLincheckTest {

    private static final List<Integer> ALL_ACCOUNTS = List.of(0, 1, 2);

    /** One idle lock kept: runs mix reuse of idle locks, eviction and reclaiming. */
    private final KeyedLocks<Integer> locks = KeyedLocks.<Integer>builder("accounts").idleCapacity(idleCapacity()).build();
    /** Guarded by the per-account locks, deliberately with non-atomic read-modify-writes. */
    private final int[] balances = new int[ALL_ACCOUNTS.size()];

    /** Called from the field initializer: a constant per class, so safe to override. */
    int idleCapacity() {
        return 1;
    }

    /**
     * Every release that leaves a key idle reclaims it at once: lookups race with reclamation
     * (the lock-then-validate retry) on almost every operation.
     */
    public static class ReclaimOnRelease extends KeyedLocksLincheckTest {
        @Override
        int idleCapacity() {
            return 0;
        }
    }

    @Operation
    public void transfer(@Param(name = "account") int from, @Param(name = "account") int to) {
        try (LockHandle both = locks.writeAll(List.of(from, to))) {
            balances[from] -= 1;
            balances[to] += 1;
        }
    }

    @Operation
    public int total() {
        try (LockHandle all = locks.readAll(ALL_ACCOUNTS)) {
            return balances[0] + balances[1] + balances[2];
        }
    }

    @Operation
    public int balance(@Param(name = "account") int account) {
        try (LockHandle one = locks.read(account)) {
            return balances[account];
        }
    }

    @Operation
    public void deposit(@Param(name = "account") int account) {
        try (LockHandle one = locks.write(account)) {
            balances[account] += 1;
        }
    }

    @Validate
    public void everyLockReclaimed() {
        if (locks.size() > 1) {
            throw new IllegalStateException(locks.size() + " key locks still referenced after the run");
        }
        if (!locks.slotsHoldOnlyMappedEntries()) {
            throw new IllegalStateException("a reclaimed key lock is still cached in a slot");
        }
    }

    /**
     * Model checking finds a deadlock itself (a schedule where no thread can move); the time limit
     * only bounds the run. Instrumented runs are slow on a busy 2-core machine (six minutes at load
     * 15-20 for six iterations of the reclaiming variant), so four iterations, ten minutes.
     */
    private static ModelCheckingOptions options() {
        return ModelChecking.options()
                .iterations(4)
                .invocationsPerIteration(150)
                .threads(3)
                .actorsPerThread(2)
                .sequentialSpecification(SequentialBank.class);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void isDeadlockFreeAndLinearizableWhenReclaimingOnEveryRelease() {
        options().check(ReclaimOnRelease.class);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void isDeadlockFreeAndLinearizable() {
        options().check(KeyedLocksLincheckTest.class);
    }

    /** What the accounts do when operations run one at a time. */
    public static class SequentialBank {
        private final int[] balances = new int[ALL_ACCOUNTS.size()];

        public void transfer(int from, int to) {
            balances[from] -= 1;
            balances[to] += 1;
        }

        public int total() {
            return balances[0] + balances[1] + balances[2];
        }

        public int balance(int account) {
            return balances[account];
        }

        public void deposit(int account) {
            balances[account] += 1;
        }
    }
}
