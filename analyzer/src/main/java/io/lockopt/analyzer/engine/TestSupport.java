package io.lockopt.analyzer.engine;

import java.util.regex.Pattern;

/**
 * Test doubles and test harnesses shipped in production sources ({@code MockProducer},
 * {@code FakeClock}, a {@code testing} package): their locking is written for tests that run one
 * scenario at a time, so what the rules find there is low-confidence.
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
}
