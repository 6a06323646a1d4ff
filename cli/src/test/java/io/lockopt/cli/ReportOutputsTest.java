package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's report options go through one {@code OutputTarget}: a directory is a usage
 * error found while the options are read (before a scan, a benchmark or an attach starts), a
 * link is followed to the file it names, and {@code -} is standard output.
 */
class ReportOutputsTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void aDirectoryIsRefusedBeforeAnyWorkByEveryCommand() {
        String directory = dir.toString();
        String[][] commands = {
            {"analyze", "--output", directory, dir.toString()},
            {"analyze", "--write-baseline", directory, dir.toString()},
            // A pid that no process has: had the options passed, the attach would fail differently.
            {"profile", "--pid", "2147483647", "--duration", "1h", "--json", directory},
            {"profile", "--pid", "2147483647", "--html", directory},
            {"bench", "--suite", "counters", "--json", directory},
            {"bench", "--suite", "counters", "--jmh-json", directory},
            {"bench", "--suite", "counters", "--html", directory},
        };
        for (String[] command : commands) {
            cli.clear();
            assertThat(cli.run(command)).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).as(String.join(" ", command)).contains(directory + " is a directory")
                    .doesNotContain("no process").doesNotContain("variant runs");
        }
    }

    /** bench and profile check their --json and --html as merge does, before a benchmark or an attach. */
    @Test
    void reportFilesAtOnePlaceOrOverAnInputAreRefusedBeforeAnyWork() throws IOException {
        String same = dir.resolve("same.out").toString();
        Path recording = Files.writeString(dir.resolve("rec.jfr"), "not really a recording");
        String[][] commands = {
            {"profile", "--pid", "2147483647", "--json", same, "--html", same},
            {"profile", "--jfr-file", recording.toString(), "--json", recording.toString()},
            {"bench", "--suite", "counters", "--json", "-", "--html", "-"},
        };
        for (String[] command : commands) {
            cli.clear();
            assertThat(cli.run(command)).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", command)).singleElement().asString()
                    .containsAnyOf("name the same place", "is a file this command reads");
        }
        assertThat(Files.readString(recording)).isEqualTo("not really a recording");
        assertThat(Path.of(same)).doesNotExist();
    }

    /** The lockopt.yml analyze finds in the first PATH is kept from its outputs as a --config is. */
    @Test
    void theConfigurationFoundInTheFirstPathIsNoOutput() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("Plain.java"), "class Plain {}\n");
        for (String name : new String[] {"lockopt.yml", ".lockopt.yml"}) {
            Path config = Files.writeString(sources.resolve(name), "exclude: []\n");
            Path alias = Files.createSymbolicLink(dir.resolve("alias-" + name), config);
            for (String option : new String[] {"--output", "--write-baseline", "--cache"}) {
                for (Path output : new Path[] {config, alias}) {
                    cli.clear();
                    assertThat(cli.run("analyze", sources.toString(), option, output.toString()))
                            .as(option + " " + output).isEqualTo(ExitCodes.USAGE);
                    assertThat(cli.err().lines()).as(option + " " + output).singleElement().asString().isEqualTo(
                            "lockopt: " + option + " " + output + " is the configuration file this run reads; give another path");
                    assertThat(Files.readString(config)).isEqualTo("exclude: []\n");
                }
            }
            Files.delete(config);
        }
    }

    /**
     * analyze's outputs and the report options of merge and bench are told apart by one check, so a
     * clash reads alike whichever command it is (bench's --jmh-json and --output are in it too).
     */
    @Test
    void clashingOutputsReadAlikeInEveryCommand() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("Plain.java"), "class Plain {}\n");
        String same = dir.resolve("same.json").toString();
        String where = dir.resolve("same.json").toAbsolutePath().normalize().toString();
        String input = Files.writeString(dir.resolve("input.json"), "{}").toString();
        String other = Files.writeString(dir.resolve("other.json"), "{}").toString();
        Object[][] cases = {
            {new String[] {"analyze", sources.toString(), "--output", same, "--write-baseline", same},
                "--output " + same + " and --write-baseline " + same + " name the same place, " + where},
            {new String[] {"profile", "merge", input, other, "--json", same, "--html", same},
                "--json " + same + " and --html " + same + " name the same place, " + where},
            {new String[] {"bench", "--suite", "counters", "--json", same, "--jmh-json", same},
                "--json " + same + " and --jmh-json " + same + " name the same place, " + where},
            {new String[] {"bench", "--calibrate", "--html", same, "--output", same},
                "--html " + same + " and --output " + same + " name the same place, " + where},
            {new String[] {"analyze", sources.toString(), "--output", "-", "--write-baseline", "-"},
                "--output - and --write-baseline - name the same place, standard output"},
            {new String[] {"analyze", sources.toString(), "--write-baseline", "-"},
                "--write-baseline - and the report (no --output) name the same place, standard output"},
            {new String[] {"profile", "merge", input, other, "--json", "-", "--html", "-"},
                "--json - and --html - name the same place, standard output"},
            {new String[] {"analyze", sources.toString(), "--baseline", input, "--output", input},
                "--output " + input + " is the file --baseline reads"},
            {new String[] {"profile", "merge", input, other, "--json", input},
                "--json " + input + " is a file this command reads"},
        };
        for (Object[] clash : cases) {
            String[] command = (String[]) clash[0];
            cli.clear();
            assertThat(cli.run(command)).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", command)).singleElement().asString()
                    .isEqualTo("lockopt: " + clash[1] + (((String) clash[1]).contains("same place")
                            ? "; give each its own" : "; give another path"));
        }
        assertThat(Path.of(same)).doesNotExist();
        assertThat(Files.readString(Path.of(input))).isEqualTo("{}");
    }

    @Test
    void analyzeWritesThroughALinkAndToStandardOutput() throws IOException {
        Path source = Files.writeString(dir.resolve("Plain.java"), "class Plain {}\n");
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("report.json"), real.getFileName());
        assertThat(cli.run("analyze", "--format", "json", "--output", link.toString(), source.toString()))
                .as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("\"findings\"");

        cli.clear();
        assertThat(cli.run("analyze", "--format", "json", "--output", "-", source.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("\"findings\"");
        assertThat(Path.of("-")).doesNotExist();
    }

    /**
     * Two outputs naming one file, or an output naming a source the run reads (through a link too),
     * are refused before any work, and nothing is written; refreshing a baseline in place is allowed.
     */
    @Test
    void outputsThatWouldOverwriteEachOtherOrASourceAreRefused() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path source = Files.writeString(sources.resolve("Plain.java"), "class Plain {}\n");
        Path same = dir.resolve("same.json");
        Path baselineFile = Files.writeString(dir.resolve("old-baseline.json"), "{\"version\": 1, \"findings\": []}");
        Path config = Files.writeString(dir.resolve("lockopt-config.yml"), "exclude: []\n");
        Path library = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(library.resolve("Lib.java"), "class Lib {}\n");
        java.util.Map<Path, String> inputs = java.util.Map.of(baselineFile, Files.readString(baselineFile),
                config, Files.readString(config), library.resolve("Lib.java"), "class Lib {}\n");
        Path alias = Files.createSymbolicLink(dir.resolve("alias.json"), same.getFileName());
        String[][] refused = {
            {"--format", "sarif", "--output", same.toString(), "--write-baseline", same.toString()},
            {"--output", same.toString(), "--cache", alias.toString()},
            {"--output", source.toString()},
            {"--write-baseline", sources.resolve(".").resolve("Plain.java").toString()},
            {"--cache", source.toString()},
            {"--baseline", baselineFile.toString(), "--cache", baselineFile.toString()},
            {"--config", config.toString(), "--output", config.toString()},
            {"--classpath-sources", library.toString(), "--write-baseline", library.resolve("Lib.java").toString()},
        };
        for (String[] options : refused) {
            cli.clear();
            String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("analyze", sources.toString()),
                    java.util.Arrays.stream(options)).toArray(String[]::new);
            assertThat(cli.run(command)).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", command)).singleElement().asString()
                    .containsAnyOf("name the same place", "is a source this run analyzes", "reads; give another path");
            assertThat(Files.readString(source)).isEqualTo("class Plain {}\n");
            for (var input : inputs.entrySet()) {
                assertThat(Files.readString(input.getKey())).isEqualTo(input.getValue());
            }
            assertThat(same).doesNotExist();
        }

        cli.clear();
        Path baseline = dir.resolve("baseline.json");
        assertThat(cli.run("analyze", sources.toString(), "--write-baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("analyze", sources.toString(), "--baseline", baseline.toString(), "--write-baseline",
                baseline.toString())).as(cli.err()).isEqualTo(ExitCodes.OK);
    }
}
