package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lockopt.agent.client.JavaProcess;
import io.lockopt.agent.wire.LockKind;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;
import io.lockopt.cli.CliRun;
import io.lockopt.cli.ExitCodes;
import io.lockopt.profile.ProfileReport;
import io.lockopt.profile.ProfileReportBuilder;
import io.lockopt.profile.ReportFiles;
import io.lockopt.profile.ProfileReportBuilderTest;

/** {@code lockopt profile merge}: reports of several JVMs added up by lock label. */
class ProfileMergeTest {
    private static final String CACHE = "com.acme.Cache.lock";
    private static final String CLOCK = "com.acme.Clock.lock";

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** A spread of values, so that percentiles of the sum differ from any average of percentiles. */
    private static Histogram spread(long from, long step, int values) {
        Histogram histogram = new Histogram(2);
        for (int i = 0; i < values; i++) {
            histogram.recordValueWithCount(from + i * step, 1 + i % 3);
        }
        return histogram;
    }

    private static Snapshot.LockStats lock(int id, String label, int identity, long acquisitions, long contended,
            Histogram holds, Histogram waits) {
        return new Snapshot.LockStats(id, -1, LockKind.REENTRANT_LOCK, LockMode.EXCLUSIVE, "java.util.concurrent.locks.ReentrantLock",
                identity, label, "field", acquisitions, contended, 0, 0, 0, 0, 7 * acquisitions, 11 * contended,
                holds, waits, List.of(), List.of(), List.of(new Snapshot.SiteHold(0, new Snapshot.Tally(acquisitions,
                        7 * acquisitions, 900))));
    }

