package io.lockopt.agent.instrument;

import java.util.List;

/**
 * Which classes to instrument, by class-name prefix: {@code --include} patterns (none means
 * everything), minus {@code --exclude} patterns, minus what is never instrumented. A pattern
 * is a package or class name, optionally ending in {@code .*} or {@code .**}
 * ({@code com.acme} and {@code com.acme.*} both mean "com.acme and below").
 */
final class PackageFilter {
    private final List<String> includes;
    private final List<String> excludes;
    private final List<String> alwaysExcluded;

    PackageFilter(List<String> includes, List<String> excludes, List<String> alwaysExcluded) {
        this.includes = includes.stream().map(PackageFilter::prefix).toList();
        this.excludes = excludes.stream().map(PackageFilter::prefix).toList();
        this.alwaysExcluded = alwaysExcluded;
    }

    boolean test(String className) {
        for (String prefix : alwaysExcluded) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        for (String prefix : excludes) {
            if (matches(className, prefix)) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (String prefix : includes) {
            if (matches(className, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String className, String prefix) {
        return className.equals(prefix) || className.startsWith(prefix + ".") || className.startsWith(prefix + "$");
    }

    private static String prefix(String pattern) {
        String p = pattern.strip();
        if (p.endsWith(".**")) {
            return p.substring(0, p.length() - 3);
        }
        if (p.endsWith(".*")) {
            return p.substring(0, p.length() - 2);
        }
        return p;
    }
}
