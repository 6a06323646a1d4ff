package io.lockopt.samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import io.lockopt.locks.KeyedLocks;
import io.lockopt.locks.LockHandle;
import io.lockopt.locks.LockStats;
import io.lockopt.locks.MeteredReadWriteLock;
import io.lockopt.locks.OverflowPolicy;
import io.lockopt.locks.RingBuffer;

/**
 * Realtime market data for one instrument: ticks in, OHLCV bars per timeframe, last price and
 * recent ticks out. The same public API under three {@link LockStrategy lock strategies}, so the
 * effect of the lock choice can be measured ({@code lockopt bench --suite realtime}) and
 * profiled ({@code lockopt profile}).
 *
 * <p>Design notes. Racing parties: one or a few feed threads calling {@link #onTick} against
 * many readers calling {@link #bars}, {@link #lastPrice}, {@link #recentTicks}. Mutable state is
 * the {@link TimeframeSeries} of each timeframe and the last price; the tick history is the
 * lock-free {@link RingBuffer}; counters are {@code LongAdder}s.
 * <ul>
 * <li>{@code EXCLUSIVE}: the {@link #lock} guards everything, readers included (the baseline).
 * <li>{@code READ_WRITE}: {@link #rwLock} — the feed takes the write side, readers share the
 *     read side.
 * <li>{@code OPTIMISTIC}: the same {@link #rwLock}, readers use its optimistic reads (a
 *     version check, no shared write) and retry under the read lock when a write overlapped.
 * <li>{@code FINE_GRAINED}: {@link #barLocks} holds one read/write lock per timeframe. A tick
 *     takes the write locks of all timeframes in the library's canonical order (deadlock-free
 *     with concurrent feeds), so every timeframe sees the same tick order; a reader takes only
 *     its timeframe's read lock. The last price is a volatile written under those write locks,
 *     and recent ticks are read from the ring buffer without any lock.
 * </ul>
 * Validation of price and size happens before any lock is taken; the late-tick check needs the
 * forming bar, so it runs inside the write section and the tick is rejected before anything
 * changes. Listeners run after every lock is released (open calls), so they may call back in.
 */
public final class RealtimeDataManager {
    /** Approximate bytes of one {@link Bar} and its deque slot, for the memory estimate. */
    private static final long BAR_BYTES = 80;
    /** Approximate bytes of one {@link Tick} and its ring slot. */
    private static final long TICK_BYTES = 48;

    private final String name;
    private final LockStrategy strategy;
    private final BadTickPolicy badTickPolicy;
    private final long lateToleranceNanos;
    private final List<Duration> timeframes;
    private final Map<Duration, TimeframeSeries> series;
    /** Smallest timeframe: its forming bar decides whether a tick is too late. */
    private final TimeframeSeries finest;
    private final RingBuffer<Tick> ticks;
    private final List<BarListener> listeners = new CopyOnWriteArrayList<>();

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder barsClosed = new LongAdder();
    private final LongAdder listenerFailures = new LongAdder();

    /** EXCLUSIVE only: guards all state. */
    private final ReentrantLock lock;
    private final ExclusiveLockMeter lockMeter;
    /** READ_WRITE only: guards all state except the ring buffer's internals. */
    private final MeteredReadWriteLock rwLock;
    /** FINE_GRAINED only: one lock per timeframe. */
    private final KeyedLocks<Duration> barLocks;

    /** Written under the strategy's write lock(s); volatile for FINE_GRAINED's lock-free reads. */
    private volatile double lastPrice = Double.NaN;

