package io.lockopt.analyzer.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.lockopt.analyzer.engine.AnalysisRequest;
import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Analyzer;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.baseline.Baseline;
import io.lockopt.analyzer.engine.testrules.TestRules;
import io.lockopt.files.AtomicFile;

class ReportsTest {
    /** GitLab's required fields of a Code Quality issue, written down as a JSON schema (test resource). */
    private static final JsonSchema GITLAB_CODE_QUALITY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(ReportsTest.class.getResourceAsStream("/schema/gitlab-code-quality.json"));

    @TempDir
    Path dir;

    private AnalysisResult result;

    @BeforeEach
    void scanSample() throws IOException {
        Files.createDirectories(dir.resolve("src/my dir"));
        Files.writeString(dir.resolve("src/my dir/Good.java"), """
                package demo;

                class Good {
                    private final Object lock = new Object();
                    void run() throws InterruptedException {
                        synchronized (lock) {
                            Thread.sleep(10);
                        }
                    }
                    @SuppressWarnings("lockopt")
                    void quiet() { synchronized (lock) { } }
                }
                """);
        Files.writeString(dir.resolve("src/Good.java"), "package other; class Good { void f() { synchronized (this) { } } }");
        Files.writeString(dir.resolve("src/Broken.java"), "class Broken { synchronized void f( }");
        result = new Analyzer().analyze(AnalysisRequest.of(List.of(dir.resolve("src")), dir, TestRules.active()));
    }

