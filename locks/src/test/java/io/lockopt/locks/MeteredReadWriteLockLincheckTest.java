package io.lockopt.locks;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Model-checks the pairing of the read/write lock with the seqlock version behind optimistic
 * reads: a writer stores a value in two plain fields, one after the other; an optimistic read
 * (through {@code optimisticRead} and through the bare {@code tryOptimisticRead}/{@code validate}
 * pair), a locked read and a reentrant write-then-downgrade must each see both fields from the
 * same write, in every interleaving Lincheck explores. Every scenario starts from a fresh lock,
 * whose seqlock word does not exist until the first optimistic read creates it, so the
 * creation racing writes is explored too; but neither this test nor a narrower one (writes and
 * stamp reads only, 2 threads, 20 x 200 invocations) caught a creation without its read hold
 * (2026-12-04, Lincheck 3.7), which
 * {@code MeteredReadWriteLockTest.firstStampIsRefusedWhileAWriteSectionIsOpen} does.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:3")
@SuppressWarnings("try") // handles held only for their effect
public class MeteredReadWriteLockLincheckTest {

    private final MeteredReadWriteLock lock = MeteredReadWriteLock.create("pair");
    private int first;
    private int second;

    @Operation
    public void write(@Param(name = "value") int value) {
        try (LockHandle w = lock.write()) {
            first = value;
            second = value;
        }
    }

    @Operation
    public int optimisticRead() {
        return lock.optimisticRead(() -> first * 10 + second);
    }

    @Operation
    public long optimisticReadLong() {
        return lock.optimisticReadLong(() -> first * 10L + second);
    }

    /** The stamp API as a caller of StampedLock would use it: validate, else read under the lock. */
    @Operation
    public int stampedRead() {
        long stamp = lock.tryOptimisticRead();
        int seen = first * 10 + second;
        if (lock.validate(stamp)) {
            return seen;
        }
        try (LockHandle r = lock.read()) {
            return first * 10 + second;
        }
    }

    @Operation
    public int lockedRead() {
        try (LockHandle r = lock.read()) {
            return first * 10 + second;
        }
    }

    /** Writes under a reentrant write hold, downgrades to read, and reads back its own write. */
    @Operation
    public int writeThenDowngrade(@Param(name = "value") int value) {
        try (LockHandle outer = lock.write()) {
            LockHandle read;
            try (LockHandle inner = lock.write()) {
                first = value;
                second = value;
                read = lock.read();
            }
            outer.close();
            try (read) {
                return first * 10 + second;
            }
        }
    }

    @Test
    void optimisticAndLockedReadsSeeWholeWrites() {
        ModelChecking.options()
                .iterations(8)
                .invocationsPerIteration(150)
                .threads(3)
                .actorsPerThread(2)
                .sequentialSpecification(SequentialPair.class)
                .check(MeteredReadWriteLockLincheckTest.class);
    }

    /** The pair when operations run one at a time. */
    public static class SequentialPair {
        private int value;

        public void write(int value) {
            this.value = value;
        }

        public int optimisticRead() {
            return value * 11;
        }

        public long optimisticReadLong() {
            return value * 11L;
        }

        public int lockedRead() {
            return value * 11;
        }

        public int stampedRead() {
            return value * 11;
        }

        public int writeThenDowngrade(int value) {
            this.value = value;
            return value * 11;
        }
    }
}
