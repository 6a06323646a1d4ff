package io.lockopt.advice;

import java.util.Locale;

/** How advice writes its numbers: shares, durations and ratios, the same way everywhere. */
public final class Figures {
    private Figures() {
    }

    /**
     * "97%"; small shares keep their first significant digits ("0.020%") rather than read "0%",
     * and a share short of all ("99.6%") never reads "100%".
     */
    public static String percent(double share) {
        double value = share * 100;
        if (value > 0 && value < 1) {
            return String.format(Locale.ROOT, "%.2g%%", value);
        }
        if (value < 100 && value >= 99.5) {
            return String.format(Locale.ROOT, "%.1f%%", Math.min(value, 99.9));
        }
        return String.format(Locale.ROOT, "%.0f%%", value);
    }

    /** "190 ns", "1.4 µs", "52.4 ms", "17.8 s". */
    public static String nanos(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** "1.15x". */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }
}
