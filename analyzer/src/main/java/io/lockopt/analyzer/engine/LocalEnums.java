package io.lockopt.analyzer.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaParser 3.28 cannot parse an enum declared inside a method (Java 16; JavaParser issue 3990):
 * it stops at the enum's {@code {}. Rather than lose the whole file, the analysis blanks that local
 * enum out (spaces, line breaks kept, so every other position stays that of the text) and parses
 * again; only the enum itself, constants and all, goes unanalyzed.
 */
final class LocalEnums {
    /** {@code enum Name} (and an {@code implements} clause) right before the brace the parser refused. */
    private static final Pattern HEAD = Pattern.compile(
            "\\benum\\s+[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\s*(?:implements\\s[^{};]*)?$");
    /** How far before the brace the head is looked for. */
    private static final int WINDOW = 400;

    private LocalEnums() {
    }

    /**
     * {@code text} with the local enum the parser stopped at blanked out: the first {@code {} from
     * {@code near} (where the parser's problem begins: the enum's name) opens its body. Null when no
     * enum declaration ends right before that brace or its body does not close.
     */
    static String blankedAt(String text, int near) {
        int brace = near < 0 ? -1 : text.indexOf('{', near);
        if (brace < 0 || brace - near > WINDOW) {
            return null;
        }
        int from = Math.max(0, brace - WINDOW);
        Matcher head = HEAD.matcher(text.substring(from, brace));
        if (!head.find()) {
            return null;
        }
        int end = closingBrace(text, brace);
        if (end < 0) {
            return null;
        }
        StringBuilder blanked = new StringBuilder(text);
        for (int i = from + head.start(); i <= end; i++) {
            char c = blanked.charAt(i);
            if (c != '\n' && c != '\r') {
                blanked.setCharAt(i, ' ');
            }
        }
        return blanked.toString();
    }

    /** The offset of the brace closing the one at {@code open}, skipping literals and comments; -1 if none. */
    static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int eol = text.indexOf('\n', i);
                if (eol < 0) {
                    return -1;
                }
                i = eol;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (text.startsWith("\"\"\"", i)) {
                int close = text.indexOf("\"\"\"", i + 3);
                while (close > 0 && text.charAt(close - 1) == '\\') {
                    close = text.indexOf("\"\"\"", close + 1);
                }
                if (close < 0) {
                    return -1;
                }
                i = close + 2;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= text.length() || text.charAt(j) != c) {
                    return -1;
                }
                i = j;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
