package io.lockopt.analyzer.engine;

import java.util.regex.Pattern;

/**
 * Code whose findings are low-confidence wherever they are: test doubles and test harnesses
 * shipped in production sources ({@code MockProducer}, {@code FakeClock}, a {@code testing}
 * package), whose locking is written for tests that run one scenario at a time, and
 * {@code @Deprecated} code, which is on its way out (and often no longer used at all).
 */
final class TestSupport {
    private static final Pattern TEST_PACKAGE = Pattern.compile("(^|[/!])(test|tests|testing|testutil|testutils|mock|mocks)/");
    private static final Pattern TEST_DOUBLE = Pattern.compile("(^|[.$#/])(Mock|Fake|Stub|Dummy)[A-Z]\\w*");

    private TestSupport() {
    }

    /** True for a finding in {@code path} inside {@code enclosing} ({@link Enclosing#of}) that is test support. */
    static boolean isTestSupport(String path, String enclosing) {
        return TEST_PACKAGE.matcher(path).find() || TEST_DOUBLE.matcher(enclosing).find();
    }

    /** True when a declaration around {@code node} is {@code @Deprecated}: code on its way out. */
    static boolean isDeprecated(com.github.javaparser.ast.Node node) {
        for (com.github.javaparser.ast.Node n = node; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof com.github.javaparser.ast.nodeTypes.NodeWithAnnotations<?> annotated
                    && annotated.getAnnotations().stream()
                            .anyMatch(a -> a.getName().getIdentifier().equals("Deprecated"))) {
                return true;
            }
        }
        return false;
    }
}
