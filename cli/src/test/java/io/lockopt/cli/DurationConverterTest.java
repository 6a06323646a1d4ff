package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("pt1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesWhatIsNoPositiveDuration() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> converter.convert("0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> converter.convert("PT-3S")).hasMessageContaining("positive");
        assertThatThrownBy(() -> converter.convert("99999999999999999999")).hasMessageContaining("too large");
    }

    /** A duration that parses but whose deadline (nanoTime + duration) would overflow is refused while parsing. */
    @Test
    void refusesDurationsTooLongForANanosecondDeadline() {
        assertThat(converter.convert("876000h")).isEqualTo(Duration.ofDays(36_500));
        for (String value : List.of("876001h", "3000000h", "PT2562048H", "9223372036854775807m")) {
            assertThatThrownBy(() -> converter.convert(value)).as(value)
                    .isInstanceOf(TypeConversionException.class).hasMessageContaining("too large");
        }
    }

    /** Every DURATION option of every command, found by walking the tree, speaks the same grammar. */
    @Test
    void everyDurationOptionOfEveryCommandReadsTheOneGrammar() {
        List<String> checked = new ArrayList<>();
        walk(Main.newCommandLine(), new ArrayList<>(), checked);
        assertThat(checked).contains("demo --duration", "bench --iteration-time", "profile --duration",
                "profile --interval");
    }

    private static void walk(CommandLine command, List<String> path, List<String> checked) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.type() != Duration.class) {
                continue;
            }
            for (String written : List.of("30", "PT30S", "30000ms")) {
                List<String> args = new ArrayList<>(path);
                args.add(option.longestName());
                args.add(written);
                CommandLine fresh = Main.newCommandLine();
                CommandLine.ParseResult parsed = fresh.parseArgs(args.toArray(String[]::new));
                while (parsed.hasSubcommand()) {
                    parsed = parsed.subcommand();
                }
                assertThat((Duration) parsed.matchedOptionValue(option.longestName(), null))
                        .as("%s %s %s", String.join(" ", path), option.longestName(), written)
                        .isEqualTo(Duration.ofSeconds(30));
            }
            checked.add(String.join(" ", path) + " " + option.longestName());
            assertThat(command.getUsageMessage()).as("help of %s", path).contains(DurationConverter.HELP);
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            walk(sub, subPath, checked);
        }
    }
}
