package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.RuleInfo;

/** Every registered rule is a final class in this package with metadata and an explanation page. */
class RuleCatalogTest {

    @Test
    void everyRuleHasMetadataAndAPage() throws IOException {
        assertThat(GalleryTest.fileRules()).isNotEmpty();
        for (Rule rule : GalleryTest.fileRules()) {
            Class<?> type = rule.getClass();
            assertThat(Modifier.isFinal(type.getModifiers())).as(rule.id() + " is final").isTrue();
            assertThat(type.getPackageName()).isEqualTo("io.lockopt.analyzer.rules");
            RuleInfo info = rule.info();
            assertThat(info.summary()).as(rule.id() + " summary").isNotBlank().doesNotContain(rule.id());
            try (InputStream in = type.getResourceAsStream(rule.id() + ".md")) {
                assertThat(in).as(rule.id() + ".md").isNotNull();
                String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(page).startsWith("# " + rule.id()).contains("## Bad").contains("## Good")
                        .contains("**Severity:** " + info.severity().label());
            }
        }
    }

    @Test
    void everyRuleClassIsRegistered() throws IOException {
        Set<String> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/lockopt/analyzer/rules"))) {
            sources = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .collect(Collectors.toSet());
        }
        assertThat(GalleryTest.fileRules()).extracting(Rule::id).containsExactlyInAnyOrderElementsOf(sources);
    }

    @Test
    void testerFailsWhenAMarkedLineIsSilent() {
        RuleTester tester = RuleTester.of(new TryLockResultIgnored());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tester.check("""
                class A {
                    void run() { } // expect: TryLockResultIgnored
                }
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("expected findings on lines [2]");
    }

    @Test
    void testerFailsOnAnUnmarkedFinding() {
        RuleTester tester = RuleTester.of(new TryLockResultIgnored());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tester.check("""
                import java.util.concurrent.locks.ReentrantLock;
                class A {
                    final ReentrantLock lock = new ReentrantLock();
                    void run() {
                        lock.tryLock();
                    }
                }
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("but got [5]");
    }
}
