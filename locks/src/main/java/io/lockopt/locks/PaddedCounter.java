package io.lockopt.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Cache-line padding before the counter; fields of a superclass are laid out first. */
abstract class PaddedCounterLeftPad {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The counter itself, between the two paddings. */
abstract class PaddedCounterValue extends PaddedCounterLeftPad {
    volatile long value;
}

/**
 * A {@code long} counter on a cache line of its own, so the threads that hammer it do not
 * slow down whatever the JVM would otherwise place beside it (the ring's array references,
 * the fields every reader of a {@link MeteredReadWriteLock} loads). Padding lives in holder
 * superclasses, as in JCTools and Caffeine. Accessors name their memory ordering:
 * {@code getAcquire}, {@code getAndIncrement} and {@code compareAndSet} are volatile-strength;
 * {@code getOpaque}/{@code setOpaque}/{@code setRelease} are for a single writer (the seqlock
 * version of {@link MeteredReadWriteLock}, written only by the write-lock holder).
 */
final class PaddedCounter extends PaddedCounterValue {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p30, p31, p32, p33, p34, p35, p36, p37;

    long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    long getOpaque() {
        return (long) VALUE.getOpaque(this);
    }

    void setOpaque(long next) {
        VALUE.setOpaque(this, next);
    }

    void setRelease(long next) {
        VALUE.setRelease(this, next);
    }

    long getAndIncrement() {
        return (long) VALUE.getAndAdd(this, 1L);
    }

    boolean compareAndSet(long expected, long next) {
        return VALUE.compareAndSet(this, expected, next);
    }
}
