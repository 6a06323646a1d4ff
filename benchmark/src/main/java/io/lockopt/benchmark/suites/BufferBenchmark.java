package io.lockopt.benchmark.suites;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jctools.queues.MpmcArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.lockopt.locks.OverflowPolicy;
import io.lockopt.locks.RingBuffer;
import io.lockopt.samples.Tick;

/**
 * Suite {@code buffer}: a bounded history of the newest ticks (capacity {@value #CAPACITY}),
 * appended to at high frequency while readers take {@code recent(n)} snapshots. lockopt's
 * lock-free {@link RingBuffer} against {@link ArrayBlockingQueue}, {@link ConcurrentLinkedQueue},
 * a synchronized {@link ArrayDeque} (the regular-lock baseline) and JCTools'
 * {@link MpmcArrayQueue} (the lock-free anchor).
 *
 * <p>A queue is not a history, so the queue variants do what code using them as one must:
 * when the queue is full, evict the oldest element and offer again. The ring buffer overwrites
 * in place. {@code recent(n)} on a queue copies it through its iterator and keeps the last
 * {@code n}: queues cannot read from the tail.
 *
 * <ul>
 * <li>{@code append}: two producers, no reader (the 2-producer target).</li>
 * <li>{@code oneProducer}: one producer alone; {@code oneProducerWithRecent}: the same
 *     producer beside one thread taking {@code recent(100)} snapshots. Comparing the two
 *     producers' throughput gives the cost of snapshots to the feed, with both runs using at
 *     most two threads so that on a 2-core machine the reader does not steal the producer's
 *     CPU.</li>
 * </ul>
 *
 * <p>Design notes. The buffer is shared per run ({@code Scope.Benchmark}) or per group
 * ({@code Scope.Group}); producers append ticks built from a per-thread sequence (no constant
 * folding), readers hand snapshots to JMH (no dead code). {@link AppendCounters} and
 * {@link SnapshotCounters} count successful and failed operations separately
 * (JMHSample_23_AuxCounters). Creating the tick is part of a real append, so it is inside the
 * measured method; it costs every variant the same.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BufferBenchmark {
    static final int CAPACITY = 1024;
    static final int SNAPSHOT = 100;
    static final int CPU_READING_INTERVAL = 4096;

    /** The history implementations, as factories. */
    public enum Impl {
        LOCKOPT_RING_BUFFER(RingHistory::new),
        ARRAY_BLOCKING_QUEUE(() -> new QueueHistory(new ArrayBlockingQueue<>(CAPACITY))),
        CONCURRENT_LINKED_QUEUE(BoundedLinkedHistory::new),
        SYNCHRONIZED_DEQUE(SynchronizedDequeHistory::new),
        JCTOOLS_MPMC_QUEUE(() -> new QueueHistory(new MpmcArrayQueue<>(CAPACITY)));

        private final Supplier<TickHistory> factory;

        Impl(Supplier<TickHistory> factory) {
            this.factory = factory;
        }

        TickHistory create() {
            return factory.get();
        }
    }

    @State(Scope.Benchmark)
    public static class Shared {
        @Param
        public Impl impl;

        TickHistory history;

        @Setup(Level.Trial)
        public void create() {
            history = impl.create();
            // Start full, as a running feed's history is: evictions and overwrites from the start.
            for (int i = 0; i < CAPACITY; i++) {
                history.append(new Tick(100.0, 1, i));
            }
        }
    }

    @State(Scope.Group)
    public static class GroupShared extends Shared {
    }

    /** A producer's sequence; also the tick's timestamp and size. */
    @State(Scope.Thread)
    public static class Producer {
        long sequence;
    }

    /**
     * Appends per producer thread: stored, and failed (the element was not kept); and the
     * producer thread's own CPU time, read every {@value #CPU_READING_INTERVAL} appends, with
     * the appends made up to that reading ({@code cpuTimedAppends}, {@code cpuNanos}). Their
     * ratio is appends per second of the producer's CPU time: on a 2-core machine shared with
     * other jobs the scheduler, not the buffer, decides how much of each wall-clock second a
     * producer runs, and a second thread (the snapshot reader) takes a share of that itself;
     * per CPU second, what is left is what the reader's snapshots cost each append (lines the
     * producer has to fetch back, waits). Reading the CPU time costs about a microsecond,
     * under 1% of {@value #CPU_READING_INTERVAL} appends.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class AppendCounters {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long appended;
        public long appendFailed;
        public long cpuTimedAppends;
        public long cpuNanos;
        private long calls;
        private long cpuAtStart;

        /** Runs in the producer's own thread (a {@code Scope.Thread} state), so the CPU time is its. */
        @Setup(Level.Iteration)
        public void clear() {
            appended = 0;
            appendFailed = 0;
            cpuTimedAppends = 0;
            cpuNanos = 0;
            calls = 0;
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
        }

        boolean count(boolean stored) {
            if (stored) {
                appended++;
            } else {
                appendFailed++;
            }
            if (++calls % CPU_READING_INTERVAL == 0) {
                cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
                cpuTimedAppends = calls;
            }
            return stored;
        }
    }

    /**
     * Snapshots per reader thread: complete ({@code n} elements), and short; and the reader's
     * own array the snapshots are copied into, reused as a real reader would.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class SnapshotCounters {
        public long snapshots;
        public long shortSnapshots;
        final Tick[] dst = new Tick[SNAPSHOT];

        @Setup(Level.Iteration)
        public void clear() {
            snapshots = 0;
            shortSnapshots = 0;
        }

        /** Counts a snapshot of {@code copied} ticks and returns its newest (JMH consumes it). */
        Tick count(int copied) {
            if (copied == SNAPSHOT) {
                snapshots++;
            } else {
                shortSnapshots++;
            }
            return copied == 0 ? null : dst[copied - 1];
        }
    }

    @Benchmark
    @Threads(2)
    public boolean append(Shared shared, Producer producer, AppendCounters counters) {
        return appendNext(shared, producer, counters);
    }

    @Benchmark
    @Group("oneProducer")
    @GroupThreads(1)
    public boolean appendAlone(GroupShared shared, Producer producer, AppendCounters counters) {
        return appendNext(shared, producer, counters);
    }

    @Benchmark
    @Group("oneProducerWithRecent")
    @GroupThreads(1)
    public boolean appendBesideReader(GroupShared shared, Producer producer, AppendCounters counters) {
        return appendNext(shared, producer, counters);
    }

    @Benchmark
    @Group("oneProducerWithRecent")
    @GroupThreads(1)
    public Tick recent(GroupShared shared, SnapshotCounters counters) {
        return counters.count(shared.history.recent(SNAPSHOT, counters.dst));
    }

    /** Appends the producer's next tick (price and size vary with the sequence: no constant folding). */
    private static boolean appendNext(Shared shared, Producer producer, AppendCounters counters) {
        long n = ++producer.sequence;
        return counters.count(shared.history.append(new Tick(100.0 + (n & 0xff), n, n)));
    }

    interface TickHistory {
        /** Stores {@code tick} as the newest element, dropping the oldest if full. */
        boolean append(Tick tick);

        /** Copies the newest {@code n} ticks (at most {@code dst.length}) into {@code dst}, oldest first; returns how many. */
        int recent(int n, Tick[] dst);
    }

    static final class RingHistory implements TickHistory {
        private final RingBuffer<Tick> ring = new RingBuffer<>(CAPACITY, OverflowPolicy.OVERWRITE);

        @Override
        public boolean append(Tick tick) {
            return ring.append(tick);
        }

        @Override
        public int recent(int n, Tick[] dst) {
            return ring.recent(n, dst);
        }
    }

    /** A bounded queue used as a history: evict the head when full, then offer again. */
    static final class QueueHistory implements TickHistory {
        private final Queue<Tick> queue;

        QueueHistory(Queue<Tick> queue) {
            this.queue = queue;
        }

        @Override
        public boolean append(Tick tick) {
            if (queue.offer(tick)) {
                return true;
            }
            queue.poll();
            return queue.offer(tick); // false: other producers refilled the freed slot first
        }

        @Override
        public int recent(int n, Tick[] dst) {
            return lastOf(queue.iterator(), n, dst);
        }
    }

    /**
     * An unbounded queue bounded by a separate size counter (its {@code size()} is O(n)); the
     * counter may briefly disagree with the queue, which only changes when evictions happen.
     */
    static final class BoundedLinkedHistory implements TickHistory {
        private final ConcurrentLinkedQueue<Tick> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        @Override
        public boolean append(Tick tick) {
            queue.offer(tick);
            if (size.incrementAndGet() > CAPACITY && queue.poll() != null) {
                size.decrementAndGet();
            }
            return true;
        }

        @Override
        public int recent(int n, Tick[] dst) {
            return lastOf(queue.iterator(), n, dst);
        }
    }

    static final class SynchronizedDequeHistory implements TickHistory {
        private final ArrayDeque<Tick> deque = new ArrayDeque<>(CAPACITY);

        @Override
        public synchronized boolean append(Tick tick) {
            if (deque.size() == CAPACITY) {
                deque.pollFirst();
            }
            deque.addLast(tick);
            return true;
        }

        @Override
        public synchronized int recent(int n, Tick[] dst) {
            int size = Math.min(Math.min(n, dst.length), deque.size());
            Iterator<Tick> newestFirst = deque.descendingIterator();
            for (int i = size - 1; i >= 0; i--) {
                dst[i] = newestFirst.next();
            }
            return size;
        }
    }

    /**
     * The last {@code n} elements an iterator yields, oldest first, into {@code dst}: kept as
     * a ring in {@code dst} while iterating (queues cannot read from the tail), then rotated
     * into order in place, so the copy allocates nothing beyond the queue's iterator.
     */
    static int lastOf(Iterator<Tick> iterator, int n, Tick[] dst) {
        int limit = Math.min(n, dst.length);
        if (limit == 0) {
            return 0;
        }
        long seen = 0;
        while (iterator.hasNext()) {
            dst[(int) (seen++ % limit)] = iterator.next();
        }
        int size = (int) Math.min(seen, limit);
        int oldest = (int) ((seen - size) % limit);
        // Rotate left by `oldest` by three reversals.
        reverse(dst, 0, oldest);
        reverse(dst, oldest, size);
        reverse(dst, 0, size);
        return size;
    }

    private static void reverse(Tick[] a, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            Tick t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
