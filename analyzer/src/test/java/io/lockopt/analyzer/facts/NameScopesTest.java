package io.lockopt.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;

/** Each name use is marked by the comment after it: the line of the declaration it must resolve to, or "none". */
class NameScopesTest {

    private static final String SOURCE = """
            class C {
                Object p;
                void m(Object q, java.util.List<Object> all, int kind) {
                    Object p = new Object();
                    new StringBuilder(p.toString());
                    Runnable r = () -> p.hashCode();
                    Runnable s = new Runnable() {
                        public void run() { p.hashCode(); }
                    };
                    java.util.function.Consumer<Object> f = p -> p.hashCode();
                    try { q.hashCode(); } catch (RuntimeException p) { p.getMessage(); }
                    switch (kind) {
                        case 1:
                            Object z = q;
                            z.hashCode();
                            break;
                        default:
                    }
                    for (Object e : all) { e.hashCode(); }
                    { Object w = q; }
                    q.hashCode();
                }
                void other() { p.hashCode(); }
            }
            """;

    @Test
    void namesResolveToTheLocalInScopeAtTheirPlace() {
        CompilationUnit unit = new JavaParser().parse(SOURCE).getResult().orElseThrow();
        List<NameExpr> names = unit.findAll(NameExpr.class);
        assertThat(declarationLine(names, "p", 5)).isEqualTo(4);   // an argument of a new
        assertThat(declarationLine(names, "p", 6)).isEqualTo(4);   // in a lambda
        assertThat(declarationLine(names, "p", 8)).isEqualTo(4);   // in an anonymous class
        assertThat(declarationLine(names, "p", 10)).isEqualTo(-1); // the lambda's own parameter
        assertThat(declarationLine(names, "p", 11)).isEqualTo(-1); // the catch parameter
        assertThat(declarationLine(names, "z", 15)).isEqualTo(14); // declared in a case
        assertThat(declarationLine(names, "e", 19)).isEqualTo(19); // a for-each variable
        assertThat(declarationLine(names, "p", 23)).isEqualTo(-1); // another method: the field
        NameExpr parameter = at(names, "q", 21);
        assertThat(NameScopes.localInScope(parameter)).isNull();
        assertThat(NameScopes.isParameter(parameter)).isTrue();
        assertThat(NameScopes.isParameter(at(names, "p", 11))).isTrue();
        assertThat(NameScopes.isParameter(at(names, "p", 23))).isFalse();
    }

    @Test
    void tryResourcesAreLocalsOfTheTryBlockAndOfLaterResourcesOnly() {
        String source = """
                class C {
                    java.io.InputStream in;
                    void m(byte[] bytes) throws Exception {
                        try (java.io.InputStream in = new java.io.ByteArrayInputStream(bytes);
                                java.io.DataInputStream data = new java.io.DataInputStream(in)) {
                            in.read();
                            data.readInt();
                        } catch (java.io.IOException e) {
                            in.close();
                        } finally {
                            in.close();
                        }
                        in.read();
                    }
                }
                """;
        List<NameExpr> names = new JavaParser().parse(source).getResult().orElseThrow().findAll(NameExpr.class);
        assertThat(declarationLine(names, "in", 5)).isEqualTo(4);   // a later resource
        assertThat(declarationLine(names, "in", 6)).isEqualTo(4);   // the try block
        assertThat(declarationLine(names, "data", 7)).isEqualTo(5);
        assertThat(declarationLine(names, "in", 9)).isEqualTo(-1);  // catch: the field
        assertThat(declarationLine(names, "in", 11)).isEqualTo(-1); // finally: the field
        assertThat(declarationLine(names, "in", 13)).isEqualTo(-1); // after the try: the field
    }

    private static int declarationLine(List<NameExpr> names, String name, int line) {
        VariableDeclarator local = NameScopes.localInScope(at(names, name, line));
        return local == null ? -1 : local.getBegin().orElseThrow().line;
    }

    private static NameExpr at(List<NameExpr> names, String name, int line) {
        return names.stream().filter(n -> n.getNameAsString().equals(name) && n.getBegin().orElseThrow().line == line)
                .findFirst().orElseThrow();
    }
}
