package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class BenchCommandTest {
    /** One benchmark, two variants, 100 ms iterations: a few seconds per run. */
    private static final String[] TINY = {"bench", "--quick", "--suite", "counters", "--benchmark", "counters\\.increment$",
        "--param", "impl=SYNCHRONIZED,ATOMIC_LONG", "--iteration-time", "100ms"};

    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    /**
     * JMH's machine-wide lock file keeps two real benchmark runs apart; these runs measure
     * nothing and may overlap with another build's tests.
     */
    @BeforeAll
    static void allowConcurrentJmhRuns() {
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static String[] plus(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void listShowsBenchmarksVariantsAndBaseline() {
        assertThat(cli.run("bench", "--list", "--suite", "rwlock")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("rwlock.read  (1 thread)", "rwlock.writerReaders  (4 threads: reader, writer)")
                .contains("impl: SYNCHRONIZED, REENTRANT_LOCK, REENTRANT_READ_WRITE_LOCK")
                .contains("(baseline SYNCHRONIZED)")
                .doesNotContain("counters.");
    }

    /** --list runs nothing: a report file or --compare beside it (even a missing one) is refused, not ignored with exit 0. */
    @Test
    void listRefusesWhatOnlyARunUses() {
        String[][] withList = {
            {"--json", dir.resolve("r.json").toString()},
            {"--html", "-"},
            {"--jmh-json", dir.resolve("j.json").toString()},
            {"--compare", dir.resolve("missing.json").toString()},
        };
        for (String[] option : withList) {
            cli.clear();
            assertThat(cli.run(plus(new String[] {"bench", "--list", "--suite", "counters"}, option)))
                    .as(option[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(option[0]).containsExactly("lockopt: --list runs nothing, so it writes and"
                    + " compares nothing: leave out --json, --html, --jmh-json and --compare");
            assertThat(cli.out()).isEmpty();
        }
        assertThat(dir.resolve("r.json")).doesNotExist();
    }

    @Test
    void runsPrintsTableWritesFilesAndCompares() throws Exception {
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("out/r.html");
        Path jmh = dir.resolve("jmh.json");

        assertThat(cli.run(plus(TINY, "--json", json.toString(), "--html", html.toString(), "--jmh-json", jmh.toString())))
                .isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).containsPattern("counters\\.increment\\s+SYNCHRONIZED\\s+2\\*?\\s+\\S+ ± \\S+\\s+ops/us\\s+1\\.00x");
        assertThat(cli.out()).containsPattern("counters\\.increment\\s+ATOMIC_LONG\\s+2\\*?\\s+");
        assertThat(cli.err()).contains("[1/2] counters.increment impl=SYNCHRONIZED threads=2", "[2/2]", "left)");
        assertThat(Files.readString(json)).contains("\"complete\" : true", "\"loadAverage\"", "\"cpus\"", "ATOMIC_LONG");
        assertThat(Files.readString(jmh)).startsWith("[").contains("\"primaryMetric\"");
        assertThat(Files.readString(html)).contains("<svg class=\"suite-chart\" data-suite=\"counters\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.json", "jmh.json", "out");
        }

        cli.clear();
        assertThat(cli.run(plus(TINY, "--compare", json.toString()))).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Compared with " + json, "new/old", "verdict");
        assertThat(cli.out()).containsPattern("counters\\.increment\\s+ATOMIC_LONG\\s+2\\s+.*(faster|slower|no significant difference)");
    }

    @Test
    void helpDescribesTheOptions() {
        assertThat(cli.run("bench", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Usage: lockopt bench", "--suite", "--quick", "--threads", "--compare",
                "--jmh-json", "--html", "--benchmark", "130/143 interrupted");
    }

    @Test
    void unknownSuiteIsAUsageError() {
        assertThat(cli.run("bench", "--suite", "locks")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("unknown --suite 'locks'");
    }

    @Test
    void unknownVariantIsAUsageError() {
        assertThat(cli.run("bench", "--list", "--suite", "counters", "--param", "impl=SPINLOCK")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--param impl=SPINLOCK does not fit counters.increment",
                "SYNCHRONIZED, REENTRANT_LOCK, ATOMIC_LONG, LONG_ADDER");
    }

    /** One --param name twice is refused: the second used to replace the first without a word. */
    @Test
    void oneParameterGivenTwiceIsAUsageError() {
        assertThat(cli.run("bench", "--list", "--suite", "counters", "--param", "impl=SYNCHRONIZED", "--param",
                "impl=ATOMIC_LONG")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines()).containsExactly("lockopt: --param impl is given twice (impl=SYNCHRONIZED and"
                + " impl=ATOMIC_LONG); give its values once: --param impl=SYNCHRONIZED,ATOMIC_LONG");
        assertThat(cli.out()).isEmpty();
        cli.clear();
        assertThat(cli.run("bench", "--list", "--suite", "counters", "--param", "impl")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--param needs NAME=VALUE[,VALUE...], got 'impl='");
    }

    @Test
    void filterMatchingNothingIsAUsageError() {
        assertThat(cli.run("bench", "--suite", "keyed", "--benchmark", "nothing-like-this")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("no benchmark matches --benchmark 'nothing-like-this'");
        cli.clear();
        // A listing that lists nothing says why instead of printing an empty list with exit 0.
        assertThat(cli.run("bench", "--list", "--benchmark", "nothing-like-this")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines()).containsExactly("lockopt: no benchmark matches --benchmark 'nothing-like-this'"
                + " in the selected suites (see lockopt bench --list)");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void calibrateNeedsAnOutputAndRunsItsOwnSweep() {
        assertThat(cli.run("bench", "--calibrate", "--quick")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--calibrate needs --output FILE");
        assertThat(cli.run("bench", "--calibrate", "--quick", "--suite", "counters", "--output",
                dir.resolve("c.json").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--calibrate runs its own sweep");
        assertThat(cli.run("bench", "--suite", "counters", "--output", dir.resolve("c.json").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--output is the calibration file of --calibrate");
    }

    @Test
    void badCompareFileIsAUsageError() throws Exception {
        Path notAReport = Files.writeString(dir.resolve("x.json"), "{\"findings\": []}");
        assertThat(cli.run(plus(TINY, "--compare", notAReport.toString()))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("is not a lockopt bench report or JMH result JSON");
        Path wrongShape = Files.writeString(dir.resolve("w.json"), "{\"format\": 1, \"results\": {\"a\": 1}}");
        cli.clear();
        assertThat(cli.run(plus(TINY, "--compare", wrongShape.toString()))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().lines()).containsExactly("lockopt: --compare: " + wrongShape
                + ":1:26: not a lockopt bench report or JMH result JSON: 'results' must be a list, found an object");
        assertThat(cli.run(plus(TINY, "--compare", dir.resolve("missing.json").toString()))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--compare: no such file");
        Path binary = Files.write(dir.resolve("r.json"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 1});
        cli.clear();
        assertThat(cli.run(plus(TINY, "--compare", binary.toString()))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: --compare: " + binary + " is not a lockopt bench report or JMH"
                + " result JSON: it is not UTF-8 text (a binary file?)");
    }

    /** A --compare file that is empty, or JSON of another kind, is one line that says what it holds instead. */
    @Test
    void aCompareFileOfNoKindSaysWhatItHolds() throws Exception {
        Map<String, String> said = Map.of("", "it is empty", "  \n", "it is empty", "42",
                "a single value, neither an object nor a list", "{\"findings\": []}",
                "an object without 'format' and 'results'");
        for (var file : said.entrySet()) {
            Path old = Files.writeString(dir.resolve("old.json"), file.getKey());
            cli.clear();
            assertThat(cli.run(plus(TINY, "--compare", old.toString()))).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(file.getKey()).containsExactly("lockopt: --compare: " + old
                    + " is not a lockopt bench report or JMH result JSON: " + file.getValue());
        }
    }

    /**
     * A run whose stdout is lost (a full disk) says so in one line, exit 2, and writes no file: no
     * "wrote report" before the failure, whether stdout held the table or the JMH JSON.
     */
    @Test
    void aFullStandardOutputIsOneLineAndNoFileWritten() throws Exception {
        java.io.File full = new java.io.File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "needs /dev/full (Linux)");
        Path json = dir.resolve("r.json");
        Path err = dir.resolve("err");
        String[][] outputs = {{"--json", json.toString()}, {"--jmh-json", "-", "--json", json.toString()}};
        for (String[] output : outputs) {
            String[] command = plus(new String[] {"bench", "--quick", "--suite", "counters", "--benchmark",
                "counters\\.increment$", "--param", "impl=SYNCHRONIZED", "--iteration-time", "100ms"}, output);
            // Progress, and with the JMH JSON on stdout the table, go to stderr before the line.
            CliRun.withStandardOutputTo(full, err, 120, List.of("-Djmh.ignoreLock=true"), command)
                    .saidStandardOutputLost(String.join(" ", output));
            assertThat(json).doesNotExist();
        }
    }

    /**
     * A run stopped by Ctrl-C (SIGINT) still reports and writes what it finished, marked
     * incomplete.
     */
    @Test
    void interruptedRunWritesWhatWasMeasured() throws Exception {
        assumeFalse(CliRun.sigintIgnored(), "SIGINT is ignored in this process (a job a non-interactive shell started"
                + " in the background), so the child JVM inherits that and cannot see Ctrl-C");
        Path json = dir.resolve("partial.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djmh.ignoreLock=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "bench", "--quick", "--suite", "counters", "--benchmark", "counters\\.increment$",
                "--iteration-time", "300ms", "--json", json.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("[3/4]")) {
                    // What Ctrl-C sends; Process.destroy() would also close the output we read.
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("interrupted; reporting the 2 finished variant runs", "INCOMPLETE");
        String report = Files.readString(json);
        assertThat(report).contains("\"complete\" : false", "SYNCHRONIZED", "REENTRANT_LOCK").doesNotContain("LONG_ADDER");
    }

    /**
     * A run stopped by SIGTERM whose report cannot be written (a full device, for the file or for
     * stdout) says why in one line, as a run to its end does: not the stack trace of the thread that
     * writes it on the way out, not nothing. The exit code stays the signal's.
     */
    @Test
    void anInterruptedRunThatCannotWriteItsReportSaysSoInOneLine() throws Exception {
        java.io.File full = new java.io.File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.exists(), "needs /dev/full (Linux)");
        String[] run = {"bench", "--quick", "--suite", "counters", "--benchmark", "counters\\.increment$", "--param",
            "impl=SYNCHRONIZED,ATOMIC_LONG", "--iteration-time", "300ms"};
        ProcessBuilder toFull = CliRun.inItsOwnJvm(List.of("-Djmh.ignoreLock=true"), plus(run, "--json", full.getPath()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        assertThat(terminatedAtTheSecondVariant(toFull).lines().filter(line -> line.startsWith("lockopt: ")
                || line.contains("Exception"))).singleElement().asString()
                .startsWith("lockopt: cannot write /dev/full: No space left on device");
        ProcessBuilder stdoutFull = CliRun.inItsOwnJvm(List.of("-Djmh.ignoreLock=true"), run).redirectOutput(full);
        assertThat(terminatedAtTheSecondVariant(stdoutFull).lines().filter(line -> line.startsWith("lockopt: ")
                || line.contains("Exception"))).singleElement().asString()
                .startsWith("lockopt: cannot write standard output: No space left on device");
    }

    /**
     * Stopped before any variant run finished, bench has nothing to report: one line, and the report
     * an earlier run left at --json and --html stays as it was (not replaced by an empty one).
     */
    @Test
    void anInterruptBeforeAnyResultLeavesTheEarlierReport() throws Exception {
        Path json = Files.writeString(dir.resolve("r.json"), "the earlier report");
        Path html = Files.writeString(dir.resolve("r.html"), "the earlier page");
        Process process = CliRun.inItsOwnJvm(List.of("-Djmh.ignoreLock=true"), plus(TINY,
                "--json", json.toString(), "--html", html.toString())).redirectOutput(dir.resolve("out").toFile()).start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                said.append(line).append('\n');
                if (line.startsWith("[1/2]")) {
                    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(said.toString()).isEqualTo(143);
        assertThat(said.toString().lines().filter(line -> line.startsWith("lockopt: ") || line.startsWith("wrote ")))
                .containsExactly("lockopt: interrupted before a variant run finished: nothing to report, no file written");
        assertThat(Files.readString(json)).isEqualTo("the earlier report");
        assertThat(Files.readString(html)).isEqualTo("the earlier page");
        assertThat(Files.readString(dir.resolve("out"))).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.json", "r.html", "out");
        }
    }

    /** A calibration sweep stopped halfway writes no calibration (half a sweep prices nothing), and says so. */
    @Test
    void anInterruptedCalibrationSaysNoneIsWritten() throws Exception {
        Path calibration = dir.resolve("cal.json");
        String said = terminatedAt("[2/", CliRun.inItsOwnJvm(List.of("-Djmh.ignoreLock=true"), "bench", "--calibrate",
                "--quick", "--output", calibration.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD));
        assertThat(said).contains("interrupted; reporting the 1 finished variant runs; no calibration written to "
                + calibration + ": it needs the whole sweep");
        assertThat(calibration).doesNotExist();
    }

    /** Starts {@code bench}, sends SIGTERM when its second variant starts, and returns what it said on stderr. */
    private static String terminatedAtTheSecondVariant(ProcessBuilder bench) throws Exception {
        return terminatedAt("[2/2]", bench);
    }

    /** Starts {@code bench}, sends SIGTERM when a progress line starts with {@code progress}, and returns its stderr. */
    private static String terminatedAt(String progress, ProcessBuilder bench) throws Exception {
        Process process = bench.start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                said.append(line).append('\n');
                if (line.startsWith(progress)) {
                    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(said.toString()).isEqualTo(143);
        assertThat(said).contains("interrupted; reporting the 1 finished variant runs");
        return said.toString();
    }
}
