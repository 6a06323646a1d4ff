package io.lockopt.analyzer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;

/**
 * A released file's tree may be taken and parsed again: references find the same nodes in the new
 * tree, the text survives, tree-bound data is read off the new tree and lasting data is kept.
 */
class SourceFileTest {

    private static final String SOURCE = """
            class A {
                private final Object lock = new Object();
                // a comment with an unpaired surrogate \uD800 and a non-ASCII letter: é
                java.util.function.Supplier<Object> get = () -> lock;
                void run() {
                    synchronized (lock) { work(); work(); }
                }
                void work() { }
            }
            """;

    private final AtomicInteger parses = new AtomicInteger();

    private CompilationUnit parse(String text) {
        parses.incrementAndGet();
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(text).getResult().orElseThrow();
    }

    private SourceFile file() {
        Function<String, CompilationUnit> reparser = this::parse;
        return new SourceFile("A.java", SOURCE, parse(SOURCE), AnalysisSettings.defaults(), SourceLookup.NONE,
                reparser);
    }

    @Test
    void referencesFindTheSameNodesInATreeParsedAgain() {
        SourceFile file = file();
        CompilationUnit first = file.unit();
        List<NodeRef<MethodCallExpr>> calls = new ArrayList<>();
        first.findAll(MethodCallExpr.class).forEach(call -> calls.add(file.ref(call)));
        LambdaExpr lambda = first.findFirst(LambdaExpr.class).orElseThrow();
        // The lambda's body: a statement and its expression, one range, two classes.
        ExpressionStmt body = (ExpressionStmt) lambda.getBody();
        NodeRef<ExpressionStmt> bodyRef = file.ref(body);
        NodeRef<NameExpr> nameRef = file.ref((NameExpr) body.getExpression());
        assertThat(body.getRange()).isEqualTo(body.getExpression().getRange());
        assertThat(calls.get(0)).as("same text, other place").isNotEqualTo(calls.get(1));

        assertThat(calls.get(0).get()).as("pinned").isSameAs(first.findAll(MethodCallExpr.class).get(0));
        file.release();
        file.evict();
        CompilationUnit second = file.unit();

        assertThat(second).isNotSameAs(first);
        assertThat(parses).hasValue(2);
        List<MethodCallExpr> again = second.findAll(MethodCallExpr.class);
        assertThat(calls.get(0).get()).isSameAs(again.get(0));
        assertThat(calls.get(1).get()).isSameAs(again.get(1));
        assertThat(bodyRef.get()).isInstanceOf(ExpressionStmt.class).isSameAs(
                second.findFirst(LambdaExpr.class).orElseThrow().getBody());
        assertThat(nameRef.get()).isInstanceOf(NameExpr.class);
        assertThat(nameRef.get().findRootNode()).isSameAs(second);
        assertThat(file.text()).isEqualTo(SOURCE);
        assertThat(file.ref(again.get(0))).as("a reference made after release").isEqualTo(calls.get(0));
    }

    /**
     * A chain of nested else-ifs is thousands of levels deep: references there are made and found
     * again by place, not by a walk from the root each (quadratic), and find the same nodes.
     */
    @Test
    void referencesDeepInAnElseIfChainFindTheirNodesInATreeParsedAgain() throws Exception {
        // JavaParser parses nested statements recursively: a deep stack, as the engine's workers have.
        java.util.concurrent.FutureTask<Void> test = new java.util.concurrent.FutureTask<>(() -> {
            deepElseIfChain();
            return null;
        });
        Thread thread = new Thread(null, test, "deep", 512L << 20);
        thread.start();
        test.get();
    }

    private void deepElseIfChain() {
        StringBuilder text = new StringBuilder("class D {\n  int state;\n  void on(int x) {\n    if (x == 0) { state = 0; }\n");
        for (int i = 1; i < 3_000; i++) {
            text.append("    else if (x == ").append(i).append(") { state = ((").append(i).append(")); }\n");
        }
        text.append("  }\n}\n");
        String source = text.toString();
        SourceFile file = new SourceFile("D.java", source, parse(source), AnalysisSettings.defaults(), SourceLookup.NONE,
                this::parse);
        List<com.github.javaparser.ast.expr.AssignExpr> assigns = file.unit().findAll(com.github.javaparser.ast.expr.AssignExpr.class);
        List<com.github.javaparser.ast.expr.EnclosedExpr> enclosed = file.unit().findAll(com.github.javaparser.ast.expr.EnclosedExpr.class);
        List<NodeRef<?>> refs = new ArrayList<>();
        assigns.forEach(a -> refs.add(file.ref(a)));
        // ((i)): two enclosed expressions, one inside the other, of different ranges; the outer one first.
        enclosed.forEach(e -> refs.add(file.ref(e)));
        file.release();
        file.evict();
        CompilationUnit second = file.unit();
        List<Node> expected = new ArrayList<>(second.findAll(com.github.javaparser.ast.expr.AssignExpr.class));
        expected.addAll(second.findAll(com.github.javaparser.ast.expr.EnclosedExpr.class));
        assertThat(parses).hasValue(2);
        assertThat(refs).hasSize(3 * 2_999 + 1);
        for (int i = 0; i < refs.size(); i++) {
            assertThat(refs.get(i).get()).as("reference %d", i).isSameAs(expected.get(i));
        }
        assertThat(refs.get(refs.size() - 1).line()).isEqualTo(3_000 + 3);
    }

    /** Held weakly, a tree goes at the next collection unless a rule holds one of its nodes. */
    @Test
    void aHeldNodeKeepsItsTree() {
        SourceFile file = file();
        System.setProperty(SourceFile.WEAK_TREES_PROPERTY, "true");
        try {
            file.release();
        } finally {
            System.clearProperty(SourceFile.WEAK_TREES_PROPERTY);
        }
        Node held = file.unit().findFirst(MethodDeclaration.class).orElseThrow();
        System.gc();
        assertThat(file.unit()).isSameAs(held.findRootNode());
        assertThat(parses).hasValue(1);
        held = null;
        System.gc();
        assertThat(file.unit()).isNotNull();
        assertThat(parses).as("let go, the tree went").hasValue(2);
    }

    @Test
    void treeBoundDataGoesWithTheTreeLastingDataStays() {
        SourceFile file = file();
        Object bound = file.derived(Object.class, f -> new Object());
        StringBuilder lasting = file.lasting(StringBuilder.class, f -> new StringBuilder("kept"));
        file.release();
        assertThat(file.derived(Object.class, f -> new Object())).as("same tree, same data").isSameAs(bound);
        file.evict();
        assertThat(file.derived(Object.class, f -> new Object())).isNotSameAs(bound);
        assertThat(file.lasting(StringBuilder.class, f -> new StringBuilder())).isSameAs(lasting);
    }

    @Test
    void aFileWithoutAReparserKeepsItsTree() {
        CompilationUnit unit = parse(SOURCE);
        SourceFile file = new SourceFile("A.java", SOURCE, unit, AnalysisSettings.defaults());
        file.release();
        file.evict();
        assertThat(file.unit()).isSameAs(unit);
    }
}
