package io.lockopt.analyzer.spi;

import java.util.List;

/**
 * A cheap textual test run on a file's text before it is parsed: files no enabled rule's
 * prescreen accepts are never parsed. Parsing dominates the cost of a scan and most files of a
 * code base touch no lock at all, so this is where the speed comes from. A rule that needs more
 * files (a project-wide pass that follows calls into lock-free code) returns a wider prescreen
 * from {@link Rule#prescreen()}, up to {@link #ALL}.
 */
@FunctionalInterface
public interface Prescreen {

    /** True when the file may hold something the rule looks at; false only when it certainly does not. */
    boolean mayMatter(String sourceText);

    /** Every file. */
    Prescreen ALL = text -> true;

    /**
     * Files that mention a monitor, a volatile field, {@code java.util.concurrent} (every JDK
     * lock, condition, latch and executor lives there and needs an import or a qualified name),
     * lockopt's own lock library, or the {@code Object} monitor methods.
     */
    Prescreen CONCURRENCY = anyOf(List.of(
            "synchronized", "volatile", "java.util.concurrent", "io.lockopt.locks", "wait(", "notify"));

    /** Accepts files containing at least one of {@code keywords} (plain substrings, case-sensitive). */
    static Prescreen anyOf(List<String> keywords) {
        List<String> copy = List.copyOf(keywords);
        return text -> {
            for (String keyword : copy) {
                if (text.contains(keyword)) {
                    return true;
                }
            }
            return false;
        };
    }
}
