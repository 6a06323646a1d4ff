package io.lockopt.samples.workload;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Relative weights of the reader operations, written {@code bars=60,last=30,recent=10}.
 */
public record ReadMix(int bars, int last, int recent) {

    public static final ReadMix DEFAULT = new ReadMix(60, 30, 10);

    public ReadMix {
        if (bars < 0 || last < 0 || recent < 0 || bars + last + recent == 0) {
            throw new IllegalArgumentException("weights must be non-negative and not all zero");
        }
    }

    /** The operation a reader runs next. */
    public ReadOperation next(SplittableRandom random) {
        int pick = random.nextInt(bars + last + recent);
        if (pick < bars) {
            return ReadOperation.BARS;
        }
        return pick < bars + last ? ReadOperation.LAST_PRICE : ReadOperation.RECENT_TICKS;
    }

    @Override
    public String toString() {
        return "bars=" + bars + ",last=" + last + ",recent=" + recent;
    }

    public enum ReadOperation { BARS, LAST_PRICE, RECENT_TICKS }

    /**
     * Reads {@code bars=60,last=30,recent=10}; a missing name weighs 0.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static ReadMix parse(String value) {
        int bars = 0;
        int last = 0;
        int recent = 0;
        for (String part : value.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("'" + part + "' is not name=weight (expected e.g. bars=60,last=30,recent=10)");
            }
            int weight;
            try {
                weight = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight '" + kv[1] + "' is not a whole number", e);
            }
            switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                case "bars" -> bars = weight;
                case "last" -> last = weight;
                case "recent" -> recent = weight;
                default -> throw new IllegalArgumentException("unknown read operation '" + kv[0]
                        + "' (known: bars, last, recent)");
            }
        }
        try {
            return new ReadMix(bars, last, recent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(value + ": " + e.getMessage(), e);
        }
    }
}
