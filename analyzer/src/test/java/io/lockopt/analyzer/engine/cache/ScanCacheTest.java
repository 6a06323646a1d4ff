package io.lockopt.analyzer.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.engine.ActiveRule;
import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.AnalysisRequest;
import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Analyzer;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.Severity;

/**
 * {@code --cache}: a run with the cache reports exactly what a run without it reports, whatever
 * changed in between, and reuses what did not change.
 */
class ScanCacheTest {
    @TempDir
    Path dir;

    private static final String SLEEPER = """
            package demo;
            class Sleeper {
                private final Object lock = new Object();
                void run() throws InterruptedException {
                    synchronized (lock) {
                        Thread.sleep(10);
                    }
                }
            }
            """;

    private static final String ACCOUNT = """
            package demo;
            class Account {
                private final Object lock = new Object();
                private Ledger ledger;
                void pay() {
                    synchronized (lock) {
                        ledger.record();
                    }
                }
                void touch() { synchronized (lock) { } }
            }
            """;

    /** A ledger that calls back into the account under its own lock ({@code inverted}) or after it. */
    private static String ledger(boolean inverted) {
        return """
                package demo;
                class Ledger {
                    private final Object lock = new Object();
                    private Account account;
                    void record() { synchronized (lock) { } }
                    void audit() {
                        synchronized (lock) {
                            %s
                        }
                        %s
                    }
                }
                """.formatted(inverted ? "account.touch();" : "", inverted ? "" : "account.touch();");
    }

    private static final String PLAIN = """
            package demo;
            class Plain {
                int twice(int x) {
                    return 2 * x;
                }
            }
            """;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve("src").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private void writeProject() throws IOException {
        write("demo/Sleeper.java", SLEEPER);
        write("demo/Account.java", ACCOUNT);
        write("demo/Ledger.java", ledger(true));
        write("demo/Plain.java", PLAIN);
    }

    private static List<ActiveRule> productRules() {
        return ServiceLoader.load(Rule.class).stream().map(ServiceLoader.Provider::get)
                .filter(rule -> rule.getClass().getPackageName().equals("io.lockopt.analyzer.rules"))
                .map(rule -> new ActiveRule(rule, rule.info().severity()))
                .toList();
    }

    private AnalysisRequest request() {
        return AnalysisRequest.of(List.of(dir.resolve("src")), dir, productRules()).withConfidence(Confidence.LOW);
    }

    private Path cacheFile() {
        return dir.resolve("cache/lockopt-cache.json");
    }

    private static AnalysisResult analyze(AnalysisRequest request) {
        return new Analyzer().analyze(request);
    }

    /**
     * With the cache, every file taken as just changed (a settle time of a year): each is read and
     * hashed, whether or not the machine is slow enough for the files a test wrote to have settled.
     */
    private AnalysisResult cached(AnalysisRequest request) {
        return new Analyzer(java.time.Duration.ofDays(365))
                .analyze(request.withCache(java.util.Optional.of(cacheFile())));
    }

    /** Everything a report shows of a finding, fingerprint and status included. */
    private static List<String> shown(AnalysisResult result) {
        return result.findings().stream().map(ScanCacheTest::shown).toList();
    }

    private static String shown(Finding f) {
        return f.ruleId() + " " + f.severity() + " " + f.path() + ":" + f.region() + " " + f.fingerprint() + " "
                + f.status() + " " + f.enclosing() + " " + f.message() + " " + f.related() + " "
                + new java.util.TreeMap<>(f.properties());
    }

    /** Cold without a cache, then with the cache, which must say the same. */
    private AnalysisResult assertSameAsWithoutCache(AnalysisRequest request) {
        AnalysisResult without = analyze(request);
        AnalysisResult with = cached(request);
        assertThat(shown(with)).isEqualTo(shown(without));
        assertThat(with.diagnostics()).isEqualTo(without.diagnostics());
        return with;
    }

