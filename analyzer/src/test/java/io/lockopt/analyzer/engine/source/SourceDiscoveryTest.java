package io.lockopt.analyzer.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDiscoveryTest {
    @TempDir
    Path dir;

    private void write(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class A {}");
    }

    private List<String> paths(Path base, Path... roots) {
        try (SourceSet sources = new SourceDiscovery(base, new ExcludeGlobs(List.of("**/skip/**")))
                .discover(List.of(roots))) {
            return sources.inputs().stream().map(SourceInput::path).toList();
        }
    }

    @Test
    void pathsAreRelativeToTheBaseWhereverTheRootIs() throws IOException {
        write("base/src/a/A.java");
        write("base/src/skip/S.java");
        write("base/B.java");
        write("other/lib/c/C.java");
        Path base = dir.resolve("base");
        assertThat(paths(base, base)).containsExactly("B.java", "src/a/A.java");
        assertThat(paths(base, base.resolve("src"))).containsExactly("src/a/A.java");
        assertThat(paths(base, base.resolve("src/../src/a"))).containsExactly("src/a/A.java");
        assertThat(paths(base, dir.resolve("other/lib"))).containsExactly("../other/lib/c/C.java");
    }

    /** A root that links to a directory is read where it points; its files keep the root's name. */
    @Test
    void aRootThatIsALinkToADirectoryIsWalked() throws IOException {
        write("real/src/a/A.java");
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.createSymbolicLink(base.resolve("linked"), dir.resolve("real/src"));
        assertThat(paths(base, base.resolve("linked"))).containsExactly("linked/a/A.java");
    }

    @Test
    void aFileHasAStampOnlyOnceItHasSettled() throws IOException {
        write("src/A.java");
        try (SourceSet sources = new SourceDiscovery(dir, new ExcludeGlobs(List.of())).discover(List.of(dir))) {
            SourceInput input = sources.inputs().get(0);
            assertThat(input.stamp(Instant.now().minusSeconds(60))).as("just written").isEmpty();
            String stamp = input.stamp(Instant.now().plusSeconds(60)).orElseThrow();
            assertThat(stamp).startsWith("10 ");
            assertThat(input.stamp(Instant.now().plusSeconds(60))).contains(stamp);
        }
    }
}
