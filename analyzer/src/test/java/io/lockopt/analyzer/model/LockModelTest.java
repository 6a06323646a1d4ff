package io.lockopt.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;

import io.lockopt.analyzer.facts.LockFacts;
import io.lockopt.analyzer.facts.LockId;
import io.lockopt.analyzer.facts.MethodFacts;
import io.lockopt.analyzer.spi.AnalysisSettings;
import io.lockopt.analyzer.spi.SourceFile;

class LockModelTest {

    static SourceFile file(String path, String source) {
        JavaParser parser = new JavaParser(
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        return new SourceFile(path, source, parser.parse(source).getResult().orElseThrow(),
                AnalysisSettings.defaults());
    }

    static MethodFacts method(LockModel model, String qualifiedName) {
        return model.graph().methods().stream().filter(m -> m.qualifiedName().equals(qualifiedName)).findFirst()
                .orElseThrow();
    }

    /**
     * 40 classes of 100 methods each, chained into one call chain 4,000 calls deep, with loops
     * back along the chain every 25 methods: each method is summarized exactly once, and facts
     * travel up the chain as far as {@link MethodSummary#MAX_CALL_DEPTH} calls, no further.
     */
    @Test
    void summarizesEachMethodOnceOnADeepGeneratedProject() {
        int classes = 40;
        int perClass = 100;
        List<SourceFile> files = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            StringBuilder src = new StringBuilder("package gen;\npublic class C" + c + " {\n"
                    + "    private final Object lock = new Object();\n");
            for (int m = 0; m < perClass; m++) {
                src.append("    void m").append(m).append("() {\n");
                if (m + 1 < perClass) {
                    src.append("        m").append(m + 1).append("();\n");
                } else if (c + 1 < classes) {
                    src.append("        new C").append(c + 1).append("().m0();\n");
                    src.append("        C").append(c + 1).append(" next = null; next.m0();\n");
                } else {
                    src.append("        synchronized (lock) { }\n        try { Thread.sleep(1); } catch (Exception e) { }\n");
                }
                if (m % 25 == 24) {
                    src.append("        m").append(m - 20).append("();\n");
                }
                src.append("    }\n");
            }
            src.append("}\n");
            files.add(file("gen/C" + c + ".java", src.toString()));
        }
        LockModel model = LockModel.build(files);

        int methods = files.stream().mapToInt(f -> LockFacts.of(f).methods().size()).sum();
        assertThat(methods).isEqualTo(classes * perClass);
        assertThat(model.summariesComputed()).isEqualTo(methods);
        LockId lock = LockId.field("gen.C" + (classes - 1), "lock");
        String last = "gen.C" + (classes - 1) + ".m";
        MethodSummary withinReach = model.summary(method(model, last + (perClass - 1 - MethodSummary.MAX_CALL_DEPTH)));
        assertThat(withinReach.acquires().get(lock).depth()).isEqualTo(MethodSummary.MAX_CALL_DEPTH);
        assertThat(withinReach.blocking().last().what()).isEqualTo("Thread.sleep");
        // Facts further away than the bound are not followed: the head of the chain learns nothing.
        assertThat(model.summary(method(model, last + (perClass - 2 - MethodSummary.MAX_CALL_DEPTH))).acquires())
                .doesNotContainKey(lock);
        MethodSummary head = model.summary(method(model, "gen.C0.m0"));
        assertThat(head.acquires()).doesNotContainKey(lock);
        assertThat(head.blocking()).isNull();
    }

    @Test
    void recursionTerminatesAndPropagatesAroundTheCycle() {
        SourceFile f = file("a/R.java", """
                package a;
                class R {
                    private final Object lock = new Object();
                    void a(int n) { if (n > 0) b(n - 1); }
                    void b(int n) { if (n > 0) a(n - 1); else c(); }
                    void c() { synchronized (lock) { c(); } }
                    void self(int n) { self(n - 1); }
                }
                """);
        LockModel model = LockModel.build(List.of(f));
        assertThat(model.summariesComputed()).isEqualTo(model.graph().methods().size());
        assertThat(model.summary(method(model, "a.R.a")).acquires()).containsKey(LockId.field("a.R", "lock"));
        assertThat(model.summary(method(model, "a.R.a")).acquires().get(LockId.field("a.R", "lock")).describe())
                .isEqualTo("R.b -> R.c -> R.lock");
        assertThat(model.summary(method(model, "a.R.self")).acquires()).isEmpty();
    }

    @Test
    void virtualCallsReachOverridesInTheScannedSourcesOnly() {
        SourceFile api = file("a/Check.java", """
                package a;
                interface Check { void run(); }
                """);
        SourceFile impl = file("a/Slow.java", """
                package a;
                class Slow implements Check {
                    public void run() { try { Thread.sleep(5); } catch (InterruptedException e) { } }
                }
                """);
        SourceFile user = file("a/User.java", """
                package a;
                import java.util.List;
                class User {
                    private final Check check = new Slow();
                    private final List<String> names = List.of();
                    void go() { check.run(); }
                    void unknown() { names.size(); }
                }
                """);
        LockModel model = LockModel.build(List.of(api, impl, user));
        assertThat(model.summary(method(model, "a.User.go")).blocking().describe()).isEqualTo("Slow.run -> Thread.sleep");
        assertThat(model.summary(method(model, "a.User.unknown")).blocking()).isNull();
    }

    /**
     * {@code super.m()} runs the superclass's body: it is not a call of the class's own override (the
     * method calling itself), nor, when the superclass is not in the sources, of any override.
     */
    @Test
    void superCallsRunTheSuperclassBody() {
        SourceFile base = file("a/Base.java", """
                package a;
                class Base {
                    void close() { try { Thread.sleep(5); } catch (InterruptedException e) { } }
                }
                """);
        SourceFile derived = file("a/Derived.java", """
                package a;
                class Derived extends Base {
                    private final Object lock = new Object();
                    @Override
                    void close() { synchronized (lock) { super.close(); } }
                }
                """);
        SourceFile outside = file("a/Stream.java", """
                package a;
                class Stream extends org.lib.Output {
                    @Override
                    public synchronized void flush() { super.flush(); }
                }
                class Buffered extends Stream {
                    @Override
                    public void flush() { try { Thread.sleep(5); } catch (InterruptedException e) { } }
                }
                """);
        LockModel model = LockModel.build(List.of(base, derived, outside));
        MethodFacts close = method(model, "a.Derived.close");
        assertThat(close.calls()).singleElement()
                .satisfies(call -> assertThat(model.graph().callees(call)).containsExactly(method(model, "a.Base.close")));
        assertThat(model.summary(close).blocking().describe()).isEqualTo("Base.close -> Thread.sleep");
        MethodFacts flush = method(model, "a.Stream.flush");
        assertThat(flush.calls()).singleElement().satisfies(call -> {
            assertThat(model.graph().callees(call)).isEmpty();
            assertThat(model.graph().possibleTargets(call, 5)).isEmpty();
        });
        assertThat(model.summary(flush).blocking()).isNull();
    }

    @Test
    void oneModelPerFileListIsShared() {
        SourceFile f = file("a/A.java", "package a; class A { void x() { } }");
        List<SourceFile> files = List.of(f);
        assertThat(LockModel.of(files)).isSameAs(LockModel.of(new ArrayList<>(files)));
    }
}
