package io.lockopt.agent.recorder;

import java.lang.ref.WeakReference;

/**
 * A coarse clock that an acquisition reads for the price of a field load: a tick counter that a
 * daemon thread advances every {@link #TICK_NANOS}, with the {@link System#nanoTime} of each
 * tick kept in a ring. It tells the recorder which holds were long without timing them: a hold
 * that saw the counter move by two or more spanned a whole tick, so it lasted at least about
 * {@link #TICK_NANOS}, and its length is then estimated from the ring (the acquisition happened
 * between its tick and the next one: the midpoint is taken, off by half a tick at most).
 *
 * <p>Why: hot locks' holds are sampled by count (one in {@link ThreadLockStats#SAMPLE_EVERY}),
 * each sampled hold standing for that many. That is unbiased but useless when a few holds are
 * long (a holder preempted for 400 ms): a sampled one is weighted x256 and the total jumps, an
 * unsampled one is lost. With the ticks, holds are split into two strata decided without
 * looking at the sampling: long ones (counter moved by two or more), all counted once each, and
 * the others, estimated from the sample. Each stratum's estimate is unbiased, so their sum is.
 *
 * <p>Design notes. One writer, the ticking thread (or a test calling {@link #advance}); readers
 * on every application thread. The ring slot is written before the counter's volatile store,
 * so a reader that saw tick {@code t} sees the nanos of every tick up to {@code t}. A ring of
 * {@link #RING} slots covers about 20 s of ticks; longer holds are estimated by the tick count.
 * The thread holds this object weakly and ends when it is closed or unreachable.
 */
final class HoldTicks {
    static final long TICK_NANOS = 5_000_000L;
    /** A hold whose acquisition and release ticks differ by this much is counted exactly. */
    static final long LONG_HOLD_TICKS = 2;
    private static final int RING = 4096;
    private static final int MASK = RING - 1;

    private final long[] tickNanos = new long[RING];
    private volatile long tick;
    private volatile boolean closed;

    HoldTicks(long startNanos) {
        tickNanos[0] = startNanos;
    }

    /** A clock ticking by itself, every {@link #TICK_NANOS}, on a daemon thread. */
    static HoldTicks ticking() {
        HoldTicks ticks = new HoldTicks(System.nanoTime());
        WeakReference<HoldTicks> ref = new WeakReference<>(ticks);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(TICK_NANOS / 1_000_000L);
                    HoldTicks alive = ref.get();
                    if (alive == null || alive.closed) {
                        return;
                    }
                    alive.advance(System.nanoTime());
                }
            } catch (InterruptedException e) {
                // ends the clock
            }
        }, "lockopt-hold-ticks");
        thread.setDaemon(true);
        thread.start();
        return ticks;
    }

    long now() {
        return tick;
    }

    /** The writer: the next tick happened at {@code nanoTime}. */
    void advance(long nanoTime) {
        long next = tick + 1;
        tickNanos[(int) (next & MASK)] = nanoTime;
        tick = next;
    }

    void close() {
        closed = true;
    }

    /** Whether a hold acquired at tick {@code acquiredTick} and released at {@code releasedTick} is a long one. */
    static boolean isLong(long acquiredTick, long releasedTick) {
        return releasedTick - acquiredTick >= LONG_HOLD_TICKS;
    }

    /** The length of a long hold acquired at tick {@code acquiredTick}, released at {@code releasedAtNanos}. */
    long estimate(long acquiredTick, long releasedTick, long releasedAtNanos) {
        if (releasedTick - acquiredTick >= RING - 1) {
            return (releasedTick - acquiredTick) * TICK_NANOS;
        }
        long from = tickNanos[(int) (acquiredTick & MASK)];
        long to = tickNanos[(int) ((acquiredTick + 1) & MASK)];
        return Math.max(0L, releasedAtNanos - (from + (to - from) / 2));
    }
}
