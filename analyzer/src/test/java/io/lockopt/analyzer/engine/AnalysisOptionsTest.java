package io.lockopt.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.engine.config.LockoptConfig;
import io.lockopt.analyzer.engine.testrules.TestRules;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.Severity;

class AnalysisOptionsTest {
    @TempDir
    Path dir;

    private static AnalysisOptions options(Optional<Integer> targetJdk, int defaultTargetJdk, List<String> excludes) {
        return new AnalysisOptions(Optional.empty(), List.of(), List.of("FlagThreadSleep"), excludes, targetJdk,
                defaultTargetJdk, Optional.of(2), StandardCharsets.UTF_8, Optional.empty(), true, Optional.empty(),
                true);
    }

    @Test
    void anOptionWinsOverTheFileAndTheFileOverTheDefault() throws IOException {
        Path module = Files.createDirectories(dir.resolve("module"));
        Files.writeString(dir.resolve("lockopt.yml"),
                "targetJdk: 21\nexclude: ['**/gen/**']\nconfidence: low\nclasspathSources: [lib/a-sources.jar]\n");
        RuleRegistry registry = TestRules.registry();

        LockoptConfig config = options(Optional.empty(), 11, List.of()).configuration(List.of(module, dir), registry);
        assertThat(config.targetJdk()).contains(21);

        AnalysisRequest fromFile = options(Optional.empty(), 11, List.of("*Test.java"))
                .request(List.of(module), dir, config, registry);
        assertThat(fromFile.settings().targetJdk()).isEqualTo(21);
        assertThat(fromFile.excludes()).containsExactly("**/gen/**", "*Test.java");
        assertThat(fromFile.confidence()).isEqualTo(Confidence.LOW);
        assertThat(fromFile.threads()).isEqualTo(2);
        assertThat(fromFile.classpathSources()).containsExactly(dir.resolve("lib/a-sources.jar").toAbsolutePath());
        assertThat(fromFile.rules()).extracting(ActiveRule::id).doesNotContain("FlagThreadSleep").isNotEmpty();

        assertThat(options(Optional.of(25), 11, List.of()).request(List.of(module), dir, config, registry)
                .settings().targetJdk()).isEqualTo(25);
        assertThat(options(Optional.empty(), 11, List.of()).request(List.of(module), dir, LockoptConfig.empty(), registry)
                .settings().targetJdk()).isEqualTo(11);
    }

    @Test
    void aNamedConfigurationFileThatIsMissingIsAnInputError() {
        AnalysisOptions options = new AnalysisOptions(Optional.of(dir.resolve("nope.yml")), List.of(), List.of(),
                List.of(), Optional.empty(), 17, Optional.empty(), StandardCharsets.UTF_8, Optional.empty(), true,
                Optional.empty(), true);
        assertThatThrownBy(() -> options.configuration(List.of(dir), TestRules.registry()))
                .isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("nope.yml");
    }

    @Test
    void failOnParsesItsFourLevelsInAnyCase() {
        assertThat(FailOn.parse("Warning")).contains(FailOn.WARNING);
        assertThat(FailOn.parse(" never ")).contains(FailOn.NEVER);
        assertThat(FailOn.parse("sometimes")).isEmpty();
        assertThat(FailOn.parse(null)).isEmpty();
        assertThat(FailOn.ERROR.threshold()).contains(Severity.ERROR);
        assertThat(FailOn.NEVER.threshold()).isEmpty();
    }
}
