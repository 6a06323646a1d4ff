package io.lockopt.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Declarations that real code nests in unusual places once crashed the extractor (and with it
 * every rule of the file and every project-wide rule): each shape must extract and keep its
 * lock facts.
 */
class ExtractorShapesTest {

    private static LockFacts facts(String source) {
        return LockFactsTest.facts(source);
    }

    private static MethodFacts method(LockFacts facts, String name) {
        return facts.methods().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aLockTakenOnBothBranchesIsHeldAfterThem() {
        LockFacts facts = facts("""
                import java.util.concurrent.locks.StampedLock;
                class Transfer {
                    private final StampedLock[] stripes = new StampedLock[8];
                    private long[] table;
                    void help(int i, boolean fast) {
                        StampedLock stripe = stripes[i];
                        long stamp;
                        if (fast) {
                            stamp = stripe.tryWriteLock();
                            if (stamp == 0) { return; }
                        } else {
                            stamp = stripe.writeLock();
                        }
                        try {
                            table[i] = 1;
                        } finally {
                            stripe.unlockWrite(stamp);
                        }
                    }
                    void half(int i, boolean fast) {
                        StampedLock stripe = stripes[i];
                        long stamp = fast ? stripe.writeLock() : 0;
                        if (fast) {
                            stamp = stripe.writeLock();
                        } else {
                            Thread.onSpinWait();
                        }
                        table[i] = 2;
                    }
                }
                """);
        assertThat(method(facts, "help").fieldAccesses()).filteredOn(a -> a.field().shortName().endsWith("table"))
                .isNotEmpty().allSatisfy(a -> assertThat(a.held().sections())
                        .extracting(section -> section.lock().lock().shortName()).containsExactly("stripe"));
        assertThat(method(facts, "half").fieldAccesses()).filteredOn(a -> a.field().shortName().endsWith("table"))
                .isNotEmpty().allSatisfy(a -> assertThat(a.held().isEmpty()).isTrue());
    }

    @Test
    void memberClassOfAnAnonymousClass() {
        LockFacts facts = facts("class A { Object o = new Object() { class Inner { synchronized void m() {} } }; }");
        assertThat(method(facts, "m").acquisitions()).singleElement()
                .satisfies(a -> assertThat(a.lock().lock().name()).isEqualTo("A$1.Inner.this"));
    }

    @Test
    void memberClassOfAnAnonymousClassInsideAMethod() {
        LockFacts facts = facts("""
                class A {
                    Runnable r() {
                        return new Runnable() {
                            public void run() { new Helper().go(); }
                            final class Helper { void go() { synchronized (this) { } } }
                            enum Mode { ON { void x() { synchronized (this) { } } }; void x() { } }
                        };
                    }
                }
                """);
        assertThat(method(facts, "go").acquisitions()).hasSize(1);
        assertThat(facts.methods()).filteredOn(m -> m.name().equals("x")).hasSize(2);
    }

    @Test
    void memberTypesOfEnumConstantBodies() {
        LockFacts facts = facts("""
                enum E {
                    A {
                        class Nested { synchronized void n() { } }
                        interface I { default void d() { synchronized (E.class) { } } }
                        record R(int x) { R { synchronized (R.class) { } } }
                    };
                }
                """);
        assertThat(method(facts, "n").acquisitions()).hasSize(1);
        assertThat(method(facts, "d").acquisitions()).hasSize(1);
    }

    @Test
    void localRecordsAndClassesAndLambdasInFieldInitialisers() {
        LockFacts facts = facts("""
                import java.util.function.Supplier;
                class A {
                    static final Supplier<Object> S = () -> { synchronized (A.class) { return new Object(); } };
                    final Runnable r = () -> new Object() { void q() { synchronized (this) { } } }.q();
                    void m() {
                        record Point(int x, int y) { synchronized int sum() { return x + y; } }
                        class Deep { class Deeper { synchronized void z() { } } }
                        Object o = new Object() { class InMethod { synchronized void w() { } } };
                    }
                }
                """);
        assertThat(method(facts, "sum").acquisitions()).hasSize(1);
        assertThat(method(facts, "z").acquisitions()).hasSize(1);
        assertThat(method(facts, "w").acquisitions()).hasSize(1);
        assertThat(method(facts, "q").acquisitions()).hasSize(1);
    }

    @Test
    void annotationDeclarationsAndSwitchPatterns() {
        LockFacts facts = facts("""
                class A {
                    @interface Marker { int value() default 1; class Holder { synchronized void h() { } } }
                    int f(Object o) {
                        return switch (o) {
                            case Integer i when i > 0 -> { synchronized (this) { yield i; } }
                            case String s -> s.length();
                            default -> 0;
                        };
                    }
                }
                """);
        assertThat(method(facts, "h").acquisitions()).hasSize(1);
        assertThat(method(facts, "f").acquisitions()).hasSize(1);
    }
}