    private RealtimeDataManager(Builder builder) {
        this.name = builder.name;
        this.strategy = builder.strategy;
        this.badTickPolicy = builder.badTickPolicy;
        this.lateToleranceNanos = builder.lateTolerance.toNanos();
        Duration[] sorted = builder.timeframes.clone();
        Arrays.sort(sorted);
        this.timeframes = List.of(sorted);
        Map<Duration, TimeframeSeries> byTimeframe = new LinkedHashMap<>();
        for (Duration timeframe : sorted) {
            byTimeframe.put(timeframe, new TimeframeSeries(timeframe, builder.historySize));
        }
        this.series = Map.copyOf(byTimeframe);
        this.finest = byTimeframe.get(sorted[0]);
        this.ticks = new RingBuffer<>(builder.tickBufferCapacity, OverflowPolicy.OVERWRITE);
        this.lock = strategy == LockStrategy.EXCLUSIVE ? new ReentrantLock() : null;
        this.lockMeter = strategy == LockStrategy.EXCLUSIVE ? new ExclusiveLockMeter() : null;
        this.rwLock = strategy == LockStrategy.READ_WRITE || strategy == LockStrategy.OPTIMISTIC
                ? MeteredReadWriteLock.create(name) : null;
        this.barLocks = strategy == LockStrategy.FINE_GRAINED ? KeyedLocks.create(name + "-bars") : null;
        if (barLocks != null) {
            // The timeframes are fixed: keep their locks (and statistics) for the manager's life.
            timeframes.forEach(barLocks::retain);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public LockStrategy strategy() {
        return strategy;
    }

    /** The configured timeframes, shortest first. */
    public List<Duration> timeframes() {
        return timeframes;
    }

    public void addListener(BarListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(BarListener listener) {
        listeners.remove(listener);
    }

    /**
     * Ingests one tick.
     *
     * @return {@code true} if accepted; {@code false} if rejected under {@link BadTickPolicy#REJECT}
     * @throws BadTickException if rejected under {@link BadTickPolicy#THROW}
     */
    public boolean onTick(double price, long size, long timestampNanos) {
        if (!Double.isFinite(price) || price <= 0) {
            return reject("price must be finite and positive, was " + price);
        }
        if (size < 0) {
            return reject("size must not be negative, was " + size);
        }
        Tick tick = new Tick(price, size, timestampNanos);
        List<Bar> closedNow;
        switch (strategy) {
            case EXCLUSIVE -> {
                long holdStart = lockExclusive(false);
                try {
                    closedNow = ingest(tick);
                } finally {
                    unlockExclusive(holdStart);
                }
            }
            case READ_WRITE, OPTIMISTIC -> {
                try (LockHandle write = rwLock.write()) {
                    closedNow = ingest(tick);
                }
            }
            case FINE_GRAINED -> {
                try (LockHandle write = barLocks.writeAll(timeframes)) {
                    closedNow = ingest(tick);
                }
            }
            default -> throw new AssertionError(strategy);
        }
        if (closedNow == null) {
            return reject("timestamp " + timestampNanos + " is more than " + lateToleranceNanos
                    + " ns before the open bar's start");
        }
        publish(closedNow);
        return true;
    }

    /**
     * Up to {@code n} bars of {@code timeframe}, oldest first and newest last; with
     * {@code includeForming} the bar still forming is the last element.
     */
    public List<Bar> bars(Duration timeframe, int n, boolean includeForming) {
        TimeframeSeries target = series.get(Objects.requireNonNull(timeframe, "timeframe"));
        if (target == null) {
            throw new IllegalArgumentException("timeframe " + timeframe + " is not configured; configured: "
                    + timeframes);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        switch (strategy) {
            case EXCLUSIVE -> {
                long holdStart = lockExclusive(true);
                try {
                    return target.bars(n, includeForming);
                } finally {
                    unlockExclusive(holdStart);
                }
            }
            case READ_WRITE -> {
                try (LockHandle read = rwLock.read()) {
                    return target.bars(n, includeForming);
                }
            }
            case OPTIMISTIC -> {
                // A copy made while a write overlapped is discarded (and any exception it threw).
                return rwLock.optimisticRead(() -> target.bars(n, includeForming));
            }
            case FINE_GRAINED -> {
                try (LockHandle read = barLocks.read(timeframe)) {
                    return target.bars(n, includeForming);
                }
            }
            default -> throw new AssertionError(strategy);
        }
    }

    /** Closed bars only; see {@link #bars(Duration, int, boolean)}. */
    public List<Bar> bars(Duration timeframe, int n) {
        return bars(timeframe, n, false);
    }

    /** The price of the newest accepted tick, empty before the first. */
    public OptionalDouble lastPrice() {
        double price;
        switch (strategy) {
            case EXCLUSIVE -> {
                long holdStart = lockExclusive(true);
                try {
                    price = lastPrice;
                } finally {
                    unlockExclusive(holdStart);
                }
            }
            case READ_WRITE -> {
                try (LockHandle read = rwLock.read()) {
                    price = lastPrice;
                }
            }
            case OPTIMISTIC -> price = rwLock.optimisticRead(() -> lastPrice);
            case FINE_GRAINED -> price = lastPrice;
            default -> throw new AssertionError(strategy);
        }
        return Double.isNaN(price) ? OptionalDouble.empty() : OptionalDouble.of(price);
    }

    /** The newest {@code n} accepted ticks (fewer if fewer are held), oldest first. */
    public List<Tick> recentTicks(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        switch (strategy) {
            case EXCLUSIVE -> {
                long holdStart = lockExclusive(true);
                try {
                    return ticks.recent(n);
                } finally {
                    unlockExclusive(holdStart);
                }
            }
            case READ_WRITE -> {
                try (LockHandle read = rwLock.read()) {
                    return ticks.recent(n);
                }
            }
            case OPTIMISTIC -> {
                return rwLock.optimisticRead(() -> ticks.recent(n));
            }
            case FINE_GRAINED -> {
                return ticks.recent(n);
            }
            default -> throw new AssertionError(strategy);
        }
    }

    public ManagerStats stats() {
        long barsHeld = 0;
        for (TimeframeSeries s : series.values()) {
            barsHeld += s.closedBarsHeld() + 1;
        }
        long memory = barsHeld * BAR_BYTES + (long) ticks.capacity() * TICK_BYTES;
        return new ManagerStats(accepted.sum(), rejected.sum(), barsClosed.sum(), listenerFailures.sum(), memory);
    }

    /** Contention figures of every lock this manager uses (none of FINE_GRAINED's ring buffer). */
    public List<ManagedLockStats> lockStats() {
        switch (strategy) {
            case EXCLUSIVE -> {
                return List.of(lockMeter.snapshot(name));
            }
            case READ_WRITE, OPTIMISTIC -> {
                return List.of(fromLibrary(rwLock.stats(), "MeteredReadWriteLock"));
            }
            case FINE_GRAINED -> {
                List<ManagedLockStats> result = new ArrayList<>();
                Map<Duration, LockStats> all = barLocks.allStats();
                for (Duration timeframe : timeframes) {
                    LockStats stats = all.get(timeframe);
                    if (stats != null) {
                        result.add(fromLibrary(stats, "KeyedLocks"));
                    }
                }
                return result;
            }
            default -> throw new AssertionError(strategy);
        }
    }

    /** Runs under the strategy's write lock(s). Returns {@code null} for a too-late tick. */
    private List<Bar> ingest(Tick tick) {
        if (finest.hasFormingBar() && tick.timestampNanos() < finest.formingStart() - lateToleranceNanos) {
            return null;
        }
        List<Bar> closedNow = List.of();
        for (Duration timeframe : timeframes) {
            Bar done = series.get(timeframe).apply(tick.price(), tick.size(), tick.timestampNanos());
            if (done != null) {
                if (closedNow.isEmpty()) {
                    closedNow = new ArrayList<>(timeframes.size());
                }
                closedNow.add(done);
            }
        }
        ticks.append(tick);
        lastPrice = tick.price();
        accepted.increment();
        return closedNow;
    }

    private void publish(List<Bar> closedNow) {
        if (closedNow.isEmpty()) {
            return;
        }
        barsClosed.add(closedNow.size());
        for (Bar bar : closedNow) {
            for (BarListener listener : listeners) {
                try {
                    listener.onBarClosed(bar);
                } catch (RuntimeException e) {
                    // A faulty listener must not stop the feed or starve the other listeners.
                    listenerFailures.increment();
                }
            }
        }
    }

    private boolean reject(String reason) {
        rejected.increment();
        if (badTickPolicy == BadTickPolicy.THROW) {
            throw new BadTickException(name + ": tick rejected: " + reason);
        }
        return false;
    }

    /**
     * Takes {@link #lock}, timing the wait only when the fast path fails; returns the hold start.
     * {@code reader} says whether the caller only reads (recorded, not enforced).
     */
    private long lockExclusive(boolean reader) {
        if (!lock.tryLock()) {
            long waitStart = System.nanoTime();
            lock.lock();
            lockMeter.waited(System.nanoTime() - waitStart);
        }
        return lockMeter.acquired(reader);
    }

    private void unlockExclusive(long holdStart) {
        lockMeter.released(holdStart);
        lock.unlock();
    }

    private static ManagedLockStats fromLibrary(LockStats stats, String kind) {
        return new ManagedLockStats(stats.name(), kind, stats.read().acquisitions(), stats.write().acquisitions(),
                stats.read().contendedAcquisitions() + stats.write().contendedAcquisitions(),
                stats.read().totalWaitNanos() + stats.write().totalWaitNanos(),
                Math.max(stats.read().maxWaitNanos(), stats.write().maxWaitNanos()),
                stats.read().totalHoldNanos() + stats.write().totalHoldNanos(),
                Math.max(stats.read().maxHoldNanos(), stats.write().maxHoldNanos()),
                stats.peakReaders());
    }

    /** Configuration of a {@link RealtimeDataManager}; defaults suit the demo. */
    public static final class Builder {
        private final String name;
        private Duration[] timeframes = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(5)};
        private int historySize = 1_000;
        private int tickBufferCapacity = 4_096;
        private Duration lateTolerance = Duration.ofMillis(500);
        private LockStrategy strategy = LockStrategy.READ_WRITE;
        private BadTickPolicy badTickPolicy = BadTickPolicy.REJECT;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        public Builder timeframes(Duration... values) {
            Objects.requireNonNull(values, "timeframes");
            if (values.length == 0) {
                throw new IllegalArgumentException("timeframes must not be empty");
            }
            for (Duration value : values) {
                Objects.requireNonNull(value, "timeframe");
                if (value.isNegative() || value.isZero()) {
                    throw new IllegalArgumentException("timeframe must be positive, was " + value);
                }
            }
            if (Arrays.stream(values).distinct().count() != values.length) {
                throw new IllegalArgumentException("timeframes must be distinct: " + Arrays.toString(values));
            }
            this.timeframes = values.clone();
            return this;
        }

        /** Closed bars kept per timeframe. */
        public Builder historySize(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("historySize must be positive, was " + value);
            }
            this.historySize = value;
            return this;
        }

        /** Recent ticks kept; a power of two. */
        public Builder tickBufferCapacity(int value) {
            this.tickBufferCapacity = value;
            return this;
        }

        /** How far before the open bar's start a tick may be and still count (delivery jitter). */
        public Builder lateTolerance(Duration value) {
            Objects.requireNonNull(value, "lateTolerance");
            if (value.isNegative()) {
                throw new IllegalArgumentException("lateTolerance must not be negative, was " + value);
            }
            this.lateTolerance = value;
            return this;
        }

        public Builder strategy(LockStrategy value) {
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        public Builder badTickPolicy(BadTickPolicy value) {
            this.badTickPolicy = Objects.requireNonNull(value, "badTickPolicy");
            return this;
        }

        public RealtimeDataManager build() {
            return new RealtimeDataManager(this);
        }
    }
}
