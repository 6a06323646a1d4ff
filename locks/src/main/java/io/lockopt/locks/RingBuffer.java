package io.lockopt.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, lock-free, multi-producer ring buffer of recent events (ticks, log lines) with
 * non-blocking snapshots of the newest elements.
 *
 * <p>Algorithm: a sequence-stamped slot array, as in Dmitry Vyukov's bounded MPMC queue
 * (1024cores.net, "Bounded MPMC queue", 2011) and the LMAX Disruptor's multi-producer
 * sequencer: producers claim a position from one shared counter, each slot carries its own
 * sequence word saying which position it holds and whether that position is published, and
 * readers validate a slot's sequence before and after copying it, seqlock-style (Lameter,
 * "Effective synchronization on Linux/NUMA systems", 2005), as {@link
 * java.util.concurrent.locks.StampedLock}'s optimistic reads do. Nothing is ever consumed:
 * readers only copy.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Slot sequence.</b> {@code 0}: never written; {@code 2p+1}: position {@code p} is being
 *     written; {@code 2p+2}: position {@code p} is published. Position {@code p} lives in slot
 *     {@code p & (capacity-1)}.</li>
 * <li><b>Producers vs producers.</b> Positions come from {@code getAndIncrement} on a padded
 *     counter, so no two producers get the same position. Under OVERWRITE, producers one lap
 *     apart ({@code p} and {@code p+capacity}) can meet in a slot: each takes the slot by a CAS
 *     from "older position published" to "mine being written", so at most one writes a slot at
 *     a time; a producer that finds a newer position already in its slot has been lapped and
 *     drops its element (it counts as overwritten: newer elements replaced it). A producer that
 *     finds an older position still being written spins for those two stores; this can only
 *     happen when the ring wraps completely around a stalled producer.</li>
 * <li><b>Producers vs readers.</b> The producer stores the element after its CAS and publishes
 *     with a release store of the sequence; a reader loads the sequence with acquire, copies
 *     the element, issues an acquire fence and re-reads the sequence: equal and "published
 *     p" means the copy is position {@code p}'s element, never a torn or mixed one. Readers
 *     never write shared state, so they never delay a producer.</li>
 * <li><b>Snapshot order.</b> {@code recent(n)} reads the claim counter {@code t} and returns
 *     positions {@code [t-n, t)} oldest first: exactly the newest {@code n} appends that had
 *     claimed a position at that instant, in append (claim) order, so no element is duplicated
 *     or out of order and none is skipped. If one of those positions is claimed but not yet
 *     published, the reader waits for that producer's two stores; if a producer has meanwhile
 *     overwritten one of them, the reader starts again from a fresh {@code t}.</li>
 * <li><b>REJECT.</b> Positions are claimed by a CAS loop that refuses to pass {@code capacity},
 *     so each slot is written exactly once and the buffer keeps the first {@code capacity}
 *     elements.</li>
 * <li><b>Counters.</b> {@link LongAdder}s: producers only ever increment them.</li>
 * </ul>
 *
 * @param <E> element type; elements should be immutable, since readers get the same references
 */
public final class RingBuffer<E> {

    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int SPINS_BEFORE_YIELD = 64;