    private static List<String> rules(AnalysisResult result) {
        return result.findings().stream().map(Finding::ruleId).distinct().sorted().toList();
    }

    @Test
    void aWarmRunReusesEverythingAndReportsTheSame() throws IOException {
        writeProject();
        AnalysisResult cold = assertSameAsWithoutCache(request());
        assertThat(rules(cold)).contains("BlockingCallUnderLock", "LockOrderInversion");
        assertThat(cold.warnings()).isEmpty();
        assertThat(cacheFile()).exists();
        assertThat(cold.stats().fromCache()).isZero();

        Object written = Files.readAttributes(cacheFile(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        AnalysisResult warm = assertSameAsWithoutCache(request());
        assertThat(Files.readAttributes(cacheFile(), java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("nothing changed: the cache is not written again").isEqualTo(written);
        assertThat(warm.stats().parsed()).as("nothing parsed").isZero();
        assertThat(warm.stats().fromCache()).isEqualTo(cold.stats().parsed());
        assertThat(warm.stats().skippedByPrescreen()).isEqualTo(cold.stats().skippedByPrescreen());
        assertThat(warm.warnings()).isEmpty();
    }

    /** A run whose cache trusts the stamp of any file, however recently changed (no settle time). */
    private AnalysisResult stamped(AnalysisRequest request) {
        return new Analyzer(java.time.Duration.ZERO).analyze(request.withCache(java.util.Optional.of(cacheFile())));
    }

    /** {@code text} with {@code from} replaced by {@code to} padded to the same length: the same file size. */
    private static String sameSize(String text, String from, String to) {
        assertThat(to.length()).isLessThanOrEqualTo(from.length());
        return text.replace(from, to + " ".repeat(from.length() - to.length()));
    }

    @Test
    void aFileWhoseStampHoldsIsNotReadAgainAndAnyChangeOfItIsSeen() throws IOException {
        writeProject();
        AnalysisResult cold = stamped(request());
        AnalysisResult warm = stamped(request());
        assertThat(warm.stats().read()).as("every stamp holds: no file read").isZero();
        assertThat(shown(warm)).isEqualTo(shown(cold)).isEqualTo(shown(analyze(request())));
        Object written = Files.readAttributes(cacheFile(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(stamped(request()).stats().read()).isZero();
        assertThat(Files.readAttributes(cacheFile(), java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("nothing changed: the cache is not written again").isEqualTo(written);

        // Same size, modification time set back: the change time (and the content) still differ.
        Path sleeper = dir.resolve("src/demo/Sleeper.java");
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(sleeper);
        Files.writeString(sleeper, sameSize(SLEEPER, "Thread.sleep(10);", "Math.abs(10);"));
        Files.setLastModifiedTime(sleeper, modified);
        AnalysisResult fixed = stamped(request());
        assertThat(fixed.stats().read()).as("only the changed file is read").isEqualTo(1);
        assertThat(shown(fixed)).isEqualTo(shown(analyze(request())));
        assertThat(rules(fixed)).doesNotContain("BlockingCallUnderLock");

        // A file of the project-wide pass: the lock-order inversion goes and comes back.
        Path ledger = dir.resolve("src/demo/Ledger.java");
        Files.writeString(ledger, ledger(false));
        AnalysisResult ordered = stamped(request());
        assertThat(ordered.stats().read()).isEqualTo(1);
        assertThat(shown(ordered)).isEqualTo(shown(analyze(request())));
        assertThat(rules(ordered)).doesNotContain("LockOrderInversion");
        Files.writeString(ledger, ledger(true));
        AnalysisResult inverted = stamped(request());
        assertThat(shown(inverted)).isEqualTo(shown(analyze(request())));
        assertThat(rules(inverted)).contains("LockOrderInversion");
        assertThat(stamped(request()).stats().read()).isZero();
    }

    @Test
    void aFileChangedWithinTheSettleTimeIsReadEveryTime() throws IOException {
        writeProject();
        AnalysisResult cold = cached(request());
        AnalysisResult warm = cached(request());
        assertThat(warm.stats().read()).as("none settled: no stamp trusted").isEqualTo(cold.filesFound());
        assertThat(Files.readString(cacheFile())).as("no stamp stored").contains("\"stamps\":{}");

        // Edited within the same file-time tick as the run read it (git's racy clean case), simulated:
        // same size, same modification time. Not stamped then, so read and hashed now.
        Path sleeper = dir.resolve("src/demo/Sleeper.java");
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(sleeper);
        Files.writeString(sleeper, sameSize(SLEEPER, "Thread.sleep(10);", "Math.abs(10);"));
        Files.setLastModifiedTime(sleeper, modified);
        AnalysisResult fixed = assertSameAsWithoutCache(request());
        assertThat(rules(fixed)).doesNotContain("BlockingCallUnderLock");
    }

    /** Counts the project passes it takes part in (a test rule; product rules are stateless). */
    @io.lockopt.analyzer.spi.RuleInfo(summary = "counts project passes", severity = Severity.NOTE)
    static final class CountingProjectRule implements io.lockopt.analyzer.spi.ProjectRule {
        static final java.util.concurrent.atomic.AtomicInteger PASSES = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void check(List<io.lockopt.analyzer.spi.SourceFile> files, io.lockopt.analyzer.spi.Reporter reporter) {
            PASSES.incrementAndGet();
        }
    }

    @Test
    void theProjectPassRunsAgainOnlyWhenAFileItSeesChanged() throws IOException {
        writeProject();
        List<ActiveRule> rules = new java.util.ArrayList<>(productRules());
        rules.add(new ActiveRule(new CountingProjectRule(), Severity.NOTE));
        AnalysisRequest request = AnalysisRequest.of(List.of(dir.resolve("src")), dir, rules)
                .withConfidence(Confidence.LOW);
        cached(request);
        int passes = CountingProjectRule.PASSES.get();

        AnalysisResult unchanged = cached(request);
        assertThat(CountingProjectRule.PASSES.get()).as("unchanged: reused").isEqualTo(passes);
        assertThat(rules(unchanged)).contains("LockOrderInversion");

        Files.writeString(dir.resolve("src/demo/Plain.java"), PLAIN.replace("2 * x", "x + x"));
        AnalysisResult outside = assertSameAsWithoutCache(request);
        int afterOutside = CountingProjectRule.PASSES.get();
        assertThat(afterOutside).as("a file the project rules do not see: reused (one pass without the cache)")
                .isEqualTo(passes + 1);
        assertThat(outside.stats().parsed()).isZero(); // Plain.java has no lock code: prescreened out

        Files.writeString(dir.resolve("src/demo/Account.java"), ACCOUNT.replace("void touch()", "void poke()")
                .replace("ledger.record();", "ledger.record(); // paid"));
        assertSameAsWithoutCache(request);
        assertThat(CountingProjectRule.PASSES.get()).as("a file they see: run again").isEqualTo(afterOutside + 2);
    }

    @Test
    void anEditedFileIsAnalyzedAgain() throws IOException {
        writeProject();
        cached(request());
        Path sleeper = dir.resolve("src/demo/Sleeper.java");

        Files.writeString(sleeper, SLEEPER.replace("Thread.sleep(10);", "System.out.println(10);"));
        AnalysisResult fixed = assertSameAsWithoutCache(request());
        assertThat(rules(fixed)).doesNotContain("BlockingCallUnderLock");
        assertThat(fixed.stats().parsed()).as("only the edited file is parsed").isEqualTo(1);

        Files.writeString(sleeper, SLEEPER);
        AnalysisResult broken = assertSameAsWithoutCache(request());
        assertThat(rules(broken)).contains("BlockingCallUnderLock");
    }

    /**
     * DoubleCheckedLocking reads the class a field is built from in another file (no lock words,
     * so the prescreen never parses it): a field gaining or losing a final there changes the
     * finding, with the cache as without it, though the file with the finding did not change.
     */
    @Test
    void aFindingThatReadAnotherFileFollowsAnEditOfThatFile() throws IOException {
        write("demo/Holder.java", """
                package demo;
                class Holder {
                    private Value value;
                    Value value() {
                        if (value == null) {
                            synchronized (this) {
                                if (value == null) {
                                    value = new Value("v");
                                }
                            }
                        }
                        return value;
                    }
                }
                """);
        String value = """
                package demo;
                class Value {
                    private %s String name;
                    Value(String name) { this.name = name; }
                }
                """;
        Path file = write("demo/Value.java", value.formatted("final"));
        AnalysisResult immutable = assertSameAsWithoutCache(request());
        assertThat(rules(immutable)).doesNotContain("DoubleCheckedLocking");

        Files.writeString(file, value.formatted(""));
        AnalysisResult mutable = assertSameAsWithoutCache(request());
        assertThat(rules(mutable)).contains("DoubleCheckedLocking");

        Files.writeString(file, value.formatted("final"));
        assertThat(rules(assertSameAsWithoutCache(request()))).doesNotContain("DoubleCheckedLocking");
    }

    /** A base whose static initialiser touches {@link #UTF8}, another file's class. */
    private static final String CODEC = """
            package demo;
            public class Codec {
                public static final Object DEFAULT = Utf8.create();
            }
            """;
    /** The class {@link #CODEC} touches, with what follows its name (" extends Codec": a subclass). */
    private static final String UTF8 = """
            package demo;
            public class Utf8%s {
                public static Object create() { return new Object(); }
            }
            """;

    /**
     * ClassInitializationCycle's prescreen reads the header of the class a static initialiser touches
     * in another file: the base file, unchanged and skipped while that class is unrelated, is parsed
     * and reported once it becomes a subclass, with the cache as without it.
     */
    @Test
    void aPrescreenThatReadAnotherFileFollowsAnEditOfThatFile() throws IOException {
        write("demo/Codec.java", CODEC);
        Path file = write("demo/Utf8.java", UTF8.formatted(""));
        assertThat(rules(assertSameAsWithoutCache(request()))).doesNotContain("ClassInitializationCycle");

        Files.writeString(file, UTF8.formatted(" extends Codec"));
        assertThat(rules(assertSameAsWithoutCache(request()))).contains("ClassInitializationCycle");

        Files.writeString(file, UTF8.formatted(""));
        assertThat(rules(assertSameAsWithoutCache(request()))).doesNotContain("ClassInitializationCycle");
    }

    /**
     * With stamps: the base file, whose stamp holds, is not taken unread once the file its prescreen
     * read has changed; a warm run after that reads nothing (each dependent's entry agrees with the
     * entry of the file it read).
     */
    @Test
    void aStampedFileWhosePrescreenReadAnotherFollowsAnEditOfThatFile() throws IOException {
        write("demo/Codec.java", CODEC);
        Path file = write("demo/Utf8.java", UTF8.formatted(""));
        stamped(request());
        assertThat(stamped(request()).stats().read()).isZero();

        Files.writeString(file, UTF8.formatted(" extends Codec"));
        AnalysisResult subclass = stamped(request());
        assertThat(shown(subclass)).isEqualTo(shown(analyze(request())));
        assertThat(rules(subclass)).contains("ClassInitializationCycle");
        AnalysisResult warm = stamped(request());
        assertThat(warm.stats().read()).isZero();
        assertThat(shown(warm)).isEqualTo(shown(subclass));
    }

    /**
     * The same prescreen looks for the touched class's file and does not find it: the base file's
     * results hold only while the inputs are the same paths, so adding that file (a subclass) is seen,
     * and removing it again too.
     */
    @Test
    void aPrescreenThatLookedForAnAbsentFileFollowsItsAddition() throws IOException {
        write("demo/Codec.java", CODEC);
        assertThat(rules(assertSameAsWithoutCache(request()))).doesNotContain("ClassInitializationCycle");

        Path added = write("demo/Utf8.java", UTF8.formatted(" extends Codec"));
        assertThat(rules(assertSameAsWithoutCache(request()))).contains("ClassInitializationCycle");

        Files.delete(added);
        assertThat(rules(assertSameAsWithoutCache(request()))).doesNotContain("ClassInitializationCycle");
    }

    /**
     * A file added that no scan looked for leaves the results of those that looked for absent files
     * alone: only the new file is read (kafka-clients: 293 of 1,679 files carry the mark).
     */
    @Test
    void anUnrelatedFileAddedKeepsTheResultsThatLookedForAbsentFiles() throws IOException {
        write("demo/Codec.java", CODEC);
        stamped(request());
        assertThat(stamped(request()).stats().read()).isZero();
        write("demo/Unrelated.java", "package demo;\nclass Unrelated { }\n");
        AnalysisResult added = stamped(request());
        assertThat(added.stats().read()).as("only the new file").isEqualTo(1);
        assertThat(shown(added)).isEqualTo(shown(analyze(request())));
        write("demo/Utf8.java", UTF8.formatted(" extends Codec"));
        AnalysisResult looked = stamped(request());
        assertThat(rules(looked)).contains("ClassInitializationCycle");
        assertThat(shown(looked)).isEqualTo(shown(analyze(request())));
    }

    /**
     * A file that fails to parse was parsed because its prescreen, reading another file, accepted it:
     * its parse error follows an edit of that file too (a reviewer's case).
     */
    @Test
    void aParseErrorOfAFileWhosePrescreenReadAnotherFollowsAnEditOfThatFile() throws IOException {
        write("demo/Codec.java", CODEC.replace("}\n", "void broken( { }\n}\n"));
        Path file = write("demo/Utf8.java", UTF8.formatted(" extends Codec"));
        assertThat(assertSameAsWithoutCache(request()).diagnostics()).isNotEmpty();
        Files.writeString(file, UTF8.formatted(""));
        assertThat(assertSameAsWithoutCache(request()).diagnostics()).isEmpty();
    }

    @Test
    void aLockOrderInversionAcrossTwoFilesComesAndGoesWithAnEditOfOne() throws IOException {
        writeProject();
        AnalysisResult inverted = assertSameAsWithoutCache(request());
        assertThat(rules(inverted)).contains("LockOrderInversion");
        Path ledger = dir.resolve("src/demo/Ledger.java");

        Files.writeString(ledger, ledger(false));
        AnalysisResult ordered = assertSameAsWithoutCache(request());
        assertThat(rules(ordered)).doesNotContain("LockOrderInversion");

        Files.writeString(ledger, ledger(true));
        AnalysisResult again = assertSameAsWithoutCache(request());
        assertThat(shown(again)).isEqualTo(shown(inverted));
    }

    @Test
    void anAddedOrRemovedFileChangesTheProjectFindings() throws IOException {
        writeProject();
        Path ledger = dir.resolve("src/demo/Ledger.java");
        Files.delete(ledger);
        AnalysisResult alone = assertSameAsWithoutCache(request());
        assertThat(rules(alone)).doesNotContain("LockOrderInversion");

        Files.writeString(ledger, ledger(true));
        assertThat(rules(assertSameAsWithoutCache(request()))).contains("LockOrderInversion");

        Files.delete(ledger);
        assertThat(rules(assertSameAsWithoutCache(request()))).doesNotContain("LockOrderInversion");
        assertThat(Files.readString(cacheFile())).as("a removed file leaves the cache").doesNotContain("Ledger.java")
                .contains("Account.java");
    }

    @Test
    void suppressionsAndTheBaselineApplyToCachedFindings() throws IOException {
        writeProject();
        cached(request());
        Path sleeper = dir.resolve("src/demo/Sleeper.java");
        Files.writeString(sleeper, SLEEPER.replace("Thread.sleep(10);",
                "Thread.sleep(10); // lockopt:ignore BlockingCallUnderLock test"));
        AnalysisResult suppressed = assertSameAsWithoutCache(request());
        assertThat(suppressed.findings()).filteredOn(f -> f.ruleId().equals("BlockingCallUnderLock"))
                .extracting(Finding::status).containsOnly(io.lockopt.analyzer.engine.FindingStatus.SUPPRESSED);

        io.lockopt.analyzer.engine.baseline.Baseline baseline =
                io.lockopt.analyzer.engine.baseline.Baseline.of(suppressed.findings());
        AnalysisResult baselined = assertSameAsWithoutCache(request().withBaseline(java.util.Optional.of(baseline)));
        assertThat(baselined.count(io.lockopt.analyzer.engine.FindingStatus.NEW)).isZero();
        assertThat(baselined.stats().parsed()).isZero();
    }

    @Test
    void aDamagedTruncatedOrForeignCacheIsIgnoredWithOneWarningAndRebuilt() throws IOException {
        writeProject();
        List<String> expected = shown(analyze(request()));
        cached(request());
        String good = Files.readString(cacheFile());
        Map<String, String> broken = Map.of(
                "truncated", good.substring(0, good.length() / 2),
                "empty", "",
                "null", "null",
                "not JSON", "PK\u0003\u0004 this is a zip",
                "foreign JSON", "{\"schemaVersion\": 1, \"findings\": []}",
                "other format", good.replaceFirst("\"format\":" + ScanCache.FORMAT, "\"format\":99"),
                "other build", good.replaceFirst("\"tool\":\"[^\"]*\"", "\"tool\":\"0.0.1 lockopt.jar 1 2\""),
                "tampered entry", good.replaceFirst("\"state\":\"PARSED\"", "\"state\":\"MELTED\""),
                "null state", good.replaceFirst("\"state\":\"PARSED\"", "\"state\":null"),
                "null hash", good.replaceFirst("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":null"));
        broken = new java.util.LinkedHashMap<>(broken);
        broken.put("null project key", good.replaceFirst("\"key\":\"[^\"]*\"", "\"key\":null"));
        for (var damage : broken.entrySet()) {
            Files.writeString(cacheFile(), damage.getValue());
            AnalysisResult result = cached(request());
            assertThat(result.warnings()).as(damage.getKey()).hasSize(1);
            assertThat(result.warnings().get(0)).as(damage.getKey())
                    .startsWith("cache " + cacheFile() + " ignored (").endsWith("); it is rebuilt");
            assertThat(shown(result)).as(damage.getKey()).isEqualTo(expected);
            AnalysisResult rebuilt = cached(request());
            assertThat(rebuilt.warnings()).as(damage.getKey()).isEmpty();
            assertThat(rebuilt.stats().parsed()).as(damage.getKey() + ": rebuilt").isZero();
        }
    }

    /**
     * A FIFO or device given as the cache is refused before anything is read (reading /dev/zero
     * would fill the heap) or replaced; a link to a cache file stays a link, its target rewritten.
     */
    @Test
    void aCacheThatIsNoRegularFileIsRefusedAndALinkStaysALink() throws Exception {
        writeProject();
        Path fifo = dir.resolve("cache.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> new Analyzer().analyze(request().withCache(java.util.Optional.of(fifo))))
                .isInstanceOf(io.lockopt.analyzer.engine.AnalysisInputException.class)
                .hasMessage("--cache " + fifo + " is not a regular file (a device, FIFO or socket); give a file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();

        Path link = dir.resolve("link-to-cache.json");
        Files.createSymbolicLink(link, cacheFile());
        AnalysisResult first = new Analyzer(java.time.Duration.ofDays(365))
                .analyze(request().withCache(java.util.Optional.of(link)));
        assertThat(first.warnings()).isEmpty();
        assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
        assertThat(Files.isRegularFile(cacheFile())).as("the cache is the link's target").isTrue();
        assertThat(cached(request()).stats().parsed()).as("read back through the target").isZero();
    }

    @Test
    void aConfigurationChangeInvalidatesTheCache() throws IOException {
        writeProject();
        cached(request());
        List<AnalysisRequest> changes = List.of(
                request().withConfidence(Confidence.HIGH),
                request().withForeignSuppressions(false),
                request().withSettings(new AnalysisSettings(21, Map.of())),
                AnalysisRequest.of(List.of(dir.resolve("src")), dir, productRules().stream()
                        .map(r -> r.id().equals("BlockingCallUnderLock") ? new ActiveRule(r.rule(), Severity.NOTE) : r)
                        .toList()).withConfidence(Confidence.LOW),
                AnalysisRequest.of(List.of(dir.resolve("src")), dir, productRules().stream()
                        .filter(r -> !r.id().equals("LockOrderInversion")).toList()).withConfidence(Confidence.LOW));
        for (AnalysisRequest changed : changes) {
            cached(request());
            AnalysisResult result = assertSameAsWithoutCache(changed);
            assertThat(result.warnings()).singleElement().asString().contains("another rule configuration");
            assertThat(result.stats().fromCache()).isZero();
        }
    }

    @Test
    void anUnwritableCacheIsAWarningAndTheAnalysisStands() throws IOException {
        writeProject();
        Files.writeString(dir.resolve("cache"), "a file where the cache's directory should be");
        AnalysisResult result = cached(request());
        assertThat(shown(result)).isEqualTo(shown(analyze(request())));
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("cannot write cache " + cacheFile()).endsWith("the next run starts without it");
    }

    @Test
    void aDirectoryIsNoCacheFile() throws IOException {
        writeProject();
        Files.createDirectories(cacheFile());
        assertThatThrownBy(() -> cached(request())).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void classpathSourcesAreInTheProjectKey() throws IOException {
        writeProject();
        Path library = dir.resolve("lib/demo/Ledger.java");
        Files.createDirectories(library.getParent());
        Files.move(dir.resolve("src/demo/Ledger.java"), library);
        AnalysisRequest request = request().withClasspathSources(List.of(dir.resolve("lib")));
        AnalysisResult inverted = assertSameAsWithoutCache(request);
        assertThat(rules(inverted)).contains("LockOrderInversion");

        Files.writeString(library, ledger(false));
        assertThat(rules(assertSameAsWithoutCache(request))).as("the library file changed")
                .doesNotContain("LockOrderInversion");

        Files.writeString(library, ledger(true));
        assertThat(shown(assertSameAsWithoutCache(request))).isEqualTo(shown(inverted));
    }

    /** The jedis sources jar (a test dependency), cold and warm. */
    @Test
    void aRealSourcesJarGivesTheSameFindingsColdAndWarm() {
        Path jar = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("jedis") && entry.endsWith("-sources.jar")) {
                jar = Path.of(entry);
            }
        }
        assertThat(jar).as("the jedis sources jar is on the test class path").isNotNull();
        AnalysisRequest request = AnalysisRequest.of(List.of(jar), jar.getParent(), productRules())
                .withConfidence(Confidence.LOW);
        AnalysisResult without = analyze(request);
        AnalysisResult cold = cached(request);
        AnalysisResult warm = cached(request);
        assertThat(shown(without)).as("jedis has findings to compare").hasSizeGreaterThan(5);
        assertThat(shown(cold)).isEqualTo(shown(without));
        assertThat(shown(warm)).isEqualTo(shown(without));
        assertThat(warm.stats().parsed()).isZero();
        assertThat(warm.stats().fromCache()).isEqualTo(without.stats().parsed());
    }
}
