package io.lockopt.locks;

import java.time.Duration;
import java.util.Locale;

/** A timed acquisition gave up: the lock was not available within the timeout. */
public final class LockTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String lockName;
    private final LockMode mode;
    private final Duration timeout;
    private final Duration waited;

    public LockTimeoutException(String lockName, LockMode mode, Duration timeout, Duration waited) {
        super(String.format(Locale.ROOT, "timed out acquiring %s lock '%s': waited %s (timeout %s)",
                mode, lockName, format(waited), format(timeout)));
        this.lockName = lockName;
        this.mode = mode;
        this.timeout = timeout;
        this.waited = waited;
    }

    /** The name of the lock that could not be acquired. */
    public String lockName() {
        return lockName;
    }

    /** The mode that was requested. */
    public LockMode mode() {
        return mode;
    }

    /** The timeout the caller asked for. */
    public Duration timeout() {
        return timeout;
    }

    /** How long the caller actually waited before giving up. */
    public Duration waited() {
        return waited;
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
