package io.lockopt.analyzer.facts;

import java.util.Arrays;

import com.github.javaparser.ast.Node;

import io.lockopt.analyzer.spi.SourceFile;

/**
 * The comment written just above a declaration (its Javadoc, or a run of line comments), read from
 * the file's text: the parser does not attribute comments to nodes (work no rule needs otherwise),
 * and a declaration's documentation sometimes states a contract a rule should respect ("This
 * class is NOT thread-safe", "upon return ... the thread must itself check").
 */
public final class DeclarationComments {
    private DeclarationComments() {
    }

    /** The comment above {@code declaration} in {@code file}, or empty. */
    public static String of(SourceFile file, Node declaration) {
        return declaration.getBegin().map(begin -> before(lines(file.text()), begin.line)).orElse("");
    }

    /** The text's lines as JavaParser numbers them: split at CR LF, CR or LF only (not at form feeds, as \R would). */
    public static String[] lines(String text) {
        return text.split("\r\n|\r|\n", -1);
    }

    /**
     * The comment that ends just above line {@code line} (1-based; blank lines between allowed):
     * a block comment, or a run of line comments; empty when there is none.
     */
    public static String before(String[] lines, int line) {
        int i = line - 2;
        while (i >= 0 && lines[i].isBlank()) {
            i--;
        }
        if (i < 0) {
            return "";
        }
        int end = i;
        if (lines[i].strip().endsWith("*/")) {
            while (i >= 0 && !lines[i].contains("/*")) {
                i--;
            }
            return i < 0 ? "" : String.join("\n", Arrays.asList(lines).subList(i, end + 1));
        }
        while (i >= 0 && lines[i].strip().startsWith("//")) {
            i--;
        }
        return String.join("\n", Arrays.asList(lines).subList(i + 1, end + 1));
    }
}
