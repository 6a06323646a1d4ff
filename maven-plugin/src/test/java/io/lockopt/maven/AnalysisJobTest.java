package io.lockopt.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.spi.Confidence;

/** The job as the forked JVM reads it back, and the lines it answers with. */
class AnalysisJobTest {
    private static AnalysisJob job(Optional<Path> config, Optional<String> changedSince, List<String> excludes) {
        return new AnalysisJob(List.of(Path.of("/p/a/src/main/java"), Path.of("/p/b/src/main/java")), Path.of("/p"),
                List.of(Path.of("/p/a"), Path.of("/p")), config, List.of("UnreleasedLock"), List.of(), excludes,
                Optional.of(21), 17, Optional.of(3), StandardCharsets.ISO_8859_1, Optional.of(Path.of("/p/base line.json")),
                Optional.of(Confidence.LOW), changedSince, Path.of("/p/a"), List.of("sarif", "codeclimate"),
                Path.of("/p/a/target/lockopt"), true, "note", "1.2.3",
                config.map(c -> Path.of("/p/a/target/lockopt/cache.json")));
    }

    /** A target JDK newer than lockopt knows is warned about in the build log, as the CLI warns on stderr. */
    @Test
    void aTargetJdkNewerThanLockoptKnowsIsAWarning(@TempDir Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("A.java"), "class A { }\n");
        int newer = io.lockopt.analyzer.spi.AnalysisSettings.NEWEST_KNOWN_JDK + 1;
        AnalysisJob job = new AnalysisJob(List.of(sources), dir, List.of(dir), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.of(newer), 17, Optional.of(1), StandardCharsets.UTF_8, Optional.empty(),
                Optional.empty(), Optional.empty(), dir, List.of(), dir.resolve("out"), false, "never", "1.2.3",
                Optional.empty());
        List<String> warnings = new ArrayList<>();
        job.run(AnalysisJob.JobLog.of(line -> { }, warnings::add, line -> { }));
        assertThat(warnings).containsExactly("lockopt: warning: target JDK " + newer
                + " is newer than any this lockopt knows; its rules take it as "
                + io.lockopt.analyzer.spi.AnalysisSettings.NEWEST_KNOWN_JDK);
    }

    private static AnalysisJob roundTrip(AnalysisJob job) throws IOException {
        StringWriter out = new StringWriter();
        job.write(out);
        return AnalysisJob.read(new StringReader(out.toString()));
    }

    @Test
    void everySettingSurvivesTheTripToTheForkedJvm() throws IOException {
        AnalysisJob full = job(Optional.of(Path.of("/p/lockopt.yml")), Optional.of("origin/main"),
                List.of("**/generated/**", "*Test.java", "odd=name:with#chars"));
        assertThat(roundTrip(full)).isEqualTo(full);
        AnalysisJob sparse = job(Optional.empty(), Optional.empty(), List.of());
        assertThat(roundTrip(sparse)).isEqualTo(sparse);
    }

    @Test
    void linesWithNewlinesAndBackslashesComeBackWhole() {
        for (String text : List.of("plain", "two\nlines", "C:\\dir\\n-not-a-newline", "trailing\\", "cr\r\nlf")) {
            String escaped = ForkedAnalysis.Protocol.escape(text);
            assertThat(escaped).doesNotContain("\n", "\r");
            assertThat(ForkedAnalysis.Protocol.unescape(escaped)).isEqualTo(text);
        }
    }
}
