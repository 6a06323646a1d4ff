package io.lockopt.locks;

/** What {@link RingBuffer#append} does once the buffer has been filled. */
public enum OverflowPolicy {
    /** Replace the oldest element; {@code append} always succeeds. */
    OVERWRITE,
    /** Keep what is there; {@code append} returns {@code false}. */
    REJECT
}
