package io.lockopt.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import io.lockopt.analyzer.spi.SourceTexts;


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
     * Jolie's {@code Value}: the subclass is created elsewhere in the file only by code of a sibling
     * subclass, which runs once the base is initialised (an instance of it, or its own
     * initialisation, needs the base first): no other first use, so a package-private subclass is
     * silent, as one only the base touches; a public one is low.
     */
    @Test
    void aSubclassCreatedOnlyBySiblingSubclassesIsNoFirstUse() {
        tester.check("""
                package a;
                public abstract class Value {
                    public static final Value UNDEFINED = Value.create();
                    public static final Value EMPTY = new Empty(); // expect-low: ClassInitializationCycle creates an instance of its subclass Empty
                    public static Value create() { return new ValueImpl(); }
                    public static Value root() { return new RootValue(); }
                    public static class Empty extends Value {
                    }
                }
                class ValueImpl extends Value {
                }
                class RootValue extends Value {
                    Value copy() { return new ValueImpl(); }
                    static Value make() { return new Value.Empty(); }
                }
                """);
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

    /**
     * JavaPoet 1.13's {@code TypeName} (issue 637): the base's constants are built by its subclass
     * {@code ClassName}'s public factory, in another file; one finding per base, a second subtype
     * (through an intermediate class of a third file) a related place.
     */
    @Test
    void subclassInAnotherFile() {
        var findings = tester.checkFiles(Map.of("p/TypeName.java", """
                package p;
                public class TypeName {
                    public static final TypeName VOID = new TypeName();
                    public static final ClassName OBJECT = ClassName.get("java.lang", "Object"); // expect: ClassInitializationCycle calls a static method of its subclass ClassName (declared in ClassName.java, line 3) (and 1 more subtype, such as ListName)
                    static final Object EMPTY_LIST = ListName.EMPTY;
                    static final String NAME = ClassName.NAME;
                    static final Object LATER = (java.util.function.Supplier<TypeName>) () -> new Unrelated();
                    static final Object OTHER = Unrelated.make();
                }
                """, "p/ClassName.java", """
                package p;
                import java.util.Objects;
                public final class ClassName extends TypeName {
                    static final String NAME = "name";
                    public static ClassName get(String pkg, String simple) { return new ClassName(); }
                }
                """, "p/ParameterizedName.java", """
                package p;
                public class ParameterizedName extends TypeName {
                }
                """, "p/ListName.java", """
                package p;
                public class ListName extends ParameterizedName {
                    public static final ListName EMPTY = new ListName();
                }
                """, "p/Unrelated.java", """
                package p;
                public class Unrelated {
                    public static Object make() { return new Object(); }
                }
                """));
        var finding = findings.get("p/TypeName.java").get(0);
        assertThat(finding.related()).singleElement()
                .satisfies(r -> assertThat(r.node().getBegin().get().line).isEqualTo(5));
        assertThat(finding.properties()).containsEntry("class", "p.TypeName").containsEntry("other", "p.ClassName")
                .containsEntry("subclasses", "2");
    }

    /**
     * Javaslang 2.0.5's {@code Iterator} (vavr issue 1773): an interface with default methods whose
     * constant is an anonymous subclass of a class implementing it: initialising that class
     * initialises the interface first (JLS 12.4.2). An interface without default methods is not
     * initialised by its implementations, nor a superinterface by a subinterface.
     */
    @Test
    void interfaceWithDefaultMethodsInitialisingAnImplementation() {
        tester.checkFiles(Map.of("v/Iter.java", """
                package v;
                public interface Iter<T> {
                    Iter<Object> EMPTY = new AbstractIter<Object>() { // expect: ClassInitializationCycle creates an anonymous subclass of AbstractIter, which implements Iter, an interface with default methods
                        public boolean hasNext() { return false; }
                    };
                    boolean hasNext();
                    default boolean isEmpty() { return !hasNext(); }
                }
                """, "v/AbstractIter.java", """
                package v;
                public abstract class AbstractIter<T> implements Iter<T> {
                }
                """, "v/Plain.java", """
                package v;
                public interface Plain {
                    Plain DEFAULT = new PlainImpl();
                    Object SUB = SubPlain.create();
                    void run();
                }
                """, "v/PlainImpl.java", """
                package v;
                public class PlainImpl implements Plain {
                    public void run() { }
                }
                """, "v/SubPlain.java", """
                package v;
                public interface SubPlain extends Plain {
                    static Object create() { return null; }
                    default void stop() { }
                }
                """));
    }

    /**
     * Jetty 12.0.1's {@code HttpFields} (jetty issue 10540): the interface's constant is built by its
     * own static method, which creates an implementation by its qualified name; the implementation
     * implements a nested subinterface of it. The method runs in the initialiser: the finding is at
     * the call. A static method the initialiser does not call, or one of another class, is not followed.
     */
    @Test
    void subtypeCreatedByAnOwnStaticMethodTheInitialiserCalls() {
        tester.checkFiles(Map.of("h/Fields.java", """
                package h;
                public interface Fields {
                    Fields EMPTY = build().asImmutable(); // expect: ClassInitializationCycle calls build(), which creates an instance of MutableFields, which implements Fields
                    static Mutable build() {
                        return new h.MutableFields();
                    }
                    default Fields asImmutable() { return this; }
                    interface Mutable extends Fields {
                        default Mutable add(String s) { return this; }
                    }
                }
                """, "h/MutableFields.java", """
                package h;
                public abstract class MutableFields implements Fields.Mutable {
                    public static MutableFields of() { return null; }
                }
                """, "h/Codec.java", """
                package h;
                public class Codec {
                    static final Object NAME = name();
                    static final Object OTHER = Helper.make();
                    static String name() { return "codec"; }
                    static Codec create() { return new Utf8(); }
                }
                """, "h/Utf8.java", """
                package h;
                public class Utf8 extends Codec {
                    public static Utf8 get() { return new Utf8(); }
                }
                """, "h/Helper.java", """
                package h;
                public class Helper {
                    static Object make() { return new Utf8(); }
                }
                """));
    }

    /**
     * Jetty 12.1's {@code RetainableByteBuffer} (jetty issue 13051): an interface with default methods
     * whose constant creates a class nested in it that implements it through a public abstract
     * class; any subclass of that class, created anywhere, initialises the interface first (the
     * report's thread created a DynamicCapacity): high. Without the abstract class on the way, a
     * public implementation nothing else in the file creates is low, as a public subclass is; an
     * interface without default methods is not initialised by its implementations.
     */
    @Test
    void interfaceWithDefaultMethodsCreatingAnImplementationNestedInIt() {
        tester.check("""
                package j;
                public interface Buffer {
                    Buffer EMPTY = new NonRetainable(0); // expect: ClassInitializationCycle creates an instance of NonRetainable, which implements Buffer, an interface with default methods, so initialising NonRetainable initialises Buffer first (Abstract, its superclass, is public and abstract
                    int size();
                    default boolean isEmpty() { return size() == 0; }
                    interface Mutable extends Buffer {
                        default Mutable add(int b) { return this; }
                    }
                    abstract class Abstract implements Mutable {
                    }
                    class Fixed extends Abstract {
                        final int size;
                        Fixed(int size) { this.size = size; }
                        public int size() { return size; }
                    }
                    class NonRetainable extends Fixed {
                        NonRetainable(int size) { super(size); }
                    }
                    class Dynamic extends Abstract {
                        public int size() { return 0; }
                    }
                }
                """);
        tester.check("""
                package j;
                public interface Sink {
                    Sink NONE = new Discarding(); // expect-low: ClassInitializationCycle creates an instance of Discarding, which implements Sink
                    Plain PLAIN = new PlainImpl();
                    void accept(int b);
                    default void flush() { }
                    class Discarding implements Sink {
                        public void accept(int b) { }
                    }
                    interface Plain {
                        void run();
                    }
                    class PlainImpl implements Plain {
                        public void run() { }
                    }
                }
                """);
    }

    /**
     * A followed method must be the one called, and what it creates must run for this call: an
     * overload of the same arity (told apart by types) is not followed, nor a branch of a factory;
     * a call qualified with the class's own name is followed; an abstract class on the way that no
     * other file can extend (a private constructor) is no way in (a reviewer's cases).
     */
    @Test
    void followedMethodsAreTheOnesCalledAndOnlyWhatAlwaysRuns() {
        tester.check("""
                package r;
                public class Base {
                    public static final Base DEFAULT = of("default");
                    public static final Base LEVEL = level("INFO");
                    static Base of(String name) { return new Base(); }
                    static Base of(Integer size) { return new Sized(size); }
                    static Base level(String name) {
                        if (name.startsWith("X-")) {
                            return new Custom(name);
                        }
                        return name.isEmpty() ? new Custom(name) : new Base();
                    }
                    public static class Sized extends Base { Sized(int s) { } }
                    public static class Custom extends Base { Custom(String n) { } }
                }
                class User {
                    Object make() { return new Base.Sized(3); }
                    Object custom() { return new Base.Custom("X-a"); }
                }
                """);
        tester.check("""
                package r;
                public abstract class Shape {
                    public static final Shape EMPTY = Shape.build(); // expect-low: ClassInitializationCycle calls build(), which creates an instance of its subclass Square
                    static Shape build() { return new Polygon.Square(); }
                    public abstract static class Polygon extends Shape { private Polygon() { } public static final class Square extends Polygon { } }
                }
                """);
    }

    /**
     * A package-private subclass can be initialised first only by its own package's code: low; so
     * is a public one whose only way in is a constructor (a default implementation the base picks,
     * as AspectJ's DefaultTraceFactory: judged debatable on held-out code, its constant no way in);
     * one that AutoValue or Immutables generates is silent.
     */
    @Test
    void subclassesElsewhereThatFewOrNoOtherClassesCanInitialise() {
        tester.checkFiles(Map.of("q/Base.java", """
                package q;
                public abstract class Base {
                    static final Base LOCAL = new Local(); // expect-low: ClassInitializationCycle its subclass Local
                    static final Object GENERATED = AutoValue_Base.create();
                    static final Object IMMUTABLE = ImmutableBase.builder();
                }
                """, "q/Tracer.java", """
                package q;
                public abstract class Tracer {
                    static final Tracer DEFAULT = new DefaultTracer(); // expect-low: ClassInitializationCycle its subclass DefaultTracer (declared in DefaultTracer.java, line 2): a thread
                }
                """, "q/DefaultTracer.java", """
                package q;
                public class DefaultTracer extends Tracer {
                    public static final String NAME = "default";
                    public DefaultTracer() { }
                }
                """, "q/Local.java", """
                package q;
                class Local extends Base {
                    public static Local create() { return new Local(); }
                }
                """, "q/AutoValue_Base.java", """
                package q;
                final class AutoValue_Base extends Base {
                    static Base create() { return new AutoValue_Base(); }
                }
                """, "q/ImmutableBase.java", """
                package q;
                @org.immutables.value.Generated(from = "Base", generator = "Immutables")
                public final class ImmutableBase extends Base {
                    public static Object builder() { return new Object(); }
                }
                """, "q/Sealed.java", """
                package q;
                public final class Sealed {
                    static final Object OTHER = Local.class;
                }
                """));
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
        assertThat(prescreen.mayMatter("interface I { I E = new Impl(); default void m() { } class Impl implements I { } }"))
                .isTrue();
        assertThat(prescreen.mayMatter("interface I { I E = new Impl(); void m(); class Impl implements I { } }")).isFalse();
    }

    /**
     * The engine's question also reads other files' text: a file whose static initialiser touches
     * a class of another file whose header names one of this file's types, directly or through
     * supertypes in further files (nested ones too), is parsed; one touching unrelated classes,
     * classes not in the sources or only its own is not.
     */
    @Test
    void prescreenReadsTheHeadersOfTouchedClassesElsewhere() {
        var prescreen = new ClassInitializationCycle().prescreen();
        Map<String, String> texts = Map.of(
                "p.ClassName", "package p;\npublic final class ClassName extends TypeName { }",
                "p.ListName", "package p;\nimport p.base.Middle;\npublic class ListName extends Middle { }",
                "p.base.Middle", "package p.base;\nimport p.TypeName;\npublic class Middle extends Inner { static class Inner extends TypeName { } }",
                "p.Other", "package p;\npublic class Other extends java.util.ArrayList<String> { }",
                "p.Iter", "package p;\npublic interface Iter { }");
        SourceTexts others = name -> Optional.ofNullable(texts.get(name));
        String typeName = "package p;\npublic class TypeName {\n static final Object X = %s;\n}";
        assertThat(prescreen.mayMatter(typeName.formatted("ClassName.get()"), others)).isTrue();
        assertThat(prescreen.mayMatter(typeName.formatted("new ListName()"), others)).isTrue();
        assertThat(prescreen.mayMatter(typeName.formatted("Other.make()"), others)).isFalse();
        assertThat(prescreen.mayMatter(typeName.formatted("Missing.make()"), others)).isFalse();
        assertThat(prescreen.mayMatter(typeName.formatted("new TypeName()"), others)).isFalse();
        assertThat(prescreen.mayMatter(typeName.formatted("ClassName.get()"), SourceTexts.NONE)).isFalse();
        assertThat(prescreen.mayMatter(typeName.formatted("new p.ClassName()"), others)).isTrue();
        assertThat(prescreen.mayMatter(typeName.formatted("make()") + "\nclass X { static Object make() { return ClassName.get(); } }",
                others)).isTrue();
        assertThat(prescreen.mayMatter(typeName.formatted("make()") + "\nclass X { static Object other() { return ClassName.get(); } }",
                others)).isFalse();
        assertThat(prescreen.mayMatter("package p;\npublic interface Iter2 {\n Iter2 E = new Impl() { };\n"
                + " default void m() { }\n}", name -> name.equals("p.Impl")
                        ? Optional.of("package p;\nabstract class Impl implements Iter2 { }") : Optional.empty())).isTrue();
    }
}