    private final int capacity;
    private final int mask;
    private final OverflowPolicy policy;
    private final long[] sequences;
    private final Object[] elements;
    private final PaddedCounter claimed = new PaddedCounter();
    private final LongAdder appended = new LongAdder();
    private final LongAdder overwritten = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /**
     * @param capacity a power of two, at least 1
     * @param policy   what {@link #append} does once the buffer is full
     */
    public RingBuffer(int capacity, OverflowPolicy policy) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a positive power of two: " + capacity);
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.sequences = new long[capacity];
        this.elements = new Object[capacity];
    }

    /**
     * Appends {@code element}. Never blocks on readers.
     *
     * @return {@code false} only under {@link OverflowPolicy#REJECT} when the buffer is full
     * @throws NullPointerException if {@code element} is null
     */
    public boolean append(E element) {
        Objects.requireNonNull(element, "element");
        return policy == OverflowPolicy.OVERWRITE ? appendOverwriting(element) : appendUnlessFull(element);
    }

    private boolean appendOverwriting(E element) {
        long position = claimed.getAndIncrement();
        int slot = (int) (position & mask);
        long writing = writing(position);
        int spins = 0;
        while (true) {
            long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
            if (sequence != 0L && positionOf(sequence) > position) {
                overwritten.increment(); // lapped: a newer element already took this slot
                appended.increment();
                return true;
            }
            if (isBeingWritten(sequence)) {
                spins = backOff(spins); // an older producer is between its CAS and its publish
                continue;
            }
            if (SEQUENCES.compareAndSet(sequences, slot, sequence, writing)) {
                ELEMENTS.set(elements, slot, element);
                SEQUENCES.setRelease(sequences, slot, published(position));
                if (sequence != 0L) {
                    overwritten.increment();
                }
                appended.increment();
                return true;
            }
        }
    }

    private boolean appendUnlessFull(E element) {
        long position;
        do {
            position = claimed.getAcquire();
            if (position >= capacity) {
                rejected.increment();
                return false;
            }
        } while (!claimed.compareAndSet(position, position + 1));
        int slot = (int) position;
        ELEMENTS.set(elements, slot, element);
        SEQUENCES.setRelease(sequences, slot, published(position));
        appended.increment();
        return true;
    }

    /**
     * The newest {@code n} elements (fewer if fewer were appended or fit), oldest first.
     * Never blocks producers; may wait for a producer that has claimed a position but not yet
     * published it (two stores). Under OVERWRITE, a copy that producers overtake (they lap the
     * ring past the oldest requested element meanwhile) starts again, so asking for far fewer
     * than {@link #capacity()} elements keeps snapshots cheap on a very busy ring.
     *
     * @param n how many, at least 0
     * @return an immutable list
     */
    public List<E> recent(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        int wanted = Math.min(n, capacity);
        if (wanted == 0) {
            return List.of();
        }
        Object[] copy = new Object[wanted];
        snapshot:
        while (true) {
            long end = claimed.getAcquire();
            long start = Math.max(0L, end - wanted);
            int spins = 0;
            for (long position = start; position < end; ) {
                int slot = (int) (position & mask);
                long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
                if (sequence == published(position)) {
                    Object element = ELEMENTS.getOpaque(elements, slot);
                    VarHandle.acquireFence();
                    if ((long) SEQUENCES.getOpaque(sequences, slot) == sequence) {
                        copy[(int) (position - start)] = element;
                        position++;
                        spins = 0;
                    }
                } else if (sequence != 0L && positionOf(sequence) > position) {
                    continue snapshot; // overwritten since we read the claim counter
                } else {
                    spins = backOff(spins); // claimed, not yet published
                }
            }
            int size = (int) (end - start);
            @SuppressWarnings("unchecked")
            List<E> result = (List<E>) List.of(size == wanted ? copy : Arrays.copyOf(copy, size));
            return result;
        }
    }

    public int capacity() {
        return capacity;
    }

    public OverflowPolicy policy() {
        return policy;
    }

    /** A snapshot of the counters. */
    public RingBufferStats stats() {
        return new RingBufferStats(appended.sum(), overwritten.sum(), rejected.sum());
    }

    @Override
    public String toString() {
        return "RingBuffer[capacity=" + capacity + ", " + policy + ", " + stats() + "]";
    }

    private static long writing(long position) {
        return 2 * position + 1;
    }

    private static long published(long position) {
        return 2 * position + 2;
    }

    private static boolean isBeingWritten(long sequence) {
        return (sequence & 1L) == 1L;
    }

    /** The position a non-zero slot sequence refers to, published or not. */
    private static long positionOf(long sequence) {
        return (sequence - 1) >>> 1;
    }

    private static int backOff(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
