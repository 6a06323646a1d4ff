package io.lockopt.agent.jfr;

import java.util.Set;

import jdk.jfr.SettingControl;

/**
 * The {@code waitThreshold} setting of {@code io.lockopt.LockContended}: only waits at least this
 * long become events (JFR's own {@code threshold} cannot apply, the event's duration being the
 * release, not the wait). Values as JFR writes durations: {@code 0 ms}, {@code 10 ms}, {@code 1 s};
 * several recordings asking for different values get the smallest. Default {@code 0 ms}: every
 * contended acquisition, so that a report built from the recording has every wait by site.
 *
 * <p>Design notes. JFR calls {@link #setValue} on its own thread when recordings start or stop;
 * application threads read {@link #nanos} in {@link LockContendedEvent#waitThreshold} while they
 * decide whether to commit: a volatile long, so they see a whole value.
 */
public final class WaitThresholdSetting extends SettingControl {
    private static final String DEFAULT = "0 ms";

    private volatile String value = DEFAULT;
    private volatile long nanos;

    @Override
    public String combine(Set<String> values) {
        long smallest = Long.MAX_VALUE;
        String chosen = DEFAULT;
        for (String candidate : values) {
            long parsed = parse(candidate);
            if (parsed >= 0 && parsed < smallest) {
                smallest = parsed;
                chosen = candidate;
            }
        }
        return chosen;
    }

    @Override
    public void setValue(String text) {
        long parsed = parse(text);
        if (parsed >= 0) {
            value = text;
            nanos = parsed;
        }
    }

    @Override
    public String getValue() {
        return value;
    }

    boolean admits(long waitNanos) {
        return waitNanos >= nanos;
    }

    /** {@code 10 ms}, {@code 10ms}, {@code 500 us}, {@code 1 s}, {@code 0}; -1 when not a duration. */
    static long parse(String text) {
        String t = text == null ? "" : text.strip().replace(" ", "");
        try {
            if (t.endsWith("ns")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("us")) {
                return Long.parseLong(t.substring(0, t.length() - 2)) * 1_000L;
            }
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2)) * 1_000_000L;
            }
            if (t.endsWith("s")) {
                return Long.parseLong(t.substring(0, t.length() - 1)) * 1_000_000_000L;
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
