package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


class AnalyzeCommandTest {
    private static final String RULE = "CliTestSleepInSynchronized";
    private static final String SLEEPY = """
            class Sleepy {
                private final Object lock = new Object();
                void f() throws InterruptedException {
                    synchronized (lock) {
                        Thread.sleep(5);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** analyze with only the cli test rule, so real rules' progress does not change the outcome. */
    private int analyze(String... args) {
        List<String> all = new ArrayList<>(List.of("analyze", "--enable", RULE));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void findingsPrintCompilerStyleAndExitOne() throws IOException {
        Path file = write("src/Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).contains("Sleepy.java:5:13: warning: sleeping while holding the monitor of lock; "
                + "release it first [" + RULE + "]")
                .contains("1 files scanned", "1 finding (" + RULE + " 1), 0 suppressed, 0 baselined, 0 parse errors");
        assertThat(file).exists();
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void failOnDecidesTheExitCode() throws IOException {
        write("Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--fail-on", "never")).isEqualTo(ExitCodes.OK);
        assertThat(analyze(dir.toString(), "--fail-on", "error")).isEqualTo(ExitCodes.OK);
        assertThat(analyze(dir.toString(), "--fail-on", "note")).isEqualTo(ExitCodes.FINDINGS);
        String config = write("lockopt.yml", "rules:\n  " + RULE + ":\n    severity: error\n").toString();
        assertThat(analyze(dir.toString(), "--fail-on", "error", "--config", config)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).contains(": error: sleeping");
    }

    @Test
    void syntaxErrorIsAWarningLineAndDoesNotChangeTheExitCodeUnlessStrict() throws IOException {
        write("Sleepy.java", SLEEPY);
        write("Broken.java", "class Broken { synchronized void f( }");
        assertThat(analyze(dir.toString(), "--fail-on", "never")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Broken.java:1:", ": warning: cannot parse:", "[unparsable]",
                "1 parse error");
        assertThat(analyze(dir.toString(), "--fail-on", "never", "--strict")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--strict");
    }

    @Test
    void sarifGoesToTheOutputFileAndTheSummaryToStderr() throws IOException {
        write("Sleepy.java", SLEEPY);
        Path report = dir.resolve("out/report.sarif");
        assertThat(analyze(dir.toString(), "--format", "sarif", "--output", report.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).isEmpty();
        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertThat(sarif.path("runs").path(0).path("results")).hasSize(1);
        assertThat(sarif.path("runs").path(0).path("tool").path("driver").path("rules").findValuesAsText("id"))
                .contains(RULE);
        assertThat(cli.err()).contains("1 new findings", "report written to");
    }

    @Test
    void suppressedFindingsAreInSarifOnlyWithSarifIncludeSuppressed() throws IOException {
        write("Sleepy.java", SLEEPY);
        write("Quiet.java", SLEEPY.replace("class Sleepy", "class Quiet")
                .replace("Thread.sleep(5);", "Thread.sleep(5); // lockopt:ignore " + RULE + " test"));
        assertThat(analyze(dir.toString(), "--format", "sarif", "--quiet")).isEqualTo(ExitCodes.FINDINGS);
        JsonNode results = new ObjectMapper().readTree(cli.out()).path("runs").path(0).path("results");
        assertThat(results.findValuesAsText("uri")).singleElement().asString().endsWith("/Sleepy.java");

        cli.clear();
        assertThat(analyze(dir.toString(), "--format", "sarif", "--quiet", "--sarif-include-suppressed"))
                .isEqualTo(ExitCodes.FINDINGS);
        results = new ObjectMapper().readTree(cli.out()).path("runs").path(0).path("results");
        assertThat(results).hasSize(2);
        assertThat(results).filteredOn(r -> r.has("suppressions")).singleElement()
                .satisfies(r -> assertThat(r.findValuesAsText("uri")).singleElement().asString().endsWith("/Quiet.java"));
    }

    @Test
    void codeClimateForGitLab() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        Path report = dir.resolve("gl-code-quality-report.json");
        assertThat(analyze(dir.resolve("src").toString(), "--format", "codeclimate", "--output", report.toString()))
                .isEqualTo(ExitCodes.FINDINGS);
        JsonNode issue = new ObjectMapper().readTree(report.toFile()).path(0);
        assertThat(issue.path("check_name").asText()).isEqualTo(RULE);
        assertThat(issue.path("severity").asText()).isEqualTo("major");
        assertThat(issue.path("location").path("path").asText()).endsWith("src/Sleepy.java");
        assertThat(issue.path("location").path("lines").path("begin").asInt()).isEqualTo(5);
        assertThat(issue.path("fingerprint").asText()).hasSize(32);
    }

    @Test
    void jsonToStdout() throws IOException {
        write("Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--format", "json", "--quiet")).isEqualTo(ExitCodes.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.path("findings").path(0).path("rule").asText()).isEqualTo(RULE);
        assertThat(json.path("findings").path(0).path("line").asInt()).isEqualTo(5);
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void writeBaselineThenBaselineMakesTheRunPass() throws IOException {
        Path file = write("Sleepy.java", SLEEPY);
        Path baseline = dir.resolve("baseline.json");
        assertThat(analyze(dir.toString(), "--write-baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.err()).contains("wrote 1 findings to baseline");
        assertThat(analyze(dir.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("1 baselined");
        Files.writeString(file, SLEEPY.replace("class Sleepy {", "class Sleepy {\n    int unrelated;\n"));
        assertThat(analyze(dir.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.OK);
        Files.writeString(file, SLEEPY.replace("Thread.sleep(5);", "Thread.sleep(5);\nThread.sleep(6);"));
        assertThat(analyze(dir.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void directoryWithoutJavaFilesSaysSoAndExitsZero() throws IOException {
        write("notes.txt", "nothing here");
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.err()).contains("no Java files found in " + dir).contains("nothing to analyze");
    }

    /** A directory that cannot be listed is a file problem under its own name, not "no Java files found". */
    @Test
    void anUnreadableDirectoryIsNotSaidToHoldNoJavaFiles() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: permissions are not enforced");
        Path closed = write("closed/Sleepy.java", SLEEPY).getParent();
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try {
            assertThat(analyze(closed.toString())).isEqualTo(ExitCodes.OK);
            assertThat(cli.out()).containsPattern("(^|\\n)\\S*closed:1:1: warning: cannot read: permission denied");
            assertThat(cli.err()).contains("lockopt: no Java files read in " + closed + " (see the file problems); nothing analyzed")
                    .doesNotContain("no Java files found");
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void missingPathExitsTwoWithOneLine() {
        assertThat(analyze(dir.resolve("missing").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).startsWith("lockopt: no such file or directory:").doesNotContain("\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void unknownRuleAndBadConfigExitTwo() throws IOException {
        write("Sleepy.java", SLEEPY);
        assertThat(cli.run("analyze", "--disable", "NoSuchRule", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("unknown rule 'NoSuchRule' in --disable");
        write("lockopt.yml", "rulez: {}\n");
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("lockopt.yml: unknown key 'rulez'");
        assertThat(analyze(dir.toString(), "--encoding", "KLINGON-8")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void excludeLeavesFilesOut() throws IOException {
        write("gen/Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--exclude", "gen/**", "--exclude", "*.txt")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("0 files scanned");
    }

    @Test
    void suppressionsAreCountedNotFailed() throws IOException {
        write("Sleepy.java", SLEEPY.replace("Thread.sleep(5);", "Thread.sleep(5); // lockopt:ignore " + RULE + " test"));
        assertThat(analyze(dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("0 findings, 1 suppressed");
    }

    @Test
    void targetJdkReachesTheRulesFromOptionOrConfig() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        String[] pinning = {"analyze", "--enable", "VirtualThreadPinning", "--fail-on", "note", dir.resolve("src").toString()};
        assertThat(cli.run(pinning)).isEqualTo(ExitCodes.OK);
        String[] on21 = java.util.Arrays.copyOf(pinning, pinning.length + 2);
        on21[pinning.length] = "--target-jdk";
        on21[pinning.length + 1] = "21";
        assertThat(cli.run(on21)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).contains("[VirtualThreadPinning]");
        write("src/lockopt.yml", "targetJdk: 22\n");
        assertThat(cli.run(pinning)).isEqualTo(ExitCodes.FINDINGS);
    }

    /**
     * JSON files of the wrong shape (or broken) are one plain line naming the file, the place and the
     * key: never Jackson's "Cannot deserialize value of type `java.util.ArrayList<...>`".
     */
    @Test
    void inputFilesOfTheWrongShapeAreOnePlainLine() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        String src = dir.resolve("src").toString();
        Path listNotObject = write("b1.json", "{\"version\": 1, \"findings\": {\"rule\": \"X\"}}");
        Path topLevelList = write("b2.json", "[1, 2]");
        Path badEntry = write("b3.json", "{\"version\": 1,\n \"findings\": [{\"rule\": \"X\", \"line\": \"ten\"}]}");
        Path broken = write("b4.json", "{\"version\": 1,\n  oops}");
        Path locksObject = write("p1.json", "{\"schema\": \"lockopt-profile/1\", \"session\": {}, \"locks\": {\"x\": 1}}");
        Path calibration = write("c.json", "{\"format\": 1, \"points\": {\"work\": 0}}");
        Path profile = write("p2.json", "{\"schema\": \"lockopt-profile/1\", \"session\": {}, \"locks\": []}");
        Object[][] cases = {
            {new String[] {"--baseline", listNotObject.toString()},
                listNotObject + ":1:28: not a lockopt baseline: 'findings' must be a list, found an object"},
            {new String[] {"--baseline", topLevelList.toString()},
                topLevelList + ":1:1: not a lockopt baseline: the top level must be an object, found a list"},
            {new String[] {"--baseline", badEntry.toString()},
                badEntry + ":2:37: not a lockopt baseline: 'findings[0].line' must be a whole number, found \"ten\""},
            {new String[] {"--baseline", broken.toString()}, broken + ":2:3: not a lockopt baseline: not valid JSON: "
                + "unexpected character ('o'): was expecting double-quote to start field name"},
            {new String[] {"--profile", locksObject.toString()},
                "--profile: " + locksObject + " is not a lockopt profile report: 'locks' must be a list"},
            {new String[] {"--profile", profile.toString(), "--calibration", calibration.toString()},
                "--calibration: " + calibration + ":1:25: not a lockopt calibration: 'points' must be a list, found an object"},
        };
        for (Object[] bad : cases) {
            String[] options = (String[]) bad[0];
            cli.clear();
            assertThat(analyze(java.util.stream.Stream.concat(java.util.Arrays.stream(options), java.util.stream.Stream.of(src))
                    .toArray(String[]::new))).as(String.join(" ", options)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", options)).containsExactly("lockopt: " + bad[1]);
        }

        // A cache of the wrong shape is a warning (it is rebuilt), in the same words.
        Path cache = write("cache.json", "{\"format\": 1, \"files\": []}");
        cli.clear();
        assertThat(analyze(src, "--cache", cache.toString(), "--quiet")).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.err().lines()).singleElement().asString().matches(java.util.regex.Pattern.quote(
                "lockopt: warning: cache " + cache + " ignored (not a lockopt cache, or damaged at line 1: ")
                + "'files' must be an object \\(keys and values\\), found a list\\); it is rebuilt");
    }

    /**
     * A path that is a symbolic link loop, or leads through one ({@code loop/Inner.java}), wherever it is
     * given, is one line that says so, and exit 2.
     */
    @Test
    void aSymbolicLinkLoopIsNamedAsOne() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        String src = dir.resolve("src").toString();
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        Path a = dir.resolve("a.json");
        Files.createSymbolicLink(a, Files.createSymbolicLink(dir.resolve("b.json"), a));
        Path report = write("p.json", "{\"schema\": \"lockopt-profile/1\", \"session\": {}, \"locks\": []}");
        String[][] commands = {
            {"analyze", loop.toString()},
            {"analyze", src, loop.toString()},
            {"analyze", loop.resolve("Inner.java").toString()},
            {"analyze", src, loop.resolve("sub").toString()},
            {"analyze", "--classpath-sources", loop.toString(), src},
            {"analyze", src, "--baseline", loop.toString()},
            {"analyze", src, "--config", a.toString()},
            {"analyze", src, "--cache", loop.toString()},
            {"analyze", src, "--profile", loop.toString()},
            {"analyze", src, "--profile", report.toString(), "--calibration", a.toString()},
            {"analyze", src, "--output", loop.toString()},
            {"analyze", src, "--write-baseline", a.toString()},
            {"profile", "merge", loop.toString(), report.toString()},
            {"bench", "--suite", "counters", "--compare", a.toString()},
        };
        for (String[] command : commands) {
            cli.clear();
            assertThat(cli.run(command)).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines().findFirst()).as(String.join(" ", command)).hasValueSatisfying(line ->
                    assertThat(line).startsWith("lockopt: ").containsPattern("(loop|a\\.json)(,| is) a symbolic link loop")
                            .doesNotContain("Too many levels").doesNotContain("Exception"));
            // A bad option's line is followed by picocli's usage hint; any other error is the one line.
            assertThat(cli.err().lines().skip(1)).as(String.join(" ", command)).allMatch(line -> line.startsWith("Try "));
        }
    }

    /** Options that contradict themselves or each other are one line and exit 2, before any work. */
    @Test
    void contradictoryOptionsAreOneLineAndExitTwo() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        Path report = write("profile.json", "{}");
        String src = dir.resolve("src").toString();
        String[][] refused = {
            {"--target-jdk", "-5"},
            {"--target-jdk", "0"},
            {"--target-jdk", "7"},
            {"--enable", RULE + ",UnreleasedLock", "--disable", "UnreleasedLock"},
            {"--calibration", report.toString()},
            {"--profile", report.toString(), "--profile", dir.resolve("src/../profile.json").toString()},
        };
        String[] said = {
            "--target-jdk must be a JDK feature release such as 17 or 21 (at least 8), got -5",
            "--target-jdk must be a JDK feature release such as 17 or 21 (at least 8), got 0",
            "--target-jdk must be a JDK feature release such as 17 or 21 (at least 8), got 7",
            "rule 'UnreleasedLock' is in both --enable and --disable; name it in one",
            "--calibration prices what --profile measured; give --profile REPORT.json too, or leave --calibration out",
            "--profile " + report + " and --profile " + dir.resolve("src/../profile.json")
                    + " are the same file, which would count twice; give it once",
        };
        for (int i = 0; i < refused.length; i++) {
            cli.clear();
            assertThat(analyze(java.util.stream.Stream.concat(java.util.Arrays.stream(refused[i]), java.util.stream.Stream.of(src))
                    .toArray(String[]::new))).as(String.join(" ", refused[i])).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err().lines()).as(String.join(" ", refused[i])).containsExactly("lockopt: " + said[i]);
            assertThat(cli.out()).isEmpty();
        }
    }

    /** A JDK newer than lockopt knows is a real target (released after this lockopt): a warning, and it runs. */
    @Test
    void aTargetJdkNewerThanLockoptKnowsIsAWarning() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        assertThat(com.github.javaparser.ParserConfiguration.LanguageLevel.valueOf(
                "JAVA_" + io.lockopt.analyzer.spi.AnalysisSettings.NEWEST_KNOWN_JDK))
                .as("the newest known JDK is the parser's").isEqualTo(io.lockopt.analyzer.engine.Analyzer.LANGUAGE_LEVEL);
        int newer = io.lockopt.analyzer.spi.AnalysisSettings.NEWEST_KNOWN_JDK + 1;
        assertThat(analyze(dir.resolve("src").toString(), "--target-jdk", String.valueOf(newer))).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.err().lines()).containsExactly("lockopt: warning: target JDK " + newer
                + " is newer than any this lockopt knows; its rules take it as " + (newer - 1));
        cli.clear();
        write("src/lockopt.yml", "targetJdk: 7\n");
        assertThat(analyze(dir.resolve("src").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("'targetJdk' must be a Java feature release number");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(cli.run("analyze", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Usage: lockopt analyze", "--format", "--fail-on", "--baseline",
                "--write-baseline", "--target-jdk", "--encoding", "lockopt:ignore");
        cli.clear();
        assertThat(cli.run("rules", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("--explain");
    }

    @Test
    void rulesListsAndExplains() {
        assertThat(cli.run("rules")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).containsPattern(RULE + " +warning +Thread.sleep inside synchronized");
        cli.clear();
        assertThat(cli.run("rules", "--explain", RULE)).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).startsWith("# " + RULE).contains("## Bad");
        assertThat(cli.run("rules", "--explain", "Nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("unknown rule 'Nope'");
    }

    @Test
    void aRuleThatThrowsGivesExitThreeWithTheRuleAndFileNamedUnlessKeepGoing() throws IOException {
        write("Sleepy.java", SLEEPY.replace("class Sleepy {", "class Sleepy { // CLI_TEST_BOOM"));
        List<String> rules = List.of("analyze", "--enable", RULE + ",CliTestFailOnMarker", dir.toString());
        assertThat(cli.run(rules.toArray(String[]::new))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(cli.out()).contains("Sleepy.java:5:13: warning: sleeping", "[rule-failure]");
        assertThat(cli.err()).containsPattern("lockopt: rule CliTestFailOnMarker failed on \\S*/Sleepy.java: "
                + "java.lang.IllegalStateException: injected failure on \\S*Sleepy.java")
                .contains("1 rule failure", "exit 3", "--keep-going")
                .doesNotContain("\tat io.lockopt");

        cli.clear();
        List<String> verbose = new ArrayList<>(rules);
        verbose.add("--verbose");
        assertThat(cli.run(verbose.toArray(String[]::new))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(cli.err()).contains("\tat io.lockopt.cli.testrules.CliTestFailOnMarker.check");

        cli.clear();
        List<String> keepGoing = new ArrayList<>(rules);
        keepGoing.add("--keep-going");
        assertThat(cli.run(keepGoing.toArray(String[]::new))).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.err()).contains("rule CliTestFailOnMarker failed", "--keep-going: exit code as usual");
    }

    @Test
    void aRuleFailureIsAToolExecutionNotificationWithTheExceptionInSarif() throws IOException {
        write("Sleepy.java", SLEEPY.replace("class Sleepy {", "class Sleepy { // CLI_TEST_BOOM"));
        Path sarif = dir.resolve("out.sarif");
        assertThat(cli.run("analyze", "--enable", "CliTestFailOnMarker", dir.resolve("Sleepy.java").toString(),
                "--format", "sarif", "--output", sarif.toString())).isEqualTo(ExitCodes.INTERNAL);
        JsonNode invocation = new ObjectMapper().readTree(sarif.toFile()).path("runs").path(0).path("invocations")
                .path(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        JsonNode notification = invocation.path("toolExecutionNotifications").path(0);
        assertThat(notification.path("associatedRule").path("id").asText()).isEqualTo("CliTestFailOnMarker");
        assertThat(notification.path("exception").path("kind").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(notification.path("exception").path("stack").path("frames").size()).isPositive();
    }

    /** git in {@code dir}, failing the test with git's output when it fails. */
    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=lockopt test",
                "-c", "user.email=test@lockopt.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
    }

    @Test
    void changedSinceReportsOnlyFindingsOnChangedLines() throws IOException, InterruptedException {
        write("Sleepy.java", SLEEPY);
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "first");
        // An old finding stays where it was; a new one is added by the change, one in an untracked file.
        write("Sleepy.java", SLEEPY.replace("    void f() throws", """
                    void g() throws InterruptedException {
                        synchronized (lock) {
                            Thread.sleep(1);
                        }
                    }
                    void f() throws"""));
        write("Fresh.java", SLEEPY.replace("class Sleepy", "class Fresh"));

        assertThat(analyze(dir.toString(), "--changed-since", "HEAD")).as(cli.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).contains("Sleepy.java:5:9: warning:", "Fresh.java:5:13: warning:")
                .doesNotContain("Sleepy.java:10:");
        assertThat(cli.err()).contains("lockopt: 1 findings outside the lines changed since HEAD not reported");

        git("add", ".");
        git("commit", "-q", "-m", "second");
        cli.clear();
        assertThat(analyze(dir.toString(), "--changed-since", "HEAD")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).doesNotContain("warning:");
        cli.clear();
        assertThat(analyze(dir.toString(), "--changed-since", "HEAD~1")).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).contains("Sleepy.java:5:9: warning:", "Fresh.java:5:13: warning:");
    }

    @Test
    void changedSinceOutsideAGitWorkTreeOrWithAnUnknownRevisionIsAUsageError() throws IOException, InterruptedException {
        write("Sleepy.java", SLEEPY);
        assertThat(analyze(dir.toString(), "--changed-since", "main")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: --changed-since: " + dir + " is not inside a git work tree");
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "first");
        cli.clear();
        assertThat(analyze(dir.toString(), "--changed-since", "no-such-branch")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--changed-since: unknown git revision 'no-such-branch'");
    }

    @Test
    void cacheGivesTheSameFindingsAndSaysWhatItReused() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        write("src/Quiet.java", "class Quiet { int x; }\n");
        Path cache = dir.resolve("cache.json");
        assertThat(analyze(dir.resolve("src").toString())).isEqualTo(ExitCodes.FINDINGS);
        String findings = cli.out().lines().filter(l -> l.contains(": warning:")).toList().toString();
        cli.clear();
        assertThat(analyze(dir.resolve("src").toString(), "--cache", cache.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cache).exists();
        cli.clear();
        assertThat(analyze(dir.resolve("src").toString(), "--cache", cache.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out().lines().filter(l -> l.contains(": warning:")).toList().toString()).isEqualTo(findings);
        assertThat(cli.out()).contains("(0 parsed, 1 unchanged from the cache, 1 without lock code)");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aDamagedCacheIsOneWarningLineAndTheRunGoesOn() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        Path cache = write("cache.json", "{\"format\": 1, \"tool\": ");
        assertThat(analyze(dir.resolve("src").toString(), "--cache", cache.toString(), "--quiet"))
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.out()).contains("Sleepy.java:5:13: warning:");
        assertThat(cli.err().lines()).singleElement().asString()
                .startsWith("lockopt: warning: cache " + cache + " ignored (not a lockopt cache, or damaged at line 1: not valid JSON: ")
                .endsWith("); it is rebuilt");
        cli.clear();
        assertThat(analyze(dir.resolve("src").toString(), "--cache", cache.toString(), "--quiet"))
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.err()).as("rebuilt").isEmpty();
    }

    @Test
    void anUnwritableCacheIsAWarningAndADirectoryAUsageError() throws IOException {
        write("src/Sleepy.java", SLEEPY);
        write("blocker", "a file where a directory should be");
        Path cache = dir.resolve("blocker/cache.json");
        assertThat(analyze(dir.resolve("src").toString(), "--cache", cache.toString(), "--quiet"))
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(cli.err().lines()).singleElement().asString()
                .startsWith("lockopt: warning: cannot write cache " + cache)
                .endsWith("; the next run starts without it");
        cli.clear();
        assertThat(analyze(dir.resolve("src").toString(), "--cache", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: --cache " + dir + " is a directory; give a file");
    }
}
