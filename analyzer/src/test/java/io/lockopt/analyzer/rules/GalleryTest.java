package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Rule;

/**
 * Every rule over the gallery in {@code samples/antipatterns}: each {@code Bad.java} is flagged
 * by its rule on exactly the marked lines, and each {@code Good.java} is silent for every rule
 * (at the default target JDK; {@code VirtualThreadPinning}'s own pair is checked at JDK 21,
 * where {@code wait()} inside {@code synchronized} in other fixed twins does pin).
 */
class GalleryTest {
    private static final Path GALLERY = Path.of("..", "samples", "antipatterns");
    /** A target JDK at which every rule, VirtualThreadPinning included, is active. */
    private static final int PINNING_JDK = 21;

    /** The product's rules (test-only rules other suites register are left out). */
    static List<Rule> fileRules() {
        return ServiceLoader.load(Rule.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(rule -> rule.getClass().getPackageName().equals("io.lockopt.analyzer.rules"))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> badFilesAreFlaggedByTheirRule() {
        return fileRules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Path bad = GALLERY.resolve(rule.id()).resolve("Bad.java");
            assertThat(bad).as("gallery entry of " + rule.id()).exists();
            RuleTester tester = RuleTester.of(rule).targetJdk(PINNING_JDK);
            String source = read(bad);
            assertThat(tester.markers(source)).as("Bad.java marks its findings").isNotEmpty();
            tester.check(bad.toString(), source);
        }));
    }

    @TestFactory
    Stream<DynamicTest> goodFilesAreSilentForEveryRule() {
        List<Rule> rules = fileRules();
        return rules.stream().map(owner -> DynamicTest.dynamicTest(owner.id(), () -> {
            Path good = GALLERY.resolve(owner.id()).resolve("Good.java");
            assertThat(good).as("fixed twin of " + owner.id()).exists();
            String source = read(good);
            for (Rule rule : rules) {
                assertThat(RuleTester.of(rule).findings(good.toString(), source))
                        .as(rule.id() + " on " + good).isEmpty();
            }
            assertThat(RuleTester.of(owner).targetJdk(PINNING_JDK).findings(good.toString(), source))
                    .as(owner.id() + " on " + good + " at JDK " + PINNING_JDK).isEmpty();
        }));
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    /** The gallery shows real Java: every file compiles on its own (no module compiles them otherwise). */
    @TestFactory
    Stream<DynamicTest> galleryFilesCompile(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(GALLERY)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(GALLERY.relativize(file).toString(), () -> {
            Path classes = Files.createTempDirectory(out, "classes");
            StringWriter errors = new StringWriter();
            boolean ok = javac.getTask(errors, null, null,
                    List.of("-d", classes.toString(), "-proc:none", "-Xlint:none"), null,
                    javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                            .getJavaFileObjects(file.toFile())).call();
            assertThat(ok).as(errors.toString()).isTrue();
        }));
    }
}
