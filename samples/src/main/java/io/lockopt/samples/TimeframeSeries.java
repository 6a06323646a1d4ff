package io.lockopt.samples;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The forming bar and the bounded history of closed bars of one timeframe.
 *
 * <p>Not thread-safe: {@link RealtimeDataManager} guards each instance with the lock its strategy
 * assigns (the one exclusive lock, the read/write lock, or the timeframe's keyed lock). Bars are
 * aligned to multiples of the timeframe; intervals without ticks produce no bar.
 */
final class TimeframeSeries {
    private final Duration timeframe;
    private final long timeframeNanos;
    private final int historyLimit;
    private final ArrayDeque<Bar> closed;
    /** Size of {@link #closed}, readable without the lock for the memory estimate. */
    private volatile int held;

    private boolean forming;
    private long start;
    private double open;
    private double high;
    private double low;
    private double close;
    private long volume;
    private long tickCount;

    TimeframeSeries(Duration timeframe, int historyLimit) {
        this.timeframe = timeframe;
        this.timeframeNanos = timeframe.toNanos();
        this.historyLimit = historyLimit;
        this.closed = new ArrayDeque<>(Math.min(historyLimit, 1024));
    }

    Duration timeframe() {
        return timeframe;
    }

    boolean hasFormingBar() {
        return forming;
    }

    long formingStart() {
        return start;
    }

    /**
     * Adds a tick that the caller already validated. A tick in a later interval closes the
     * forming bar; a late tick (earlier interval, within the manager's tolerance) counts toward
     * the forming bar, since its own bar is already published.
     *
     * @return the bar this tick closed, or {@code null}
     */
    Bar apply(double price, long size, long timestampNanos) {
        long bucket = Math.floorDiv(timestampNanos, timeframeNanos) * timeframeNanos;
        if (!forming) {
            begin(bucket, price, size);
            return null;
        }
        if (bucket > start) {
            Bar done = formingBar();
            if (closed.size() == historyLimit) {
                closed.removeFirst();
            }
            closed.addLast(done);
            held = closed.size();
            begin(bucket, price, size);
            return done;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += size;
        tickCount++;
        return null;
    }

    /** Up to {@code n} bars, newest last; the forming bar is the newest when requested. */
    List<Bar> bars(int n, boolean includeForming) {
        int fromForming = includeForming && forming ? 1 : 0;
        int fromHistory = Math.min(closed.size(), Math.max(0, n - fromForming));
        List<Bar> result = new ArrayList<>(fromHistory + fromForming);
        Iterator<Bar> newestFirst = closed.descendingIterator();
        for (int i = 0; i < fromHistory; i++) {
            result.add(newestFirst.next());
        }
        Collections.reverse(result);
        if (fromForming == 1 && n > 0) {
            result.add(formingBar());
        }
        return result;
    }

    /** Closed bars in the history; may be read without the guarding lock (an estimate then). */
    int closedBarsHeld() {
        return held;
    }

    private void begin(long bucket, double price, long size) {
        forming = true;
        start = bucket;
        open = price;
        high = price;
        low = price;
        close = price;
        volume = size;
        tickCount = 1;
    }

    private Bar formingBar() {
        return new Bar(timeframe, start, open, high, low, close, volume, tickCount);
    }
}