    private Path write(String name, ProfileReport report) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, ReportFiles.JSON.writeValueAsString(report));
        return file;
    }

    /** Two JVMs: one Cache lock and a Clock lock in the first, two Cache instances in the second. */
    private Path[] twoReports() throws Exception {
        List<Snapshot.SiteStats> sites = List.of(ProfileReportBuilderTest.site(0, "get", CACHE, false));
        ProfileReport a = ProfileReportBuilder.build(new JavaProcess(101, "com.acme.Main", "17.0.15", 17),
                ProfileReportBuilderTest.snapshot(sites, List.of(
                        lock(0, CACHE, 0xa1, 1000, 100, spread(100, 10, 300), spread(10_000, 1_000, 100)),
                        lock(1, CLOCK, 0xa2, 10, 0, spread(50, 1, 10), null)),
                        List.of(new Snapshot.EdgeStats(0, 1, 3, 0, "feed"))));
        ProfileReport b = ProfileReportBuilder.build(new JavaProcess(202, "com.acme.Main", "25", 25),
                ProfileReportBuilderTest.snapshot(sites, List.of(
                        lock(0, CACHE, 0xb1, 5000, 40, spread(200, 30, 500), spread(500_000, 7_000, 40)),
                        lock(1, CACHE, 0xb2, 700, 7, spread(120, 5, 70), spread(3_000, 100, 7)),
                        lock(2, CLOCK, 0xb3, 20, 0, spread(40, 2, 20), null)),
                        List.of(new Snapshot.EdgeStats(2, 0, 2, 0, "ticker"))));
        return new Path[] {write("a.json", a), write("b.json", b)};
    }

    private static Histogram histogramOf(JsonNode distribution) throws Exception {
        return new ProfileReport.Distribution(0, 0, 0, 0, 0, 0, distribution.path("histogram").asText())
                .decodeHistogram().orElseThrow();
    }

    @Test
    void countsAndHistogramsAreTheSumsAndEachInstanceIsKept() throws Exception {
        Path[] reports = twoReports();
        Path all = dir.resolve("all.json");
        Path page = dir.resolve("all.html");
        assertThat(cli.run("profile", "merge", reports[0].toString(), reports[1].toString(), "--json", all.toString(),
                "--html", page.toString())).as(cli.err()).isEqualTo(ExitCodes.OK);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> inputs = List.of(json.readTree(reports[0].toFile()), json.readTree(reports[1].toFile()));
        JsonNode merged = json.readTree(all.toFile());
        JsonNode cache = lockNamed(merged, CACHE);
        long acquisitions = 0;
        long contended = 0;
        long waitCount = 0;
        long holdCount = 0;
        long waitTotal = 0;
        Histogram waits = new Histogram(2);
        for (JsonNode input : inputs) {
            for (JsonNode lock : input.path("locks")) {
                if (ProfileReportBuilder.baseLabel(lock.path("label").asText()).equals(CACHE)) {
                    acquisitions += lock.path("acquisitions").asLong();
                    contended += lock.path("contended").asLong();
                    waitCount += lock.path("waitTime").path("count").asLong();
                    holdCount += lock.path("holdTime").path("count").asLong();
                    waitTotal += lock.path("waitTime").path("totalNanos").asLong();
                    waits.add(histogramOf(lock.path("waitTime")));
                }
            }
        }
        assertThat(acquisitions).isEqualTo(1000 + 5000 + 700);
        assertThat(cache.path("acquisitions").asLong()).isEqualTo(acquisitions);
        assertThat(cache.path("contended").asLong()).isEqualTo(contended);
        assertThat(cache.path("waitTime").path("count").asLong()).isEqualTo(waitCount);
        assertThat(cache.path("holdTime").path("count").asLong()).isEqualTo(holdCount);
        assertThat(cache.path("waitTime").path("totalNanos").asLong()).isEqualTo(waitTotal);
        // Percentiles of all the waits together, not averages of the inputs' percentiles.
        assertThat(cache.path("waitTime").path("p99Nanos").asLong()).isEqualTo(waits.getValueAtPercentile(99));
        assertThat(cache.path("waitTime").path("p50Nanos").asLong()).isEqualTo(waits.getValueAtPercentile(50));
        assertThat(histogramOf(cache.path("waitTime")).getTotalCount()).isEqualTo(waitCount);
        assertThat(cache.path("contendedPercent").asDouble()).isEqualTo(100.0 * contended / acquisitions);

        assertThat(cache.path("instances")).hasSize(3);
        assertThat(cache.path("instances").findValuesAsText("source"))
                .containsExactly(reports[0].toString(), reports[1].toString(), reports[1].toString());
        assertThat(cache.path("instances").findValuesAsText("pid")).containsExactly("101", "202", "202");
        assertThat(cache.path("instances").get(2).path("acquisitions").asLong()).isEqualTo(700);
        // b.json numbered its two instances of the label; the merge matches them by the label itself.
        assertThat(inputs.get(1).path("locks").findValuesAsText("label")).contains(CACHE + "#1", CACHE + "#2");
        assertThat(cache.path("instances").findValuesAsText("instance")).containsExactly("ReentrantLock@a1",
                "ReentrantLock@b1 (#1)", "ReentrantLock@b2 (#2)");
        assertThat(cache.path("instance").asText()).isEqualTo("3 instances in 2 profiles");
        assertThat(cache.path("sites").get(0).path("holds").asLong()).isEqualTo(acquisitions);
        assertThat(merged.path("sources").findValuesAsText("pid")).containsExactly("101", "202");
        assertThat(merged.path("session").path("durationNanos").asLong()).isEqualTo(2 * 10_000_000_000L);
        // Cache -> Clock in one JVM, Clock -> Cache in the other: a cycle only the fleet shows.
        assertThat(merged.path("lockOrder").path("cycles")).hasSize(1);
        assertThat(merged.path("recommendations").findValuesAsText("kind")).contains("lock-order-cycle");

        assertThat(cli.out()).contains("lockopt profile merge: 2 profiles, 20.0 s profiled in all")
                .contains(" 1. " + CACHE + "  [ReentrantLock, 3 instances in 2 profiles]")
                .contains("    in " + reports[1] + " (pid 202) ReentrantLock@b1 (#1): acquisitions 5000, contended 40");
        assertThat(Files.readString(page)).contains("lockopt profile merge").contains("Lock instances per profile")
                .contains("ReentrantLock@b2");

        // A merged report merges again: its sources and instances are carried over.
        cli.clear();
        Path again = dir.resolve("again.json");
        Path third = write("c.json", ProfileReportBuilder.build(new JavaProcess(303, "com.acme.Main", "21", 21),
                ProfileReportBuilderTest.snapshot(List.of(), List.of(
                        lock(0, CACHE, 0xc1, 1000, 100, spread(100, 10, 300), spread(10_000, 1_000, 100))), List.of())));
        assertThat(cli.run("profile", "merge", all.toString(), third.toString(), "--json", again.toString()))
                .as(cli.err()).isEqualTo(ExitCodes.OK);
        JsonNode twice = json.readTree(again.toFile());
        assertThat(lockNamed(twice, CACHE).path("acquisitions").asLong()).isEqualTo(acquisitions + 1000);
        assertThat(lockNamed(twice, CACHE).path("instances")).hasSize(4);
        assertThat(twice.path("sources")).hasSize(3);

        // One JVM's profile twice, inside a merged report and as itself, or as a copy: refused, nothing written.
        Path copy = Files.copy(reports[0], dir.resolve("copy.json"));
        String[][] overlaps = {{all.toString(), reports[0].toString()}, {reports[0].toString(), copy.toString()}};
        for (String[] overlap : overlaps) {
            cli.clear();
            Path out = dir.resolve("overlap.json");
            assertThat(cli.run("profile", "merge", overlap[0], overlap[1], "--json", out.toString()))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).singleElement().asString().startsWith("lockopt: " + overlap[0] + " and "
                    + overlap[1] + " both hold the profile of pid 101 started at ")
                    .endsWith(", which would count twice; give it once");
            assertThat(out).doesNotExist();
        }
    }

    /** {@code --json -}: standard output is the JSON report alone; the text report goes to stderr. */
    @Test
    void aJsonReportOnStandardOutputIsAllThatStandardOutputHolds() throws Exception {
        Path[] reports = twoReports();
        assertThat(cli.run("profile", "merge", reports[0].toString(), reports[1].toString(), "--json", "-"))
                .as(cli.err()).isEqualTo(ExitCodes.OK);
        JsonNode merged = new ObjectMapper().readTree(cli.out());
        assertThat(merged.path("schema").asText()).isEqualTo(ProfileReport.SCHEMA);
        assertThat(cli.err()).contains("Locks by total wait time").doesNotContain("wrote -");
        cli.clear();
        assertThat(cli.run("profile", "merge", reports[0].toString(), reports[1].toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).as("without a report on stdout the text goes there").contains("Locks by total wait time");
    }

    @Test
    void aReportWithoutHistogramsOrNotAReportIsAUsageError() throws Exception {
        Path[] reports = twoReports();
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(reports[0].toFile());
        for (JsonNode lock : old.path("locks")) {
            ((ObjectNode) lock.path("waitTime")).remove("histogram");
        }
        Path before = Files.writeString(dir.resolve("old.json"), old.toString());
        assertThat(cli.run("profile", "merge", before.toString(), reports[1].toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains(before + ": " + CACHE + " has wait times but no wait-time histogram");

        cli.clear();
        Path bench = Files.writeString(dir.resolve("bench.json"), "{\"schema\": \"lockopt-bench/1\"}");
        assertThat(cli.run("profile", "merge", bench.toString(), reports[1].toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains(bench + " is not a lockopt profile report");

        cli.clear();
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"schema\": \"lockopt-profile/1\",\n  oops\n}");
        assertThat(cli.run("profile", "merge", broken.toString(), reports[1].toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains(broken + ":3:").contains("not a lockopt profile report");

        cli.clear();
        assertThat(cli.run("profile", "merge", reports[0].toString())).isEqualTo(ExitCodes.USAGE);

        // Outputs over an input, or over each other: refused before anything is read or written.
        String first = Files.readString(reports[0]);
        String[][] clashes = {
            {"--json", reports[0].toString()},
            {"--html", reports[1].toString()},
            {"--json", "-", "--html", "-"},
            {"--json", dir.resolve("same.out").toString(), "--html", dir.resolve("same.out").toString()},
        };
        for (String[] clash : clashes) {
            cli.clear();
            String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("profile", "merge",
                    reports[0].toString(), reports[1].toString()), java.util.Arrays.stream(clash)).toArray(String[]::new);
            assertThat(cli.run(command)).as(String.join(" ", clash)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", clash)).singleElement().asString()
                    .containsAnyOf("is a file this command reads", "name the same place");
            assertThat(Files.readString(reports[0])).isEqualTo(first);
            assertThat(dir.resolve("same.out")).doesNotExist();
        }

        // Parts every report lockopt writes has, taken out by hand: one line, exit 2, never an internal error.
        Map<String, java.util.function.Consumer<ObjectNode>> damages = Map.of(
                "it has no session", report -> report.putNull("session"),
                "a lock has no label", report -> ((ObjectNode) report.path("locks").get(0)).remove("label"),
                CACHE + " has no waitTime", report -> ((ObjectNode) report.path("locks").get(0)).putNull("waitTime"),
                "'locks' is missing or null", report -> report.putNull("locks"),
                "'locks[0].acquisitions' must be a whole number, found \"many\"",
                report -> ((ObjectNode) report.path("locks").get(0)).put("acquisitions", "many"),
                "'session' must be an object, found a list", report -> report.putArray("session"));
        for (var damage : damages.entrySet()) {
            ObjectNode report = (ObjectNode) new ObjectMapper().readTree(reports[0].toFile());
            damage.getValue().accept(report);
            Path damaged = Files.writeString(dir.resolve("damaged.json"), report.toString());
            cli.clear();
            assertThat(cli.run("profile", "merge", damaged.toString(), reports[1].toString())).as(damage.getKey())
                    .isEqualTo(ExitCodes.USAGE);
            // Where Jackson knows the place of a part of the wrong shape, the line says it, as compilers do.
            assertThat(cli.err().lines()).as(damage.getKey()).singleElement().asString()
                    .matches(java.util.regex.Pattern.quote("lockopt: " + damaged) + "(:\\d+:\\d+: not a| is not a)"
                            + " lockopt profile report: " + java.util.regex.Pattern.quote(damage.getKey()))
                    .doesNotContain("ProfileReport", "Cannot", "`");
        }
    }

    /** A missing report, or a directory, is named in the words analyze --profile uses for it: one line, exit 2. */
    @Test
    void aMissingReportOrADirectoryIsOneLine() throws Exception {
        Path[] reports = twoReports();
        Path missing = dir.resolve("missing.json");
        assertThat(cli.run("profile", "merge", missing.toString(), reports[1].toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: no such profile report file: " + missing);

        cli.clear();
        assertThat(cli.run("profile", "merge", dir.toString(), reports[1].toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: profile report " + dir + " is a directory");
    }

    /** A report with text after its JSON (two reports pasted into one file) is refused, not half read. */
    @Test
    void aReportWithTextAfterItIsOneLine() throws Exception {
        Path[] reports = twoReports();
        Path pasted = Files.writeString(dir.resolve("pasted.json"), Files.readString(reports[0]) + Files.readString(reports[1]));
        assertThat(cli.run("profile", "merge", pasted.toString(), reports[1].toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines()).singleElement().asString().startsWith("lockopt: " + pasted + ":")
                .endsWith(": not a lockopt profile report: text follows the JSON value it holds (a second document,"
                        + " or text added after it)");
    }

    /** One report given twice, as written or by another path, would count its JVM twice: refused, nothing written. */
    @Test
    void theSameReportTwiceIsRefused() throws Exception {
        Path[] reports = twoReports();
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), reports[0]);
        Path all = dir.resolve("all.json");
        String[][] twice = {
            {reports[0].toString(), reports[0].toString()},
            {reports[0].toString(), reports[1].toString(), dir.resolve(".").resolve("a.json").toString()},
            {link.toString(), reports[0].toString()},
        };
        for (String[] inputs : twice) {
            cli.clear();
            String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of("profile", "merge"),
                    java.util.stream.Stream.concat(java.util.Arrays.stream(inputs), java.util.stream.Stream.of("--json",
                            all.toString()))).toArray(String[]::new);
            assertThat(cli.run(command)).as(String.join(" ", inputs)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", inputs)).singleElement().asString()
                    .isEqualTo("lockopt: " + inputs[0] + " and " + inputs[inputs.length - 1]
                            + " are the same file, which would count twice; give it once");
            assertThat(cli.out()).isEmpty();
            assertThat(all).doesNotExist();
        }
    }

    /**
     * A merge whose stdout is lost (a full disk) says so in one line, exit 2, and writes no file: no
     * "wrote all.json" before the failure, whether stdout held the text report or the JSON.
     */
    @Test
    void aFullStandardOutputIsOneLineAndNoFileWritten() throws Exception {
        java.io.File full = new java.io.File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "needs /dev/full (Linux)");
        Path[] reports = twoReports();
        Path all = dir.resolve("all.json");
        Path page = dir.resolve("all.html");
        Path err = dir.resolve("err");
        String[][] outputs = {
            {"--json", all.toString()},
            {"--json", "-", "--html", page.toString()},
            {"--json", all.toString(), "--html", "-"},
        };
        for (String[] output : outputs) {
            List<String> command = new java.util.ArrayList<>(List.of("profile", "merge", reports[0].toString(),
                    reports[1].toString()));
            command.addAll(List.of(output));
            // With the JSON on stdout the text report goes to stderr, before the line.
            CliRun.withStandardOutputTo(full, err, 60, List.of(), command.toArray(String[]::new))
                    .saidStandardOutputLost(String.join(" ", output));
            assertThat(all).doesNotExist();
            assertThat(page).doesNotExist();
        }
    }

    /**
     * {@code --json} naming the file stdout goes to ({@code > out.txt}, or {@code /dev/stdout}) is
     * standard output, as {@code -} is: the JSON alone there, the text report on stderr. Renamed into
     * place, the JSON replaced the file and took the text report with it, and "wrote /dev/stdout" said
     * nothing was wrong.
     */
    @Test
    void theFileStandardOutputGoesToIsStandardOutput() throws Exception {
        Path[] reports = twoReports();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err");
        for (String json : new String[] {out.toString(), "/dev/stdout"}) {
            Process process = CliRun.inItsOwnJvm(List.of(), "profile", "merge", reports[0].toString(),
                    reports[1].toString(), "--json", json).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String said = Files.readString(err);
            assertThat(process.exitValue()).as(json + "\n" + said).isEqualTo(ExitCodes.OK);
            assertThat(new ObjectMapper().readTree(out.toFile()).path("schema").asText()).as(json)
                    .isEqualTo(ProfileReport.SCHEMA);
            assertThat(said).as(json).contains("Locks by total wait time").doesNotContain("wrote");
        }
    }

    private static JsonNode lockNamed(JsonNode report, String label) {
        for (JsonNode lock : report.path("locks")) {
            if (lock.path("label").asText().equals(label)) {
                return lock;
            }
        }
        throw new AssertionError("no lock " + label + " in " + report);
    }
}
