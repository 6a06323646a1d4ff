package io.lockopt.samples;

/**
 * One trade of the instrument.
 *
 * @param price          trade price, finite and positive for a valid tick
 * @param size           traded quantity, non-negative for a valid tick
 * @param timestampNanos event time in nanoseconds since an epoch the feed chooses
 */
public record Tick(double price, long size, long timestampNanos) {
}
