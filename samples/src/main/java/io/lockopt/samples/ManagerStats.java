package io.lockopt.samples;

/**
 * Counters of a {@link RealtimeDataManager}, an immutable snapshot.
 *
 * @param memoryHeldBytes estimate of the bytes held by bar history and the tick buffer
 */
public record ManagerStats(long ticksAccepted, long ticksRejected, long barsClosed, long listenerFailures,
        long memoryHeldBytes) {
}
