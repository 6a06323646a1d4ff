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
     * Files that mention a monitor ({@code synchronized}, or a call of {@code wait}/{@code notify}/
     * {@code notifyAll}), a {@code volatile} field, the JDK's locks and conditions (every one of
     * them lives in {@code java.util.concurrent.locks}, which a file must import or spell out), or
     * lockopt's own lock library. The rest of {@code java.util.concurrent} (executors, futures,
     * latches, concurrent maps) matters to the method-level rules only while a lock is held, and
     * holding one needs one of the words above in the same file.
     */
    Prescreen CONCURRENCY = text -> containsAny(text, List.of("synchronized", "volatile",
            "java.util.concurrent.locks", "io.lockopt.locks"))
            || containsCall(text, "wait") || containsCall(text, "notify") || containsCall(text, "notifyAll");

    /** Accepts files containing at least one of {@code keywords} (plain substrings, case-sensitive). */
    static Prescreen anyOf(List<String> keywords) {
        List<String> copy = List.copyOf(keywords);
        return text -> containsAny(text, copy);
    }

    /** True when {@code text} contains one of {@code keywords} (plain substrings, case-sensitive). */
    static boolean containsAny(String text, List<String> keywords) {
        for (String keyword : keywords) {
            if (text.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code text} contains {@code name(} not preceded by an identifier character ({@code await(} is not {@code wait(}). */
    static boolean containsCall(String text, String name) {
        String call = name + "(";
        for (int at = text.indexOf(call); at >= 0; at = text.indexOf(call, at + 1)) {
            if (at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1))) {
                return true;
            }
        }
        return false;
    }
}
