package io.lockopt.samples;

/** What {@link RealtimeDataManager#onTick} does with a tick it cannot accept. */
public enum BadTickPolicy {
    /** Count it and return {@code false}. */
    REJECT,
    /** Count it and throw {@link BadTickException}. */
    THROW
}
