package io.lockopt.samples;

import java.time.Duration;

/**
 * An OHLCV bar: the ticks whose timestamps fall in {@code [startNanos, startNanos + timeframe)}.
 * Immutable; readers get bars, never the manager's mutable accumulators.
 */
public record Bar(Duration timeframe, long startNanos, double open, double high, double low, double close,
        long volume, long tickCount) {

    /** End of the bar's interval (exclusive). */
    public long endNanos() {
        return startNanos + timeframe.toNanos();
    }
}
