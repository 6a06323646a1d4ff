package io.lockopt.analyzer.spi;

import java.util.Optional;

/**
 * The text of other source files of the same analysis, for a prescreen whose answer depends on
 * them ({@link Prescreen#mayMatter(String, SourceTexts)}): a file that matters because of a class
 * declared elsewhere (its subclass in another file) is told apart from the many that do not by
 * reading a few other files' text, which costs far less than parsing the file. Bound to the asking
 * file: names are looked up beside it, as {@link SourceLookup} does, and the {@code --cache} keeps
 * the decision with the files looked for, as it does for {@link SourceLookup}.
 */
@FunctionalInterface
public interface SourceTexts {

    /** The text of the file declaring the top-level type {@code qualifiedName}, or empty (not analyzed, unreadable). */
    Optional<String> text(String qualifiedName);

    /** No other file: tests and single-file callers. */
    SourceTexts NONE = qualifiedName -> Optional.empty();
}
