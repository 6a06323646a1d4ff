package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.ProjectRule;
import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * Runs one {@link FileRule} or {@link ProjectRule} over inline sources and checks its findings against markers in
 * the source: every line that must be flagged ends with {@code // expect: RuleId} (a high-confidence
 * finding) or {@code // expect-low: RuleId} (a low-confidence one), optionally
 * followed by a fragment the message must contain ({@code // expect: UnreleasedLock never released}),
 * itself optionally preceded by properties the finding must carry
 * ({@code // expect-low: InconsistentLocking [evidence=strong] Cache.map}).
 * Every unmarked line must stay silent. Markers naming other rules are ignored, so a gallery
 * file can carry markers for the rule it illustrates.
 */
final class RuleTester {
    private static final Pattern MARKER = Pattern.compile("//\\s*expect(-low)?:\\s*(\\w+)(?:\\s+(.*?))?\\s*$");
    /** {@code [evidence=strong]} at the start of a marker's fragment: a property the finding must carry. */
    private static final Pattern PROPERTY = Pattern.compile("\\[(\\w+)=([^\\]]*)]\\s*");

    private final Rule rule;
    private AnalysisSettings settings = AnalysisSettings.defaults();

    private RuleTester(Rule rule) {
        this.rule = rule;
    }

    static RuleTester of(Rule rule) {
        return new RuleTester(rule);
    }

    RuleTester targetJdk(int jdk) {
        settings = new AnalysisSettings(jdk, Map.of());
        return this;
    }

    /** Sets rule options as a configuration file would ({@code threshold -> 0.8}). */
    RuleTester options(Map<String, Object> options) {
        settings = new AnalysisSettings(settings.targetJdk(), Map.of(rule.id(), options));
        return this;
    }

    /** One reported finding, as the rule produced it. */
    record Finding(int line, int column, Node node, String message, List<Reporter.RelatedLocation> related,
            Map<String, String> properties, Confidence confidence) {
    }

    /** Asserts that exactly the marked lines are flagged, and returns the findings for further checks. */
    List<Finding> check(String source) {
        return check("Test.java", source);
    }

    List<Finding> check(String path, String source) {
        return checkFiles(Map.of(path, source)).get(path);
    }

    /**
     * Runs the rule over several files at once (a project rule sees them together) and checks each
     * file's markers; returns the findings per path.
     */
    Map<String, List<Finding>> checkFiles(Map<String, String> sources) {
        Map<String, List<Finding>> byPath = run(sources);
        byPath.forEach((path, findings) -> verify(path, findings, sources.get(path)));
        return byPath;
    }

    /** The findings of the rule on {@code source}, in report order, unchecked. */
    List<Finding> findings(String path, String source) {
        return run(Map.of(path, source)).get(path);
    }

    private Map<String, List<Finding>> run(Map<String, String> sources) {
        Map<String, SourceFile> files = new java.util.LinkedHashMap<>();
        // Other files of the test are found as the engine finds them: by the qualified name's path.
        io.lockopt.analyzer.spi.SourceLookup lookup = new io.lockopt.analyzer.spi.SourceLookup() {
            @Override
            public java.util.Optional<CompilationUnit> unitDeclaring(SourceFile from, String name) {
                return textDeclaring(from, name).map(RuleTester::parse);
            }

            @Override
            public java.util.Optional<String> textDeclaring(SourceFile from, String name) {
                return io.lockopt.analyzer.spi.SourceLookup.pathBeside(from, name).map(sources::get);
            }
        };
        new TreeMap<>(sources).forEach((path, source) -> files.put(path,
                new SourceFile(path, source, parse(source), settings, lookup)));
        Map<String, List<Finding>> byPath = new TreeMap<>();
        files.keySet().forEach(path -> byPath.put(path, new ArrayList<>()));
        Reporter reporter = new Reporter() {
            @Override
            public void report(SourceFile f, Node at, String message, List<RelatedLocation> related,
                    Map<String, String> properties, Confidence confidence) {
                assertThat(files.values()).as("reported in a scanned file").contains(f);
                int line = at.getBegin().map(p -> p.line).orElseThrow();
                int column = at.getBegin().map(p -> p.column).orElseThrow();
                for (RelatedLocation r : related) {
                    assertThat(files.values()).contains(r.file());
                    assertThat(r.node().getBegin()).as("related location has a position").isPresent();
                }
                byPath.get(f.path()).add(new Finding(line, column, at, message, related, properties, confidence));
            }
        };
        if (rule instanceof FileRule fileRule) {
            files.values().forEach(f -> fileRule.check(f, reporter));
        } else {
            ((ProjectRule) rule).check(List.copyOf(files.values()), reporter);
        }
        return byPath;
    }

    private void verify(String path, List<Finding> findings, String source) {
        java.util.Set<Integer> low = new TreeSet<>();
        Map<Integer, String> expected = markers(source, low);
        TreeSet<Integer> actualLines = new TreeSet<>();
        for (Finding f : findings) {
            actualLines.add(f.line());
        }
        if (!actualLines.equals(new TreeSet<>(expected.keySet()))) {
            StringBuilder report = new StringBuilder();
            report.append(rule.id()).append(" in ").append(path).append(": expected findings on lines ").append(expected.keySet())
                    .append(" but got ").append(actualLines).append('\n');
            for (Finding f : findings) {
                report.append("  ").append(f.line()).append(':').append(f.column()).append(' ')
                        .append(f.message()).append('\n');
            }
            fail(report.toString());
        }
        assertThat(findings.stream().map(f -> f.node().getRange().orElseThrow() + f.message()).distinct().count())
                .as("no finding reported twice").isEqualTo(findings.size());
        for (Finding f : findings) {
            String fragment = expected.get(f.line());
            Matcher property = PROPERTY.matcher(fragment);
            while (property.lookingAt()) {
                String key = property.group(1);
                String value = property.group(2);
                assertThat(findings.stream().filter(g -> g.line() == f.line())
                        .anyMatch(g -> value.equals(g.properties().get(key))))
                        .as("a finding on line %d with property %s=%s (got: %s)", f.line(), key, value, f.properties())
                        .isTrue();
                fragment = fragment.substring(property.end());
                property = PROPERTY.matcher(fragment);
            }
            if (!fragment.isEmpty()) {
                String text = fragment;
                boolean any = findings.stream().filter(g -> g.line() == f.line())
                        .anyMatch(g -> g.message().contains(text));
                assertThat(any).as("a message on line %d containing '%s' (got: %s)", f.line(), text, f.message())
                        .isTrue();
            }
            assertThat(f.confidence()).as("confidence of the finding on line %d (expect: high, expect-low: low)",
                    f.line()).isEqualTo(low.contains(f.line()) ? Confidence.LOW : Confidence.HIGH);
            assertThat(f.message()).as("message names no rule id").doesNotContain(rule.id());
            assertThat(f.message()).as("one sentence").doesNotContain("\n");
        }
    }

    /** Line number -> expected message fragment ("" for none) of the markers naming this rule. */
    Map<Integer, String> markers(String source) {
        return markers(source, new TreeSet<>());
    }

    /** As {@link #markers(String)}, collecting the lines marked {@code expect-low:} into {@code lowConfidence}. */
    Map<Integer, String> markers(String source, java.util.Set<Integer> lowConfidence) {
        Map<Integer, String> expected = new TreeMap<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARKER.matcher(lines[i]);
            if (m.find() && m.group(2).equals(rule.id())) {
                expected.put(i + 1, m.group(3) == null ? "" : m.group(3));
                if (m.group(1) != null) {
                    lowConfidence.add(i + 1);
                }
            }
        }
        return expected;
    }

    static CompilationUnit parse(String source) {
        JavaParser parser = new JavaParser(
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        ParseResult<CompilationUnit> result = parser.parse(source);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            fail("test source does not parse: " + result.getProblems());
        }
        return result.getResult().get();
    }
}
