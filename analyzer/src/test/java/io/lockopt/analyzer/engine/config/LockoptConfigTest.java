package io.lockopt.analyzer.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.engine.ActiveRule;
import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.RuleSelection;
import io.lockopt.analyzer.engine.testrules.TestRules;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Severity;

class LockoptConfigTest {
    @TempDir
    Path dir;

    private LockoptConfig load(String yaml) throws IOException {
        Path file = dir.resolve("lockopt.yml");
        Files.writeString(file, yaml);
        return LockoptConfig.load(file, TestRules.registry());
    }

    @Test
    void readsRulesExcludesAndTargetJdk() throws IOException {
        LockoptConfig config = load("""
                rules:
                  FlagThreadSleep:
                    enabled: false
                  FlagSynchronizedBlock:
                    severity: error
                    limit: 3
                exclude:
                  - "**/generated/**"
                targetJdk: 21
                """);
        assertThat(config.exclude()).containsExactly("**/generated/**");
        assertThat(config.targetJdk()).contains(21);
        assertThat(config.ruleOptions()).isEqualTo(Map.of("FlagSynchronizedBlock", Map.of("limit", 3)));
        AnalysisSettings settings = new AnalysisSettings(21, config.ruleOptions());
        assertThat(settings.option("FlagSynchronizedBlock", "limit", 1)).isEqualTo(3.0);

        List<ActiveRule> active = RuleSelection.resolve(TestRules.registry(), config, List.of(), List.of());
        assertThat(active).extracting(ActiveRule::id).containsExactly("FailOnMarker", "FlagSynchronizedBlock",
                "SameSimpleClassName");
        assertThat(active.get(1).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void unknownTopLevelKeyNamesKeyAndFile() {
        assertThatThrownBy(() -> load("rules: {}\nexcludes: [x]\n"))
                .isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("lockopt.yml").hasMessageContaining("unknown key 'excludes'");
    }

    @Test
    void unknownRuleAndUnknownOptionAreErrors() {
        assertThatThrownBy(() -> load("rules:\n  NoSuchRule:\n    enabled: false\n"))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("unknown rule 'NoSuchRule'");
        assertThatThrownBy(() -> load("rules:\n  FlagThreadSleep:\n    limit: 3\n"))
                .isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("lockopt.yml").hasMessageContaining("unknown key 'rules.FlagThreadSleep.limit'");
        assertThatThrownBy(() -> load("rules:\n  FlagThreadSleep:\n    severity: fatal\n"))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("error, warning or note");
    }

    @Test
    void malformedYamlIsAnInputError() {
        assertThatThrownBy(() -> load("rules: [unclosed\n"))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("not valid YAML");
        // The line and column where the parser gave up, and its reason, on one line.
        assertThatThrownBy(() -> load("exclude:\n  - '**/gen/**'\nrules:\n\tFlagThreadSleep:\n    enabled: false\n"))
                .isInstanceOf(AnalysisInputException.class)
                .hasMessageEndingWith("lockopt.yml:4:1: not valid YAML: while scanning for the next token; "
                        + "found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertThat(load("")).isEqualTo(LockoptConfig.empty());
    }

    @Test
    void findsDefaultFileNames() throws IOException {
        assertThat(LockoptConfig.findIn(dir)).isEmpty();
        Files.writeString(dir.resolve(".lockopt.yml"), "");
        assertThat(LockoptConfig.findIn(dir)).contains(dir.resolve(".lockopt.yml"));
        Files.writeString(dir.resolve("lockopt.yml"), "");
        assertThat(LockoptConfig.findIn(dir)).contains(dir.resolve("lockopt.yml"));
    }

    @Test
    void enableRestrictsAndReenablesDisableRemoves() throws IOException {
        LockoptConfig config = load("rules:\n  FlagThreadSleep:\n    enabled: false\n");
        assertThat(RuleSelection.resolve(TestRules.registry(), config, List.of("FlagThreadSleep,FailOnMarker"), List.of()))
                .extracting(ActiveRule::id).containsExactly("FailOnMarker", "FlagThreadSleep");
        assertThat(RuleSelection.resolve(TestRules.registry(), config, List.of(), List.of("FailOnMarker")))
                .extracting(ActiveRule::id).containsExactly("FlagSynchronizedBlock", "SameSimpleClassName");
        assertThatThrownBy(() -> RuleSelection.resolve(TestRules.registry(), config, List.of("Nope"), List.of()))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("unknown rule 'Nope' in --enable");
    }

    @Test
    void confidenceIsHighOrLow() throws IOException {
        assertThat(load("confidence: low\n").confidence()).contains(io.lockopt.analyzer.spi.Confidence.LOW);
        assertThat(load("confidence: HIGH\n").confidence()).contains(io.lockopt.analyzer.spi.Confidence.HIGH);
        assertThat(load("targetJdk: 21\n").confidence()).isEmpty();
        assertThatThrownBy(() -> load("confidence: medium\n")).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("'confidence' must be high or low");
    }
}
