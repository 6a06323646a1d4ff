package io.lockopt.benchmark.suites;

/**
 * Longs spaced a cache-line pair apart, so threads updating different slots do not share a
 * line (JMHSample_22_FalseSharing): without it, "updates spread over K resources" would
 * measure cache-line ping-pong between unrelated keys instead of the locks.
 *
 * <p>Design notes: not thread-safe by itself; every slot is written only under the lock that
 * the benchmark variant associates with it.
 */
final class PaddedLongs {
    /** 128 bytes: two 64-byte lines, because adjacent-line prefetch pairs lines on x86. */
    private static final int STRIDE = 16;

    private final long[] values;

    PaddedLongs(int slots) {
        this.values = new long[(slots + 1) * STRIDE];
    }

    long incrementAndGet(int slot) {
        return ++values[(slot + 1) * STRIDE];
    }

    long get(int slot) {
        return values[(slot + 1) * STRIDE];
    }
}
