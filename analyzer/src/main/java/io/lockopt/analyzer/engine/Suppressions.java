package io.lockopt.analyzer.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;

import io.lockopt.analyzer.spi.SourceFile;

/**
 * In-source suppressions (catalog, "Shared conventions"): {@code @SuppressWarnings("lockopt:ID")}
 * or {@code @SuppressWarnings("lockopt")} on any enclosing declaration, and a
 * {@code // lockopt:ignore ID reason} comment on the finding's line or the line above
 * ({@code ID} may be a comma-separated list).
 */
final class Suppressions {
    private static final String ALL_RULES = "lockopt";
    private static final String RULE_PREFIX = "lockopt:";
    private static final Pattern IGNORE_COMMENT =
            Pattern.compile("(?://|/\\*)\\s*lockopt:ignore\\s+([A-Za-z][A-Za-z0-9]*(?:\\s*,\\s*[A-Za-z][A-Za-z0-9]*)*)");

    /** Java's line terminators (JLS 3.4), the ones JavaParser counts lines by. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private Suppressions() {
    }

    static boolean isSuppressed(SourceFile file, Node node, String ruleId, int line) {
        return byComment(file, ruleId, line) || byAnnotation(node, ruleId);
    }

    private static boolean byComment(SourceFile file, String ruleId, int line) {
        Map<Integer, Set<String>> ignores = file.derived(IgnoreComments.class, IgnoreComments::scan).byLine();
        return ignores.getOrDefault(line, Set.of()).contains(ruleId)
                || ignores.getOrDefault(line - 1, Set.of()).contains(ruleId);
    }

    private static boolean byAnnotation(Node node, String ruleId) {
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            if (current instanceof NodeWithAnnotations<?> annotated) {
                for (AnnotationExpr annotation : annotated.getAnnotations()) {
                    String name = annotation.getNameAsString();
                    if ((name.equals("SuppressWarnings") || name.equals("java.lang.SuppressWarnings"))
                            && suppresses(annotationValues(annotation), ruleId)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean suppresses(List<Expression> values, String ruleId) {
        for (Expression value : values) {
            if (value instanceof StringLiteralExpr literal) {
                String text = literal.getValue();
                if (text.equals(ALL_RULES) || text.equals(RULE_PREFIX + ruleId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Expression> annotationValues(AnnotationExpr annotation) {
        Expression value = null;
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            value = normal.getPairs().stream().filter(p -> p.getNameAsString().equals("value"))
                    .map(p -> p.getValue()).findFirst().orElse(null);
        }
        if (value instanceof ArrayInitializerExpr array) {
            return array.getValues();
        }
        return value == null ? List.of() : List.of(value);
    }

    /** The {@code lockopt:ignore} comments of one file, by 1-based line; computed once per file. */
    record IgnoreComments(Map<Integer, Set<String>> byLine) {
        static IgnoreComments scan(SourceFile file) {
            String text = file.text();
            if (!text.contains("lockopt:ignore")) {
                return new IgnoreComments(Map.of());
            }
            Map<Integer, Set<String>> byLine = new HashMap<>();
            String[] lines = LINE_BREAK.split(text, -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher matcher = IGNORE_COMMENT.matcher(lines[i]);
                while (matcher.find()) {
                    Set<String> ids = byLine.computeIfAbsent(i + 1, k -> new HashSet<>());
                    for (String id : matcher.group(1).split(",")) {
                        ids.add(id.strip());
                    }
                }
            }
            return new IgnoreComments(Map.copyOf(byLine));
        }
    }
}