    private String render(ReportFormat format, AnalysisResult scan) throws IOException {
        StringWriter out = new StringWriter();
        format.write(scan, TestRules.registry(), ReportOptions.of(ToolInfo.lockopt("1.2.3")), out);
        return out.toString();
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema() throws IOException {
        JsonNode sarif = new ObjectMapper().readTree(render(ReportFormat.SARIF, result));
        assertThat(SarifSchemaCheck.problems(sarif)).isEmpty();
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").path(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("lockopt");
        assertThat(driver.path("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.path("rules")).hasSize(4);
        JsonNode syncRule = driver.path("rules").path(1);
        assertThat(syncRule.path("id").asText()).isEqualTo("FlagSynchronizedBlock");
        assertThat(syncRule.path("shortDescription").path("text").asText()).startsWith("Flags every synchronized");
        assertThat(syncRule.path("fullDescription").path("text").asText())
                .isEqualTo("Flags every `synchronized` block, so engine tests have findings to work with.");
        assertThat(syncRule.path("help").path("markdown").asText()).contains("## Bad", "lock.unlock()");
        assertThat(syncRule.path("defaultConfiguration").path("level").asText()).isEqualTo("warning");
        assertThat(run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText()).startsWith("file:/").endsWith("/");

        JsonNode results = run.path("results");
        assertThat(results).hasSize(4); // the suppressed finding is left out
        assertThat(results).noneMatch(r -> r.has("suppressions"));
        JsonNode first = results.path(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("FlagSynchronizedBlock");
        assertThat(first.path("level").asText()).isEqualTo("warning");
        JsonNode location = first.path("locations").path(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("src/Good.java");
        assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(1);
        assertThat(first.path("partialFingerprints").path("lockopt/v1").asText()).hasSize(32);
        assertThat(results.findValues("uri")).extracting(JsonNode::asText).contains("src/my%20dir/Good.java");
        assertThat(results).filteredOn(r -> r.path("ruleId").asText().equals("SameSimpleClassName")).singleElement()
                .satisfies(r -> assertThat(r.path("relatedLocations").path(0).path("message").path("text").asText())
                        .isEqualTo("first declared here"));

        JsonNode invocation = run.path("invocations").path(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isTrue();
        assertThat(invocation.path("toolExecutionNotifications")).singleElement().satisfies(n -> {
            assertThat(n.path("level").asText()).isEqualTo("warning");
            assertThat(n.path("message").path("text").asText()).startsWith("cannot parse:");
            assertThat(n.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri")
                    .asText()).isEqualTo("src/Broken.java");
        });
    }

    @Test
    void sarifListsSuppressedFindingsOnlyWhenAsked() throws IOException {
        StringWriter out = new StringWriter();
        ReportFormat.SARIF.write(result, TestRules.registry(),
                ReportOptions.of(ToolInfo.lockopt("1.2.3")).withSuppressedInSarif(true), out);
        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        assertThat(SarifSchemaCheck.problems(sarif)).isEmpty();
        JsonNode results = sarif.path("runs").path(0).path("results");
        assertThat(results).hasSize(5);
        assertThat(results).filteredOn(r -> r.has("suppressions")).singleElement().satisfies(r -> {
            assertThat(r.path("suppressions").path(0).path("kind").asText()).isEqualTo("inSource");
            assertThat(r.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt())
                    .isEqualTo(11);
        });

        JsonNode without = new ObjectMapper().readTree(render(ReportFormat.SARIF, result));
        assertThat(without.path("runs").path(0).path("results").findValues("startLine"))
                .extracting(JsonNode::asInt).doesNotContain(11);
    }

    @Test
    void codeClimateIsGitLabCodeQualityWithNewFindingsOnly() throws IOException {
        JsonNode issues = new ObjectMapper().readTree(render(ReportFormat.CODECLIMATE, result));
        assertThat(GITLAB_CODE_QUALITY.validate(issues)).isEmpty();
        assertThat(issues).hasSize(4); // new findings; not the suppressed one, nor the parse error
        JsonNode sleep = issues.findParents("check_name").stream()
                .filter(i -> i.path("check_name").asText().equals("FlagThreadSleep")).findFirst().orElseThrow();
        assertThat(sleep.path("description").asText()).isEqualTo("Thread.sleep blocks the thread");
        assertThat(sleep.path("severity").asText()).isEqualTo("critical");
        assertThat(sleep.path("location").path("path").asText()).isEqualTo("src/my dir/Good.java");
        assertThat(sleep.path("location").path("lines").path("begin").asInt()).isEqualTo(7);
        assertThat(sleep.path("fingerprint").asText()).isEqualTo(result.findings().stream()
                .filter(f -> f.ruleId().equals("FlagThreadSleep")).findFirst().orElseThrow().fingerprint());
        for (JsonNode issue : issues) {
            assertThat(issue.path("severity").asText()).isEqualTo(switch (issue.path("check_name").asText()) {
                case "FlagThreadSleep" -> "critical"; // error
                case "SameSimpleClassName" -> "minor"; // note
                default -> "major"; // warning
            });
        }
        // GitLab shows only the first issue of a fingerprint.
        assertThat(issues.findValuesAsText("fingerprint")).doesNotHaveDuplicates();
    }

    @Test
    void codeClimateFingerprintsSurviveARerunAndMovedLines() throws IOException {
        String first = render(ReportFormat.CODECLIMATE, result);
        String again = render(ReportFormat.CODECLIMATE,
                new Analyzer().analyze(AnalysisRequest.of(List.of(dir.resolve("src")), dir, TestRules.active())));
        assertThat(again).isEqualTo(first);

        for (Path file : List.of(dir.resolve("src/Good.java"), dir.resolve("src/my dir/Good.java"))) {
            Files.writeString(file, "// moved down\n\n" + Files.readString(file));
        }
        JsonNode moved = new ObjectMapper().readTree(render(ReportFormat.CODECLIMATE,
                new Analyzer().analyze(AnalysisRequest.of(List.of(dir.resolve("src")), dir, TestRules.active()))));
        JsonNode before = new ObjectMapper().readTree(first);
        assertThat(moved.findValuesAsText("fingerprint"))
                .containsExactlyInAnyOrderElementsOf(before.findValuesAsText("fingerprint"));
        assertThat(moved.findValues("begin")).extracting(JsonNode::asInt)
                .containsExactlyInAnyOrderElementsOf(before.findValues("begin").stream().map(b -> b.asInt() + 2).toList());
    }

    @Test
    void codeClimateSchemaCheckRejectsAnIssueWithoutItsRequiredFields() throws IOException {
        JsonNode missing = new ObjectMapper().readTree(
                "[{\"description\": \"d\", \"check_name\": \"c\", \"severity\": \"minor\", \"location\": {\"path\": \"a\"}}]");
        assertThat(GITLAB_CODE_QUALITY.validate(missing)).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("fingerprint")).anyMatch(m -> m.contains("lines"));
        JsonNode badSeverity = new ObjectMapper().readTree("[{\"description\": \"d\", \"check_name\": \"c\","
                + " \"fingerprint\": \"f\", \"severity\": \"warning\", \"location\": {\"path\": \"a\","
                + " \"lines\": {\"begin\": 1}}}]");
        assertThat(GITLAB_CODE_QUALITY.validate(badSeverity)).isNotEmpty();
    }

    @Test
    void sarifMarksBaselineStateWhenABaselineIsUsed() throws IOException {
        Baseline baseline = new Baseline(Baseline.FORMAT_VERSION, Baseline.of(result.findings()).findings().subList(0, 1));
        AnalysisResult withBaseline = new Analyzer().analyze(AnalysisRequest.of(List.of(dir.resolve("src")), dir,
                TestRules.active()).withBaseline(Optional.of(baseline)));
        JsonNode sarif = new ObjectMapper().readTree(render(ReportFormat.SARIF, withBaseline));
        assertThat(SarifSchemaCheck.problems(sarif)).isEmpty();
        assertThat(sarif.path("runs").path(0).path("results").findValues("baselineState"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("unchanged", "new", "new", "new");
    }

    @Test
    void measuredEvidenceGoesIntoRankAndPropertiesAndStaysValidSarif() throws IOException {
        Finding first = result.findings().get(0);
        Measurements measured = new Measurements(
                java.util.Map.of(first, new Measurements.Measured(73, "1,000 acquisitions", java.util.Map.of(
                        "acquisitions", 1000L, "holdP50Nanos", 190L))),
                List.of(new Measurements.HotLock("demo.Hot.lock", new io.lockopt.analyzer.engine.Location(
                        "src/Hot.java", new io.lockopt.analyzer.engine.Region(3, 1, 3, 1), null),
                        new Measurements.Measured(40, "hot", java.util.Map.of("acquisitions", 5L)))));
        StringWriter out = new StringWriter();
        ReportFormat.SARIF.write(result, measured, TestRules.registry(), ReportOptions.of(ToolInfo.lockopt("1.2.3")), out);

        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        assertThat(SarifSchemaCheck.problems(sarif)).isEmpty();
        JsonNode results = sarif.path("runs").path(0).path("results");
        JsonNode withEvidence = results.path(0);
        assertThat(withEvidence.path("rank").asDouble()).isEqualTo(73.0);
        assertThat(withEvidence.path("properties").path("evidence").path("holdP50Nanos").asLong()).isEqualTo(190);
        JsonNode hot = results.path(results.size() - 1);
        assertThat(hot.path("ruleId").asText()).isEqualTo(Measurements.HOT_LOCK_RULE);
        assertThat(hot.path("rank").asDouble()).isEqualTo(40.0);
        assertThat(sarif.path("runs").path(0).path("tool").path("driver").path("rules").findValuesAsText("id"))
                .contains(Measurements.HOT_LOCK_RULE);

        StringWriter text = new StringWriter();
        ReportFormat.TEXT.write(result, measured, TestRules.registry(),
                ReportOptions.of(ToolInfo.lockopt("1.2.3")).withSummary(false), text);
        assertThat(text.toString()).contains("    measured (rank 73): 1,000 acquisitions")
                .contains("src/Hot.java:3:1: note: demo.Hot.lock measured hot (rank 40): hot [MeasuredHotLock]");
    }

    @Test
    void fullDescriptionIsTheFirstProseParagraph() {
        String page = "# Rule\n\n**Severity:** error\n\nFirst line\nsecond line.\n\n## Bad\n\n```java\nx();\n```\n";
        assertThat(SarifReport.firstParagraph(page, "fallback")).isEqualTo("First line second line.");
        assertThat(SarifReport.firstParagraph("# Only a title\n```\ncode\n```\n", "fallback")).isEqualTo("fallback");
    }

    @Test
    void schemaCheckRejectsBrokenSarif() throws IOException {
        JsonNode broken = new ObjectMapper().readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
        assertThat(SarifSchemaCheck.problems(broken)).isNotEmpty().anyMatch(p -> p.contains("tool"));
    }

    @Test
    void textIsCompilerStyleWithSummary() throws IOException {
        String text = render(ReportFormat.TEXT, result);
        assertThat(text).contains(
                "src/Good.java:1:54: warning: synchronized on this; use a lock object instead [FlagSynchronizedBlock]\n",
                "src/my dir/Good.java:7:13: error: Thread.sleep blocks the thread [FlagThreadSleep]\n",
                "src/Broken.java:1:35: warning: cannot parse: Parse error. Found \"}\"",
                "src/Good.java:1:22: note: first declared here\n",
                "3 files scanned in ",
                "4 findings (FlagSynchronizedBlock 2, FlagThreadSleep 1, SameSimpleClassName 1), 1 suppressed, 0 baselined, 1 parse error");
        assertThat(text).doesNotContain(":11:");
    }

    @Test
    void jsonCarriesEveryFindingWithItsStatus() throws IOException {
        JsonNode json = new ObjectMapper().readTree(render(ReportFormat.JSON, result));
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("findings").asInt()).isEqualTo(4);
        assertThat(json.path("summary").path("suppressed").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("parseErrors").asInt()).isEqualTo(1);
        assertThat(json.path("findings")).hasSize(5);
        JsonNode sleep = json.path("findings").findParents("rule").stream()
                .filter(f -> f.path("rule").asText().equals("FlagThreadSleep")).findFirst().orElseThrow();
        assertThat(sleep.path("severity").asText()).isEqualTo("error");
        assertThat(sleep.path("file").asText()).isEqualTo("src/my dir/Good.java");
        assertThat(sleep.path("line").asInt()).isEqualTo(7);
        assertThat(sleep.path("column").asInt()).isEqualTo(13);
        assertThat(sleep.path("endLine").asInt()).isEqualTo(7);
        assertThat(sleep.path("endColumn").asInt()).isEqualTo(29); // exclusive: "Thread.sleep(10)" ends at 28
        assertThat(sleep.path("status").asText()).isEqualTo("new");
        assertThat(sleep.path("properties").path("call").asText()).isEqualTo("Thread.sleep");
        Finding finding = result.findings().stream().filter(f -> f.ruleId().equals("FlagThreadSleep")).findFirst().orElseThrow();
        assertThat(sleep.path("fingerprint").asText()).isEqualTo(finding.fingerprint());
        assertThat(json.path("diagnostics").path(0).path("kind").asText()).isEqualTo("unparsable");
    }

    @Test
    void atomicWriteReplacesWholeFilesAndLeavesNoTemporaries() throws IOException {
        Path target = dir.resolve("out/report.sarif");
        AtomicFile.write(target, out -> out.write("first"));
        AtomicFile.write(target, out -> out.write("second"));
        assertThat(Files.readString(target)).isEqualTo("second");
        try {
            AtomicFile.write(target, out -> {
                out.write("partial");
                throw new IOException("disk full");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("disk full");
        }
        assertThat(Files.readString(target)).isEqualTo("second");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
        AtomicFile.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }

    @Test
    void atomicWriteGivesReportsTheUsualPermissionsNotOwnerOnly() throws IOException {
        Path target = dir.resolve("report.json");
        Path plain = Files.createFile(dir.resolve("plain.json"));
        AtomicFile.write(target, out -> out.write("{}"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                target.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
