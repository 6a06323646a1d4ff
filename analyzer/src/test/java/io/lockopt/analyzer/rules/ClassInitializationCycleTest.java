package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

class ClassInitializationCycleTest {
    private final RuleTester tester = RuleTester.of(new ClassInitializationCycle());

    /** The JDK-style shape: the base's constant is an instance of a subclass that other code creates too. */
    @Test
    void baseCreatingItsSubclass() {
        var findings = tester.check("""
                package a;
                public abstract class Codec {
                    public static final Codec DEFAULT = new Utf8Codec(); // expect: ClassInitializationCycle its subclass Utf8Codec
                    abstract byte[] encode(String s);
                }
                class Utf8Codec extends Codec {
                    byte[] encode(String s) { return s.getBytes(); }
                }
                class Client {
                    final Codec codec = new Utf8Codec();
                }
                """);
        assertThat(findings.get(0).related()).hasSize(2);
        assertThat(findings.get(0).properties()).containsEntry("class", "a.Codec").containsEntry("other", "a.Utf8Codec");
    }

    /**
     * One finding per base class, whatever number of its subclasses its initialiser touches (Saxon's
     * {@code JPConverter} touches 24; one holder class fixes them all): the others are related places.
     */
    @Test
    void nestedSubclassesStaticStateAndStaticBlocks() {
        var findings = tester.check("""
                package b;
                public class Node {
                    static final Node EMPTY = new Leaf(); // expect-low: ClassInitializationCycle its subclass Leaf (and 2 more subclasses, such as Inner)
                    static final int SIZE = Inner.count();
                    static Object ROOT;
                    static {
                        ROOT = Deep.SHARED;
                    }
                    public static class Leaf extends Node {
                    }
                    public static class Inner extends Node {
                        public static int count() { return 1; }
                    }
                    public static class Deep extends Leaf {
                        public static final Object SHARED = new Object();
                    }
                }
                """);
        assertThat(findings.get(0).related()).extracting(r -> r.node().getBegin().orElseThrow().line).contains(4, 7);
        assertThat(findings.get(0).properties()).containsEntry("subclasses", "3");
    }

    /** References that initialise nothing, anonymous, private and factory-only subclasses (log4j's StrMatcher), code that runs later. */
    @Test
    void negative() {
        tester.check("""
                package c;
                import java.util.function.Supplier;
                public abstract class Shape {
                    static final Shape NONE = new Shape() { };
                    static final Class<?> TYPE = Circle.class;
                    static final int SIDES = Square.SIDES;
                    static final String NAME = Square.NAME;
                    static final Shape PRIVATE = new Hidden();
                    static final Supplier<Shape> LATER = () -> new Circle();
                    static final Supplier<Shape> REF = Circle::new;
                    static final Object INHERITED = Circle.helper();
                    static final Shape FACTORY_ONLY = new Triangle();
                    static Shape cast(Object o) { return o instanceof Circle ? (Circle) o : new Circle(); }
                    static Object helper() { return null; }
                    private static final class Hidden extends Shape {
                    }
                    static final class Triangle extends Shape {
                    }
                }
                class Circle extends Shape {
                    static final Circle UNIT = new Circle();
                }
                class Square extends Shape {
                    static final int SIDES = 4;
                    static final String NAME = "square";
                }
                interface Strategy {
                    Strategy DEFAULT = new Simple();
                    class Simple implements Strategy {
                    }
                }
                enum Mode {
                    FAST {
                        void run() { }
                    };
                    void run() { }
                }
                """);
    }

    @Test
    void twoClassesWhoseInitialisersTouchEachOther() {
        var findings = tester.check("""
                package d;
                import java.util.HashMap;
                import java.util.Map;
                public class Registry {
                    static final Map<String, Object> ENTRIES = new HashMap<>();
                    static {
                        ENTRIES.put("default", Defaults.VALUE);
                    }
                }
                class Defaults {
                    static final Object VALUE = new Object();
                    static final int COUNT = Registry.ENTRIES.size(); // expect-low: ClassInitializationCycle Registry, whose static initialiser
                }
                class OneWay {
                    static final Object V = Defaults.VALUE;
                }
                """);
        assertThat(findings.get(0).related()).singleElement()
                .satisfies(r -> assertThat(r.node().getBegin().get().line).isEqualTo(7));
    }

    /** Files are parsed for the rule when they declare a static block and two types, or a class, a subclass of it and an initialised static field. */
    @Test
    void prescreen() {
        var prescreen = new ClassInitializationCycle().prescreen();
        assertThat(prescreen.mayMatter("class A { static { init(); } static class B { } }")).isTrue();
        assertThat(prescreen.mayMatter("class A { static { init(); } }")).isFalse();
        assertThat(prescreen.mayMatter("class A { static final A X = new B(); static class B extends A { } }")).isTrue();
        assertThat(prescreen.mayMatter("class A { static final A X = new B(); } class B extends a.A { }")).isTrue();
        assertThat(prescreen.mayMatter("class A { static final Object X = B.Y; } final class B<T> extends A implements I { }"))
                .isTrue();
        assertThat(prescreen.mayMatter("class A { static final int X = 1; } class B extends A { }")).isFalse();
        assertThat(prescreen.mayMatter("class A extends Base { static final int X = 1; }")).isFalse();
        assertThat(prescreen.mayMatter("class A { static int count() { return 1; } } class B extends A { }")).isFalse();
        assertThat(prescreen.mayMatter("class A { final Object x = new Object(); }")).isFalse();
    }
}
