package io.lockopt.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one grammar of every lockopt time option, registered for the whole command tree by
 * {@link #registerOn}: a bare number of seconds ({@code 30}), an amount with a unit ({@code 500ms},
 * {@code 10s}, {@code 2m}, {@code 1h}), or ISO-8601 ({@code PT30S}). Options of type {@link Duration}
 * name no converter of their own, so a new one cannot speak a different grammar.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    /** What {@code --help} says about every DURATION option (the commands' footers). */
    public static final String HELP = "DURATION: 30 (seconds), 500ms, 10s, 2m, 1h or ISO-8601 PT30S.";

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    /** Registers this grammar for every {@link Duration} option of {@code commandLine} and its subcommands. */
    public static CommandLine registerOn(CommandLine commandLine) {
        return commandLine.registerConverter(Duration.class, new DurationConverter());
    }

    /** The longest duration any option takes. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT_AND_UNIT.matcher(text);
        Duration result;
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
            try {
                result = switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } catch (ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
        } else {
            try {
                result = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (examples: 30, 500ms, 10s, 2m, 1h, PT30S)");
            }
        }
        if (result.isNegative() || result.isZero()) {
            throw new TypeConversionException("'" + value + "' must be a positive duration");
        }
        if (result.compareTo(LONGEST) > 0) {
            // Deadlines are System.nanoTime() plus the duration: far beyond this they overflow.
            throw new TypeConversionException("'" + value + "' is too large (at most 100 years)");
        }
        return result;
    }
}
