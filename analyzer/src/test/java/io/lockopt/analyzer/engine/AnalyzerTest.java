package io.lockopt.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.engine.baseline.Baseline;
import io.lockopt.analyzer.engine.testrules.TestRules;
import io.lockopt.analyzer.spi.Severity;

class AnalyzerTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            package demo;

            class Good {
                private final Object lock = new Object();
                void run() throws InterruptedException {
                    synchronized (lock) {
                        Thread.sleep(10);
                    }
                }
            }
            """;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private AnalysisResult scan(Path... paths) {
        return scan(AnalysisRequest.of(List.of(paths), dir, TestRules.active()));
    }

    private static AnalysisResult scan(AnalysisRequest request) {
        return new Analyzer().analyze(request);
    }

    @Test
    void locatesFindingsRelativeToTheBaseDirectory() throws IOException {
        write("src/demo/Good.java", GOOD);
        AnalysisResult result = scan(dir.resolve("src"));
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::path, f -> f.region().line(),
                f -> f.region().column(), Finding::severity).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FlagSynchronizedBlock", "src/demo/Good.java", 6, 23,
                                Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("FlagThreadSleep", "src/demo/Good.java", 7, 13,
                                Severity.ERROR));
        Finding sync = result.findings().get(0);
        assertThat(sync.region().endColumn()).isEqualTo(27); // exclusive end of "lock"
        assertThat(sync.enclosing()).isEqualTo("demo.Good#run()");
        assertThat(sync.status()).isEqualTo(FindingStatus.NEW);
        assertThat(result.findings().get(1).properties()).containsEntry("call", "Thread.sleep");
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.filesFound()).isEqualTo(1);
    }

    @Test
    void syntaxErrorIsOneDiagnosticAndTheOtherFilesAreStillChecked() throws IOException {
        write("a/Good.java", GOOD);
        write("a/Broken.java", "package demo;\nclass Broken {\n  void f( { synchronized (this) {} }\n}\n");
        write("a/Other.java", GOOD.replace("class Good", "class Other"));
        AnalysisResult result = scan(dir.resolve("a"));
        assertThat(result.findings()).extracting(Finding::path).containsOnly("a/Good.java", "a/Other.java");
        assertThat(result.findings()).hasSize(4);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.UNPARSABLE);
            assertThat(d.path()).isEqualTo("a/Broken.java");
            assertThat(d.region().line()).isEqualTo(3);
            assertThat(d.message()).startsWith("cannot parse: ");
        });
        assertThat(result.parseErrors()).isEqualTo(1);
        assertThat(result.stats().failed()).isEqualTo(1);
    }

    /**
     * What javac compiles is analyzed, at the positions of the text: a unicode escape for a quote in
     * a string literal (commons-configuration's PropertyListParser) and pre-Java-5 code naming a
     * local {@code enum} (xapool's GenericPool), which the first parse refuses.
     */
    @Test
    void unicodeEscapesInLiteralsAndEnumAsANameAreAnalyzed() throws IOException {
        write("b/Escaped.java", """
                package demo;

                class Escaped {
                    private final Object lock = new Object();
                    String quoted = "\\u005c"" + "\\u005c\\u005c";
                    void run() throws InterruptedException {
                        String s = "\\u005c""; synchronized (lock) {
                            Thread.sleep(10);
                        }
                    }
                }
                """);
        write("b/OldPool.java", """
                package demo;

                class OldPool {
                    private final Object lock = new Object();
                    void run(java.util.Vector v) throws InterruptedException {
                        java.util.Enumeration enum = v.elements();
                        synchronized (lock) {
                            Thread.sleep(10);
                        }
                    }
                }
                """);
        AnalysisResult result = scan(dir.resolve("b"));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::path, f -> f.region().line(),
                f -> f.region().column()).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("FlagSynchronizedBlock", "b/Escaped.java", 7, 45),
                        org.assertj.core.groups.Tuple.tuple("FlagThreadSleep", "b/Escaped.java", 8, 13),
                        org.assertj.core.groups.Tuple.tuple("FlagSynchronizedBlock", "b/OldPool.java", 7, 23),
                        org.assertj.core.groups.Tuple.tuple("FlagThreadSleep", "b/OldPool.java", 8, 13));
    }

    /**
     * Trino's BlockEncodingSimdSupport: JavaParser cannot parse an enum declared in a method (its
     * issue 3990); the enums are blanked out and the rest of the file is analyzed at the text's
     * positions. Braces in the enums' strings and comments do not end them early.
     */
    @Test
    void localEnumsAreLeftOutAndTheRestOfTheFileIsAnalyzed() throws IOException {
        write("c/Simd.java", """
                package demo;

                class Simd {
                    private final Object lock = new Object();
                    static String detect() {
                        enum Set { AVX("{"), SSE("}") /* } */;
                            final String s;
                            Set(String s) { this.s = s; }
                        }
                        enum Other implements Runnable { A; public void run() { } }
                        return Set.AVX.s + Other.A;
                    }
                    void run() throws InterruptedException {
                        synchronized (lock) {
                            Thread.sleep(10);
                        }
                    }
                }
                """);
        write("c/Broken.java", "package demo;\nclass Broken {\n  void f() { enum E { A; }\n synchronized (this) { }\n");
        AnalysisResult result = scan(dir.resolve("c"));
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::path, f -> f.region().line(),
                f -> f.region().column()).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("FlagSynchronizedBlock", "c/Simd.java", 14, 23),
                        org.assertj.core.groups.Tuple.tuple("FlagThreadSleep", "c/Simd.java", 15, 13));
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.UNPARSABLE);
            assertThat(d.path()).isEqualTo("c/Broken.java");
        });
    }

    @Test
    void invalidBytesAreReportedAndTheFileIsStillAnalyzed() throws IOException {
        byte[] latin1 = ("// caf\u00e9 in Latin-1\n" + GOOD).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("Latin.java"), latin1);
        AnalysisResult result = scan(dir);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.UNDECODABLE);
            assertThat(d.region().line()).isEqualTo(1);
            assertThat(d.message()).contains("UTF-8", "0xE9", "--encoding");
        });
        assertThat(result.findings()).hasSize(2);
        AnalysisResult decodedRight = scan(AnalysisRequest.of(List.of(dir), dir, TestRules.active())
                .withEncoding(StandardCharsets.ISO_8859_1));
        assertThat(decodedRight.diagnostics()).isEmpty();
        assertThat(decodedRight.findings()).hasSize(2);
    }

    @Test
    void byteOrderMarkIsTolerated() throws IOException {
        byte[] text = GOOD.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(dir.resolve("Bom.java"), withBom);
        AnalysisResult result = scan(dir);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.findings()).extracting(f -> f.region().line()).containsExactly(6, 7);
    }

    @Test
    void emptyFileIsNeitherAFindingNorADiagnostic() throws IOException {
        write("Empty.java", "");
        AnalysisResult result = scan(dir);
        assertThat(result.findings()).isEmpty();
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.filesFound()).isEqualTo(1);
    }

    @Test
    void directoryWithoutJavaFilesFindsNothing() throws IOException {
        write("docs/readme.txt", "synchronized");
        AnalysisResult result = scan(dir);
        assertThat(result.filesFound()).isZero();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void missingPathIsAnInputError() {
        assertThatThrownBy(() -> scan(dir.resolve("nope")))
                .isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("no such file or directory").hasMessageContaining("nope");
    }

    @Test
    void singleFilesAndWhatIsNotSource() throws IOException {
        Path good = write("src/demo/Good.java", GOOD);
        AnalysisResult single = scan(good);
        assertThat(single.filesFound()).isEqualTo(1);
        assertThat(single.findings()).extracting(Finding::path).containsOnly("src/demo/Good.java");
        Path readme = write("README.md", "synchronized");
        assertThatThrownBy(() -> scan(readme)).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("not a directory, .java file or sources .jar/.zip");
        Path corrupt = write("broken-sources.jar", "this is not a zip archive");
        assertThatThrownBy(() -> scan(corrupt)).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("not a valid jar or zip archive");
        // The same file reached twice is scanned once.
        assertThat(scan(good, dir.resolve("src")).findings()).hasSize(2);
    }

    @Test
    void danglingLinkIsAnUnreadableFileAndTheScanGoesOn() throws IOException {
        write("Good.java", GOOD);
        Files.createSymbolicLink(dir.resolve("Gone.java"), dir.resolve("does-not-exist.java"));
        AnalysisResult result = scan(dir);
        assertThat(result.findings()).hasSize(2);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.UNREADABLE);
            assertThat(d.path()).isEqualTo("Gone.java");
        });
    }

    @Test
    void fileWithoutReadPermissionIsUnreadable() throws IOException {
        // root reads every file regardless of permissions, so this only means something for other users.
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: permissions are not enforced");
        write("Good.java", GOOD);
        Path secret = write("Secret.java", GOOD.replace("class Good", "class Secret"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        AnalysisResult result = scan(dir);
        assertThat(result.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Diagnostic.Kind.UNREADABLE));
        assertThat(result.findings()).extracting(Finding::path).containsOnly("Good.java");
    }

    @Test
    void prescreenSkipsFilesWithoutLockCode() throws IOException {
        write("Good.java", GOOD);
        write("Plain.java", "class Plain { int f() { return 1; } }");
        write("Sleeper.java", "class Sleeper { void f() throws Exception { Thread.sleep(1); } }");
        AnalysisResult result = scan(dir);
        assertThat(result.stats().parsed()).isEqualTo(1);
        assertThat(result.stats().skippedByPrescreen()).isEqualTo(2);
        // Sleeper's Thread.sleep is not lock code, so no rule sees it.
        assertThat(result.findings()).extracting(Finding::path).containsOnly("Good.java");

        AnalysisResult everything = scan(AnalysisRequest.of(List.of(dir), dir, TestRules.active()).withPrescreen(false));
        assertThat(everything.stats().parsed()).isEqualTo(3);
        assertThat(everything.findings()).extracting(Finding::path).contains("Sleeper.java");
    }

    @Test
    void eachRuleSeesOnlyFilesItsOwnPrescreenAccepts() throws IOException {
        write("Good.java", GOOD);
        write("Sleeper.java", "class Sleeper { void f() throws Exception { Thread.sleep(1); } }");
        List<ActiveRule> rules = List.of(TestRules.active(new io.lockopt.analyzer.engine.testrules.FlagSynchronizedBlock()),
                TestRules.active(new io.lockopt.analyzer.engine.testrules.SleepAnywhere()));
        AnalysisResult result = scan(AnalysisRequest.of(List.of(dir), dir, rules));
        assertThat(result.stats().parsed()).isEqualTo(2);
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("FlagSynchronizedBlock", "Good.java"),
                org.assertj.core.groups.Tuple.tuple("SleepAnywhere", "Good.java"),
                org.assertj.core.groups.Tuple.tuple("SleepAnywhere", "Sleeper.java"));
    }

    @Test
    void skipsBuildOutputAndHiddenDirectoriesAndHonoursExcludes() throws IOException {
        write("src/A.java", GOOD.replace("class Good", "class A"));
        write("target/B.java", GOOD);
        write("build/C.java", GOOD);
        write(".git/D.java", GOOD);
        write(".hidden/E.java", GOOD);
        write("src/gen/F.java", GOOD.replace("class Good", "class F"));
        write("src/G_Generated.java", GOOD.replace("class Good", "class G"));
        AnalysisResult all = scan(dir);
        assertThat(all.findings()).extracting(Finding::path).containsOnly("src/A.java", "src/gen/F.java",
                "src/G_Generated.java");
        AnalysisResult excluded = scan(AnalysisRequest.of(List.of(dir), dir, TestRules.active())
                .withExcludes(List.of("gen", "*_Generated.java")));
        assertThat(excluded.findings()).extracting(Finding::path).containsOnly("src/A.java");
        AnalysisResult byPath = scan(AnalysisRequest.of(List.of(dir.resolve("src")), dir, TestRules.active())
                .withExcludes(List.of("gen/**")));
        assertThat(byPath.findings()).extracting(Finding::path).containsOnly("src/A.java", "src/G_Generated.java");
    }

    @Test
    void sourcesJarIsAnalyzedInPlace() throws IOException {
        Path jar = dir.resolve("lib/demo-sources.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("demo/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("demo/Good.java"));
            zip.write(GOOD.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        AnalysisResult result = scan(jar);
        assertThat(result.filesFound()).isEqualTo(1);
        assertThat(result.findings()).extracting(Finding::path).containsOnly("lib/demo-sources.jar!/demo/Good.java");
    }

    /**
     * A lock cycle between the application and a library given as classpath sources: found through
     * the library's facts, reported once on the application's side; the library's own cycle is not
     * reported at all.
     */
    @Test
    void classpathSourcesGiveFactsButNoFindings() throws IOException {
        write("app/demo/App.java", """
                package demo;
                import lib.Registry;
                class App {
                    private final Object lock = new Object();
                    private final Registry registry = new Registry();
                    void start() {
                        synchronized (lock) { registry.register(this); }
                    }
                    void onChange() {
                        synchronized (lock) { }
                    }
                }
                """);
        write("lib/lib/Registry.java", """
                package lib;
                import demo.App;
                public class Registry {
                    private final Object a = new Object();
                    private final Object b = new Object();
                    public synchronized void register(Object o) { }
                    public synchronized void fire(App app) { app.onChange(); }
                    void ab() { synchronized (a) { synchronized (b) { } } }
                    void ba() { synchronized (b) { synchronized (a) { } } }
                }
                """);
        ActiveRule inversion = new ActiveRule(RuleRegistry.discover().find("LockOrderInversion").orElseThrow(),
                Severity.WARNING);
        AnalysisRequest together = AnalysisRequest.of(List.of(dir.resolve("app"), dir.resolve("lib")), dir,
                List.of(inversion)).withConfidence(io.lockopt.analyzer.spi.Confidence.LOW);
        assertThat(scan(together).findings()).extracting(Finding::path)
                .contains("app/demo/App.java", "lib/lib/Registry.java");

        AnalysisRequest appOnly = AnalysisRequest.of(List.of(dir.resolve("app")), dir, List.of(inversion))
                .withConfidence(io.lockopt.analyzer.spi.Confidence.LOW);
        assertThat(scan(appOnly).findings()).isEmpty();

        AnalysisResult withLibrary = scan(appOnly.withClasspathSources(List.of(dir.resolve("lib"))));
        assertThat(withLibrary.findings()).extracting(Finding::path).containsExactly("app/demo/App.java");
        assertThat(withLibrary.findings().get(0).message()).contains("Registry");
        assertThat(withLibrary.filesFound()).isEqualTo(1);
    }

    @Test
    void deeplyNestedGeneratedCodeParsesOnTheWorkersStacks() throws IOException {
        String concatenation = String.join(" + ", java.util.Collections.nCopies(3_000, "\"x\""));
        write("Generated.java", "class Generated { final Object lock = new Object();\n"
                + "  String f() { synchronized (lock) { return " + concatenation + "; } } }\n");
        AnalysisResult result = scan(dir);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("FlagSynchronizedBlock");
    }

    @Test
    void aNodeReportedTwiceByOneRuleIsOneFinding() throws IOException {
        write("Good.java", GOOD);
        io.lockopt.analyzer.spi.FileRule twice = new io.lockopt.analyzer.engine.testrules.FlagSynchronizedBlock();
        io.lockopt.analyzer.spi.FileRule doubled = (file, reporter) -> {
            twice.check(file, reporter);
            twice.check(file, reporter);
        };
        AnalysisResult result = scan(AnalysisRequest.of(List.of(dir), dir,
                List.of(new ActiveRule(doubled, Severity.WARNING))));
        assertThat(result.findings()).hasSize(1);
    }

    @Test
    void aFileThatExhaustsTheHeapIsAFileProblemAndTheOthersAreAnalyzed() throws IOException {
        write("Good.java", GOOD);
        write("Huge.java", GOOD.replace("package demo;", "package huge; // HUGE"));
        io.lockopt.analyzer.spi.FileRule flag = new io.lockopt.analyzer.engine.testrules.FlagSynchronizedBlock();
        io.lockopt.analyzer.spi.FileRule exhausting = (file, reporter) -> {
            if (file.text().contains("HUGE")) {
                throw new OutOfMemoryError("Java heap space"); // what a 20 MB generated class does in a small heap
            }
            flag.check(file, reporter);
        };
        AnalysisResult result = scan(AnalysisRequest.of(List.of(dir), dir,
                List.of(new ActiveRule(exhausting, Severity.WARNING))));
        assertThat(result.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.path()).isEqualTo("Good.java"));
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.TOO_LARGE);
            assertThat(d.path()).isEqualTo("Huge.java");
            assertThat(d.message()).contains("needs more memory than the heap had left (1 kB of source)", "LOCKOPT_JAVA_OPTS");
        });
    }

    @Test
    void failingRuleIsADiagnosticAndOtherRulesStillReport() throws IOException {
        write("Good.java", GOOD.replace("class Good {", "class Good { // BOOM"));
        AnalysisResult result = scan(dir);
        assertThat(result.findings()).hasSize(2);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.RULE_FAILURE);
            assertThat(d.message()).contains("FailOnMarker", "boom in Good.java");
        });
    }

    @Test
    void projectRulesSeeAllFilesAndReportRelatedLocations() throws IOException {
        write("a/Good.java", GOOD);
        write("b/Good.java", GOOD.replace("package demo;", "package other;"));
        AnalysisResult result = scan(dir);
        assertThat(result.findings()).filteredOn(f -> f.ruleId().equals("SameSimpleClassName")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path()).isEqualTo("b/Good.java");
                    assertThat(f.related()).singleElement().satisfies(r -> {
                        assertThat(r.path()).isEqualTo("a/Good.java");
                        assertThat(r.region().line()).isEqualTo(3);
                        assertThat(r.message()).isEqualTo("first declared here");
                    });
                });
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws IOException {
        for (int i = 0; i < 40; i++) {
            write("p" + (i % 4) + "/C" + i + ".java", GOOD.replace("class Good", "class C" + i));
        }
        AnalysisResult one = scan(AnalysisRequest.of(List.of(dir), dir, TestRules.active()).withThreads(1));
        AnalysisResult four = scan(AnalysisRequest.of(List.of(dir), dir, TestRules.active()).withThreads(4));
        assertThat(four.findings()).isEqualTo(one.findings()).hasSize(80);
    }

    @Test
    void suppressedByAnnotationOrComment() throws IOException {
        write("S.java", """
                class S {
                    final Object lock = new Object();
                    @SuppressWarnings("lockopt:FlagSynchronizedBlock")
                    void annotated() { synchronized (lock) { } }
                    @SuppressWarnings({"unchecked", "lockopt"})
                    void all() throws Exception { synchronized (lock) { Thread.sleep(1); } }
                    void sameLine() { synchronized (lock) { } } // lockopt:ignore FlagSynchronizedBlock legacy API
                    void lineAbove() {
                        // lockopt:ignore FlagThreadSleep,FlagSynchronizedBlock reviewed
                        synchronized (lock) { }
                    }
                    @SuppressWarnings("lockopt:FlagThreadSleep")
                    void otherRule() { synchronized (lock) { } }
                    void tooFarAbove() {
                        // lockopt:ignore FlagSynchronizedBlock

                        synchronized (lock) { }
                    }
                }
                """);
        AnalysisResult result = scan(dir);
        assertThat(result.findings()).filteredOn(f -> f.status() == FindingStatus.SUPPRESSED)
                .extracting(f -> f.region().line()).containsExactly(4, 6, 6, 7, 10);
        assertThat(result.findings()).filteredOn(f -> f.status() == FindingStatus.NEW)
                .extracting(f -> f.region().line()).containsExactly(13, 17);
        assertThat(result.hasNewFindingsAtLeast(Optional.of(Severity.ERROR))).isFalse();
        assertThat(result.hasNewFindingsAtLeast(Optional.of(Severity.WARNING))).isTrue();
        assertThat(result.hasNewFindingsAtLeast(Optional.empty())).isFalse();
    }

    @Test
    void fingerprintSurvivesMovedLinesAndSeparatesIdenticalFindings() throws IOException {
        String twice = "class T {\n  void f(Object o) {\n    synchronized (o) { }\n    synchronized (o) { }\n  }\n}\n";
        Path file = write("T.java", twice);
        List<Finding> before = scan(dir).findings();
        Files.writeString(file, "// a comment that moves everything\n\n" + twice);
        List<Finding> after = scan(dir).findings();
        assertThat(before).extracting(Finding::fingerprint).doesNotHaveDuplicates().hasSize(2);
        assertThat(after).extracting(Finding::fingerprint)
                .containsExactlyElementsOf(before.stream().map(Finding::fingerprint).toList());
        assertThat(after.get(0).region().line()).isEqualTo(before.get(0).region().line() + 2);
        Files.writeString(file, twice.replace("class T", "class U"));
        assertThat(scan(dir).findings().get(0).fingerprint()).isNotEqualTo(before.get(0).fingerprint());
    }

    @Test
    void baselineRoundTrip() throws IOException {
        Path file = write("src/Good.java", GOOD);
        AnalysisResult first = scan(dir.resolve("src"));
        Path baselineFile = dir.resolve("lockopt-baseline.json");
        Baseline.of(first.findings()).write(baselineFile);
        Baseline baseline = Baseline.read(baselineFile);
        assertThat(baseline.findings()).hasSize(2);

        AnalysisRequest withBaseline = AnalysisRequest.of(List.of(dir.resolve("src")), dir, TestRules.active())
                .withBaseline(Optional.of(baseline));
        AnalysisResult again = scan(withBaseline);
        assertThat(again.findings()).extracting(Finding::status).containsOnly(FindingStatus.BASELINED);
        assertThat(again.hasNewFindingsAtLeast(Optional.of(Severity.NOTE))).isFalse();

        // An unrelated edit above the findings moves them but keeps them baselined.
        Files.writeString(file, GOOD.replace("class Good {", "class Good {\n    private int unrelated;\n"));
        AnalysisResult edited = scan(withBaseline);
        assertThat(edited.findings()).extracting(Finding::status).containsOnly(FindingStatus.BASELINED);
        assertThat(edited.findings()).extracting(f -> f.region().line()).containsExactly(8, 9);

        // A second, new occurrence is new.
        Files.writeString(file, GOOD.replace("Thread.sleep(10);", "Thread.sleep(10);\n Thread.sleep(10);"));
        AnalysisResult grown = scan(withBaseline);
        assertThat(grown.findings()).filteredOn(f -> f.status() == FindingStatus.NEW)
                .extracting(Finding::ruleId).containsExactly("FlagThreadSleep");
    }

    @Test
    void baselineFileErrorsAreInputErrors() throws IOException {
        Path junk = write("junk.json", "{\"version\": 1, \"nonsense\": true}");
        assertThatThrownBy(() -> Baseline.read(junk)).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("not a lockopt baseline");
        assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.json")))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("no such baseline file");
    }
}
