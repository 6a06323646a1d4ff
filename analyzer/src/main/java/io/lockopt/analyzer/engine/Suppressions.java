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

    private static final Pattern NO_INSPECTION =
            Pattern.compile("//\\s*noinspection\\s+([A-Za-z][A-Za-z0-9_.]*(?:\\s*,\\s*[A-Za-z][A-Za-z0-9_.]*)*)");

    /** Java's line terminators (JLS 3.4), the ones JavaParser counts lines by. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private Suppressions() {
    }

    /**
     * Whether the finding of {@code ruleId} at {@code node} is suppressed; with {@code foreign},
     * other tools' suppressions of the equivalent check count too ({@link ForeignSuppressions}):
     * {@code @SuppressWarnings}/{@code @SuppressFBWarnings} values, IntelliJ's
     * {@code //noinspection ID} on the line or the line above, Sonar's {@code //NOSONAR} on the line.
     */
    static boolean isSuppressed(SourceFile file, Node node, String ruleId, int line, boolean foreign) {
        return byComment(file, ruleId, line, foreign) || byAnnotation(node, ruleId, foreign);
    }

    private static boolean byComment(SourceFile file, String ruleId, int line, boolean foreign) {
        IgnoreComments comments = file.derived(IgnoreComments.class, IgnoreComments::scan);
        Map<Integer, Set<String>> ignores = comments.byLine();
        if (ignores.getOrDefault(line, Set.of()).contains(ruleId)
                || ignores.getOrDefault(line - 1, Set.of()).contains(ruleId)) {
            return true;
        }
        if (!foreign) {
            return false;
        }
        if (comments.noSonar().contains(line) && ForeignSuppressions.TABLE.containsKey(ruleId)) {
            return true;
        }
        for (int at : new int[] {line, line - 1}) {
            for (String id : comments.noInspection().getOrDefault(at, Set.of())) {
                if (ForeignSuppressions.suppresses(id, ruleId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean byAnnotation(Node node, String ruleId, boolean foreign) {
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            if (current instanceof NodeWithAnnotations<?> annotated) {
                for (AnnotationExpr annotation : annotated.getAnnotations()) {
                    String name = annotation.getName().getIdentifier();
                    boolean own = name.equals("SuppressWarnings");
                    if ((own || foreign && name.equals("SuppressFBWarnings"))
                            && suppresses(annotationValues(annotation), ruleId, foreign)) {
                        return true;
                    }
                    // @SuppressFBWarnings(justification = ".."), no value: SpotBugs suppresses every
                    // pattern there (NoteSuppressedWarnings: an empty value matches all), so every rule
                    // with a SpotBugs equivalent (geowave's "intentional to avoid unnecessary sync").
                    if (foreign && name.equals("SuppressFBWarnings") && annotationValues(annotation).isEmpty()
                            && ForeignSuppressions.TABLE.containsKey(ruleId)
                            && !ForeignSuppressions.TABLE.get(ruleId).spotBugs().isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean suppresses(List<Expression> values, String ruleId, boolean foreign) {
        for (Expression value : values) {
            if (value instanceof StringLiteralExpr literal) {
                String text = literal.getValue();
                if (text.equals(ALL_RULES) || text.equals(RULE_PREFIX + ruleId)
                        || foreign && ForeignSuppressions.suppresses(text, ruleId)) {
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

    /**
     * The suppression comments of one file by 1-based line: lockopt's {@code lockopt:ignore},
     * IntelliJ's {@code noinspection} and Sonar's {@code NOSONAR}; computed once per file.
     */
    record IgnoreComments(Map<Integer, Set<String>> byLine, Map<Integer, Set<String>> noInspection,
            Set<Integer> noSonar) {
        static IgnoreComments scan(SourceFile file) {
            String text = file.text();
            boolean own = text.contains("lockopt:ignore");
            boolean idea = text.contains("noinspection");
            boolean sonar = text.contains("NOSONAR");
            if (!own && !idea && !sonar) {
                return new IgnoreComments(Map.of(), Map.of(), Set.of());
            }
            Map<Integer, Set<String>> byLine = new HashMap<>();
            Map<Integer, Set<String>> noInspection = new HashMap<>();
            Set<Integer> noSonar = new HashSet<>();
            String[] lines = LINE_BREAK.split(text, -1);
            for (int i = 0; i < lines.length; i++) {
                collect(IGNORE_COMMENT.matcher(lines[i]), byLine, i + 1);
                collect(NO_INSPECTION.matcher(lines[i]), noInspection, i + 1);
                if (sonar && lines[i].contains("NOSONAR") && lines[i].contains("//")) {
                    noSonar.add(i + 1);
                }
            }
            return new IgnoreComments(Map.copyOf(byLine), Map.copyOf(noInspection), Set.copyOf(noSonar));
        }

        private static void collect(Matcher matcher, Map<Integer, Set<String>> into, int line) {
            while (matcher.find()) {
                Set<String> ids = into.computeIfAbsent(line, k -> new HashSet<>());
                for (String id : matcher.group(1).split(",")) {
                    ids.add(id.strip());
                }
            }
        }
    }
}
