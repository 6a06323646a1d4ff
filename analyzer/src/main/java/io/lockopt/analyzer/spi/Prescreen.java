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

    /**
     * The engine's question: as {@link #mayMatter(String)}, for a prescreen that may also read
     * other files of the analysis ({@code others}) to tell whether this one matters; the answer
     * must still be false only when the file certainly does not.
     */
    default boolean mayMatter(String sourceText, SourceTexts others) {
        return mayMatter(sourceText);
    }

    /** Every file. */
    Prescreen ALL = text -> true;

    /**
     * Files that mention a monitor ({@code synchronized}, or a call of {@code wait}/{@code notify}/
     * {@code notifyAll}), the JDK's locks and conditions (every one of them lives in
     * {@code java.util.concurrent.locks}, which a file must import or spell out), or lockopt's own
     * lock library; files that lock something with {@code .lock()}, {@code .tryLock(..)} or {@code
     * .lockInterruptibly()} without naming its type (a lock field inherited from a superclass in
     * another file); and files that may update a volatile field with a read-modify-write
     * ({@link #mayUpdateVolatile}). The rest of {@code java.util.concurrent} (executors, futures,
     * latches, concurrent maps) matters to the method-level rules only while a lock is held, and
     * holding one needs one of the words above in the same file.
     */
    Prescreen CONCURRENCY = new LastAnswer(text -> containsAny(text, List.of("synchronized",
            "java.util.concurrent.locks", "io.lockopt.locks", ".lock()", ".tryLock(", ".lockInterruptibly()"))
            || containsCall(text, "wait") || containsCall(text, "notify") || containsCall(text, "notifyAll")
            || mayUpdateVolatile(text));

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

    /**
     * True when {@code text} declares a volatile field and, as far as text can tell, updates one by
     * reading it ({@code f++}, {@code --f}, {@code f += k}, {@code f = f + k}, {@code f = k - f}).
     * Over-approximates: names are taken loosely from the declarations, and when none can be
     * found the answer is yes.
     */
    static boolean mayUpdateVolatile(String text) {
        int at = text.indexOf("volatile");
        if (at < 0) {
            return false;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (; at >= 0; at = text.indexOf("volatile", at + 1)) {
            int end = text.indexOf(';', at);
            String declaration = text.substring(at + "volatile".length(), end < 0 ? text.length() : end);
            for (String declarator : declaration.split(",")) {
                java.util.regex.Matcher identifiers = VolatileNames.IDENTIFIER.matcher(declarator.split("=", 2)[0]);
                String last = null;
                while (identifiers.find()) {
                    last = identifiers.group();
                }
                if (last != null) {
                    names.add(last);
                }
            }
        }
        if (names.isEmpty()) {
            return true;
        }
        for (String name : names) {
            String n = java.util.regex.Pattern.quote(name);
            java.util.regex.Pattern update = java.util.regex.Pattern.compile(
                    "\\b" + n + "\\s*(?:\\+\\+|--|[-+*/%&|^]=|<<=|>>>?=)"
                    + "|(?:\\+\\+|--)\\s*(?:[A-Za-z0-9_$]+\\s*\\.\\s*)*" + n + "\\b"
                    + "|\\b" + n + "\\s*=(?!=)[^;]*\\b" + n + "\\b");
            if (update.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A prescreen that remembers, per thread, its answer for the text it was last asked about. Wider
     * prescreens of project rules include {@link #CONCURRENCY}, and the engine asks every distinct
     * prescreen about one file in a row on one worker thread: without this, the whole text would be
     * scanned once per such rule. Thread confinement (a {@code ThreadLocal}) makes it safe.
     */
    final class LastAnswer implements Prescreen {
        private final Prescreen delegate;
        private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

        LastAnswer(Prescreen delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean mayMatter(String sourceText) {
            Object[] memo = last.get();
            if (memo[0] != sourceText) {
                memo[1] = delegate.mayMatter(sourceText);
                memo[0] = sourceText;
            }
            return (Boolean) memo[1];
        }
    }

    /** Patterns of {@link #mayUpdateVolatile}, compiled once. */
    final class VolatileNames {
        static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

        private VolatileNames() {
        }
    }
}
