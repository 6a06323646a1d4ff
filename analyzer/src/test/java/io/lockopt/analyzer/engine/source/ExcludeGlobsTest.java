package io.lockopt.analyzer.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.engine.AnalysisInputException;

class ExcludeGlobsTest {
    @Test
    void namesWithoutSlashMatchAtAnyDepth() {
        ExcludeGlobs globs = new ExcludeGlobs(List.of("*Test.java", "generated"));
        assertThat(globs.excludes("src/a/FooTest.java", "a/FooTest.java")).isTrue();
        assertThat(globs.excludes("src/generated/a/B.java", "generated/a/B.java")).isTrue();
        assertThat(globs.excludes("src/a/Foo.java", "a/Foo.java")).isFalse();
        assertThat(globs.excludes("src/generatedish/B.java", "generatedish/B.java")).isFalse();
    }

    @Test
    void pathsMatchFromTheBaseOrTheScannedRoot() {
        ExcludeGlobs globs = new ExcludeGlobs(List.of("**/internal/**", "gen/", "/legacy/*.java"));
        assertThat(globs.excludes("src/x/internal/A.java", "x/internal/A.java")).isTrue();
        assertThat(globs.excludes("internal/A.java", "internal/A.java")).isTrue(); // leading **/ also at the top
        assertThat(globs.excludes("mod/gen/deep/A.java", "gen/deep/A.java")).isTrue(); // relative to the root
        assertThat(globs.excludes("legacy/Old.java", "Old.java")).isTrue();
        assertThat(globs.excludes("legacy/sub/Old.java", "sub/Old.java")).isFalse(); // * stays in one directory
        assertThat(globs.excludes("lib/x-sources.jar!/a/internal/B.java", "a/internal/B.java")).isTrue();
    }

    @Test
    void emptyAndBadGlobs() {
        assertThat(new ExcludeGlobs(List.of(" ", "")).isEmpty()).isTrue();
        assertThatThrownBy(() -> new ExcludeGlobs(List.of("src/[a-")))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("bad exclude glob");
    }
}
