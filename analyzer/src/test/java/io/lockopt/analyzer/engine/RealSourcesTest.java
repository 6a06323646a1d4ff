package io.lockopt.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * The product's rules on a real library's sources jar (jedis, a test dependency): no rule fails
 * on it, and the project-wide rules conclude the same whether the prescreen decides what is
 * parsed or every file is parsed.
 */
class RealSourcesTest {

    private static Path sourcesJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("jedis") && entry.endsWith("-sources.jar")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("the jedis sources jar is not on the test class path");
    }

    private static List<ActiveRule> productRules() {
        return ServiceLoader.load(Rule.class).stream().map(ServiceLoader.Provider::get)
                .filter(rule -> rule.getClass().getPackageName().equals("io.lockopt.analyzer.rules"))
                .map(rule -> new ActiveRule(rule, rule.info().severity()))
                .toList();
    }

    private static AnalysisResult analyze(boolean prescreen) {
        Path jar = sourcesJar();
        return new Analyzer().analyze(AnalysisRequest.of(List.of(jar), jar.getParent(), productRules())
                .withPrescreen(prescreen)
                .withConfidence(Confidence.LOW));
    }

    private static List<String> projectFindings(AnalysisResult result) {
        List<String> projectRules = productRules().stream().filter(r -> r.rule() instanceof ProjectRule)
                .map(ActiveRule::id).toList();
        return result.findings().stream().filter(f -> projectRules.contains(f.ruleId()))
                .map(f -> f.ruleId() + " " + f.path() + ":" + f.region().line() + " " + f.fingerprint() + " "
                        + f.message())
                .toList();
    }

    /**
     * Trees of the files kept for the project-wide rules may be taken by the garbage collector and
     * parsed again (issue 11's memory bound): held weakly, every collection takes them, and the
     * findings, every rule's, are still the same.
     */
    @Test
    void findingsAreTheSameWhenKeptTreesAreParsedAgain() {
        AnalysisResult held = analyze(true);
        AnalysisResult parsedAgain;
        System.setProperty(SourceFile.WEAK_TREES_PROPERTY, "true");
        try {
            parsedAgain = analyze(true);
        } finally {
            System.clearProperty(SourceFile.WEAK_TREES_PROPERTY);
        }
        assertThat(parsedAgain.stats().parsedAgain()).as("trees parsed again").isPositive();
        assertThat(allFindings(parsedAgain)).isEqualTo(allFindings(held));
        assertThat(parsedAgain.diagnostics()).isEmpty();
    }

    private static List<String> allFindings(AnalysisResult result) {
        return result.findings().stream().map(f -> f.ruleId() + " " + f.path() + ":" + f.region().line() + " "
                + f.fingerprint() + " " + f.status() + " " + f.message()).toList();
    }

    @Test
    void projectFindingsAreTheSameWithAndWithoutThePrescreen() {
        AnalysisResult screened = analyze(true);
        AnalysisResult everything = analyze(false);
        assertThat(everything.stats().parsed()).as("--no-prescreen parses more files")
                .isGreaterThan(screened.stats().parsed() * 5);
        assertThat(projectFindings(screened)).as("the project-wide rules find something to compare").isNotEmpty();
        assertThat(projectFindings(everything)).isEqualTo(projectFindings(screened));
        assertThat(everything.findings()).hasSameSizeAs(screened.findings());
        assertThat(screened.diagnostics()).isEmpty();
        assertThat(everything.diagnostics()).isEmpty();
    }
}
