package io.lockopt.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.rules.SynchronizedOnNonFinalField;
import io.lockopt.analyzer.rules.VolatileIncrement;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.Severity;

/** Other tools' suppressions of the equivalent check, and test doubles' low confidence, through the engine. */
class ForeignSuppressionsTest {
    @TempDir
    Path dir;

    private static final String SOURCE = """
            package demo;
            class Book {
                private Object a = new Object();
                private Object b = new Object();
                private Object c = new Object();
                private Object d = new Object();
                private Object e = new Object();
                private volatile int hits;
                void swap() { a = b = c = d = e = new Object(); } void reset() { a = b = c = d = e = new Object(); } synchronized void locked() { hits++; }
                @SuppressWarnings("SynchronizeOnNonFinalField")
                void errorProne() { synchronized (a) { } }
                @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(value = {"ML_SYNC_ON_FIELD"})
                void spotBugsPrefix() { synchronized (b) { } }
                void intellij() {
                    //noinspection SynchronizeOnNonFinalField
                    synchronized (c) { }
                }
                void sonar() {
                    synchronized (d) { } // NOSONAR
                }
                void reported() { synchronized (e) { } }
                @SuppressWarnings("java:S3078")
                void volatileSonar() { hits++; }
                @SuppressWarnings("NonAtomicVolatileUpdate")
                void volatileErrorProne() { hits++; }
                void volatileReported() { hits++; }
                @edu.umd.cs.findbugs.annotations.SuppressFBWarnings(justification = "no value: every pattern")
                void spotBugsAll() { hits++; }
            }
            """;

    private Map<Integer, FindingStatus> scan(boolean foreign) throws IOException {
        Files.writeString(dir.resolve("Book.java"), SOURCE);
        AnalysisResult result = new Analyzer().analyze(AnalysisRequest.of(List.of(dir), dir,
                List.of(new ActiveRule(new SynchronizedOnNonFinalField(), Severity.WARNING),
                        new ActiveRule(new VolatileIncrement(), Severity.WARNING)))
                .withForeignSuppressions(foreign).withConfidence(Confidence.LOW)); // VolatileIncrement is low
        return result.findings().stream().collect(Collectors.toMap(f -> f.region().line(), Finding::status));
    }

    @Test
    void equivalentSuppressionsOfOtherToolsAreHonoured() throws IOException {
        assertThat(scan(true)).containsOnly(
                Map.entry(11, FindingStatus.SUPPRESSED), Map.entry(13, FindingStatus.SUPPRESSED),
                Map.entry(16, FindingStatus.SUPPRESSED), Map.entry(19, FindingStatus.SUPPRESSED),
                Map.entry(21, FindingStatus.NEW),
                Map.entry(23, FindingStatus.SUPPRESSED), Map.entry(25, FindingStatus.SUPPRESSED),
                Map.entry(26, FindingStatus.NEW), Map.entry(28, FindingStatus.SUPPRESSED));
    }

    @Test
    void ignoreForeignSuppressionsReportsThemAll() throws IOException {
        assertThat(scan(false).values()).hasSize(9).containsOnly(FindingStatus.NEW);
    }

    @Test
    void testDoublesAndTestPackagesAreLowConfidence() throws IOException {
        Path mock = dir.resolve("src/main/java/demo/MockProducer.java");
        Path testing = dir.resolve("src/main/java/demo/testing/Harness.java");
        Path real = dir.resolve("src/main/java/demo/Producer.java");
        for (Path file : List.of(mock, testing, real)) {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString().replace(".java", "");
            Files.writeString(file, "class " + name + " { private Object n = java.util.Collections.emptyList();"
                    + " void f() { synchronized (n) { n = new Object(); } } }\n");
        }
        AnalysisRequest request = AnalysisRequest.of(List.of(dir.resolve("src")), dir,
                List.of(new ActiveRule(new SynchronizedOnNonFinalField(), Severity.WARNING)));
        assertThat(new Analyzer().analyze(request).findings()).extracting(Finding::path)
                .containsExactly("src/main/java/demo/Producer.java");
        assertThat(new Analyzer().analyze(request.withConfidence(Confidence.LOW)).findings())
                .hasSize(3)
                .filteredOn(f -> !f.path().endsWith("/Producer.java"))
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("confidence", "low"));
    }
}
