package io.lockopt.analyzer.spi;

/**
 * How sure a rule is that a finding is a defect worth fixing. Only {@link #HIGH} findings are
 * reported by default; {@code --confidence low} adds the {@link #LOW} ones, which are right about
 * the code but often benign or by design on real code bases (a racy read in a status getter, file
 * I/O under a lock that exists to serialize it, a functional parameter called under a lock).
 */
public enum Confidence {
    HIGH,
    LOW;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code high} or {@code low}, in any case and with surrounding blanks; empty for anything else. */
    public static java.util.Optional<Confidence> parse(String text) {
        String level = text.strip().toUpperCase(java.util.Locale.ROOT);
        return level.equals("HIGH") ? java.util.Optional.of(HIGH)
                : level.equals("LOW") ? java.util.Optional.of(LOW) : java.util.Optional.empty();
    }
}
