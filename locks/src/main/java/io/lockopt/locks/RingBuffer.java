package io.lockopt.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, lock-free, multi-producer ring buffer of recent events (ticks, log lines) with
 * non-blocking snapshots of the newest elements.
 *
 * <p>Algorithm: a sequence-stamped slot array, as in Dmitry Vyukov's bounded MPMC queue
 * (1024cores.net, "Bounded MPMC queue", 2011, which JCTools' {@code MpmcArrayQueue} also
 * follows) and the LMAX Disruptor's multi-producer sequencer (Thompson et al., "Disruptor",
 * 2011: one claim counter, a per-slot availability marker, readers that wait only for the
 * producers of the positions they read). Producers claim a position from one shared counter;
 * each slot carries its own sequence word saying which position it holds and whether that
 * position is published. Nothing is ever consumed: readers only copy, and validate their copy
 * like a sequence lock (Lameter, "Effective synchronization on Linux/NUMA systems", 2005;
 * Boehm, "Can seqlocks get along with programming language memory models?", MSPC 2012),
 * with the claim counter as the version of the whole range.
 *
 * <p>Design notes.
 * <ul>
 * <li><b>Slot sequence.</b> {@code 0}: never written; {@code 2p+1}: position {@code p} is being
 *     written; {@code 2p+2}: position {@code p} is published. Position {@code p} lives in slot
 *     {@code p & (capacity-1)}.</li>
 * <li><b>Producers vs producers.</b> Under OVERWRITE positions come from {@code getAndIncrement}
 *     on a padded counter: one atomic instruction that always succeeds, where the Disruptor's
 *     and JCTools' claims are CAS loops that retry under contention (they must not pass a
 *     consumer; a history has none). No two producers get the same position. Producers one lap
 *     apart ({@code p} and {@code p+capacity}) can meet in a slot: each takes the slot by a CAS
 *     from "older position published" to "mine being written", so at most one writes a slot at
 *     a time; a producer that finds a newer position already in its slot has been lapped and
 *     drops its element (it counts as overwritten: newer elements replaced it). A producer that
 *     finds an older position still being written spins for those two stores; this can only
 *     happen when the ring wraps completely around a stalled producer. That slot CAS is
 *     uncontended unless a producer stalls for a whole lap, so it costs a local atomic, not a
 *     retry. Under REJECT, positions are claimed by a CAS loop that refuses to pass
 *     {@code capacity}, so each slot is written exactly once and the buffer keeps the first
 *     {@code capacity} elements.</li>
 * <li><b>No counters on the append path.</b> Under OVERWRITE every claim is an append that
 *     returns true, and exactly the newest {@code capacity} positions are retained, so
 *     {@code appended} is the claim counter and {@code overwritten} is
 *     {@code max(0, claimed - capacity)}: the statistics cost producers nothing. (The earlier
 *     form kept two {@code LongAdder}s, two more atomic instructions per append, both on the
 *     path every producer takes.) Under REJECT only the rejections need a counter.</li>
 * <li><b>Padding.</b> The claim counter, the line every producer writes, sits alone on its
 *     cache line ({@link PaddedCounter}), so it does not drag the array references (read by
 *     everyone on every call) along with it.</li>
 * <li><b>Producers vs readers.</b> The producer stores the element after its slot CAS and
 *     publishes with a release store of the sequence. {@code recent(n)} reads the claim counter
 *     {@code t}, then for each position {@code p} of {@code [t-n, t)} loads the slot sequence
 *     with acquire (waiting, with spin-then-yield, while {@code p} is claimed but not yet
 *     published: the reader waits for a producer, never the other way round) and copies the
 *     element straight into the result. After the copy it issues an acquire fence and reads the
 *     claim counter again, {@code t'}: a slot of the range can only have been touched by a
 *     producer of position {@code p+capacity}, whose claim precedes its slot CAS and its
 *     element store, so if {@code t' - capacity <= t - n} no copied element can be from a later
 *     lap and the copy is exactly positions {@code [t-n, t)}: the newest {@code n} appends that
 *     had claimed a position at that instant, in claim order, none duplicated, skipped or torn.
 *     Otherwise (producers lapped the ring during the copy) the reader starts again. So a
 *     reader writes no shared state and reads the claim counter's line twice per snapshot
 *     instead of every slot's sequence twice: producers neither wait nor retry because of it,
 *     and lose fewer lines to its core.</li>
 * <li><b>Snapshots without garbage.</b> {@link #recent(int, Object[])} copies into the
 *     caller's array and allocates nothing; {@link #recent(int)} copies once into a fresh array
 *     and wraps it in an unmodifiable view (the earlier form copied a second time into
 *     {@code List.of}).</li>
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
                return true; // lapped: a newer element already took this slot; counted as overwritten
            }
            if (isBeingWritten(sequence)) {
                spins = backOff(spins); // an older producer is between its CAS and its publish
                continue;
            }
            if (SEQUENCES.compareAndSet(sequences, slot, sequence, writing)) {
                publish(slot, element, position);
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
        publish((int) position, element, position);
        return true;
    }

    /** Stores the element of a slot this producer owns, then publishes it with a release store. */
    private void publish(int slot, E element, long position) {
        // Keeps the claim (and, under OVERWRITE, the slot CAS) ahead of the element store, which
        // the reader's range validation relies on; the atomics already order it on every JVM
        // and CPU we know, the fence says so in the memory model's terms (no instruction on x86).
        VarHandle.releaseFence();
        ELEMENTS.set(elements, slot, element);
        SEQUENCES.setRelease(sequences, slot, published(position));
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
        int wanted = Math.min(requireCount(n), capacity);
        if (wanted == 0) {
            return List.of();
        }
        Object[] copy = new Object[wanted];
        int size = copyRecent(wanted, copy);
        return new Snapshot<>(copy, size);
    }

    /**
     * Copies the newest {@code min(n, dst.length)} elements (fewer if fewer were appended or
     * fit) into {@code dst[0..k)}, oldest first, and returns {@code k}; allocates nothing.
     * Elements of {@code dst} from index {@code k} on are left as they were. Same guarantees
     * as {@link #recent(int)}.
     *
     * @param n how many, at least 0
     * @throws NullPointerException if {@code dst} is null
     */
    public int recent(int n, E[] dst) {
        Objects.requireNonNull(dst, "dst");
        int wanted = Math.min(Math.min(requireCount(n), capacity), dst.length);
        return wanted == 0 ? 0 : copyRecent(wanted, dst);
    }

    /** The snapshot read of the design notes; {@code wanted} is at least 1. */
    private int copyRecent(int wanted, Object[] dst) {
        while (true) {
            long end = claimed.getAcquire();
            long start = Math.max(0L, end - wanted);
            for (long position = start; position < end; position++) {
                int slot = (int) (position & mask);
                long sequence;
                int spins = 0;
                while ((sequence = (long) SEQUENCES.getAcquire(sequences, slot)) != published(position)) {
                    if (sequence != 0L && positionOf(sequence) > position) {
                        break; // overwritten since we read the claim counter: detected below
                    }
                    spins = backOff(spins); // claimed, not yet published
                }
                dst[(int) (position - start)] = ELEMENTS.getOpaque(elements, slot);
            }
            VarHandle.acquireFence();
            if (claimed.getAcquire() - capacity <= start) {
                return (int) (end - start);
            }
        }
    }

    private static int requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        return n;
    }

    public int capacity() {
        return capacity;
    }

    public OverflowPolicy policy() {
        return policy;
    }

    /**
     * A snapshot of the counters, derived from the claim counter (see the design notes): an
     * append in progress already counts.
     */
    public RingBufferStats stats() {
        long claims = claimed.getAcquire();
        return policy == OverflowPolicy.OVERWRITE
                ? new RingBufferStats(claims, Math.max(0L, claims - capacity), 0L)
                : new RingBufferStats(claims, 0L, rejected.sum());
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

    /** An unmodifiable view of a snapshot's array: the one copy {@link #recent(int)} makes. */
    private static final class Snapshot<E> extends AbstractList<E> implements RandomAccess {
        private final Object[] elements;
        private final int size;

        Snapshot(Object[] elements, int size) {
            this.elements = elements;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E get(int index) {
            Objects.checkIndex(index, size);
            return (E) elements[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
