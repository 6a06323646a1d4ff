package io.lockopt.locks;

/**
 * Immutable snapshot of a {@link RingBuffer}'s counters.
 *
 * @param appended    appends that returned {@code true}
 * @param overwritten appended elements later replaced by newer ones (OVERWRITE only)
 * @param rejected    appends that returned {@code false} because the buffer was full (REJECT only)
 */
public record RingBufferStats(long appended, long overwritten, long rejected) {
}
