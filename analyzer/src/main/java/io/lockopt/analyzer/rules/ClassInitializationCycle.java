package io.lockopt.analyzer.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import io.lockopt.analyzer.facts.DeclaredTypes;
import io.lockopt.analyzer.facts.SubtypesElsewhere;
import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.Prescreen;
import io.lockopt.analyzer.spi.FileRule;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.RuleInfo;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.analyzer.spi.SourceFile;
import io.lockopt.analyzer.spi.SourceTexts;

/**
 * Class-initialisation deadlock. The JVM initialises a class under a per-class initialisation
 * lock, superclass first: (a) when a class's static initialiser (a static field's initialiser or a
 * static block) creates or touches a subclass of itself, a thread that initialises the subclass
 * first holds the subclass's initialisation while it waits for the base, and a thread that
 * initialises the base waits for the subclass: both hang, with no lock in any thread dump; (b) the
 * same happens when two classes' static initialisers each touch the other's static state.
 *
 * <p>What triggers initialisation: {@code new T(..)}, a call of a static method of {@code T}, a
 * read of a static field of {@code T} that is not a compile-time constant ({@code static final}
 * primitive or {@code String} with a constant initialiser). Class literals, declarations, casts,
 * {@code instanceof}, code in lambdas, anonymous and local classes (run later, if ever) and
 * anonymous subclasses do not count. A private nested subclass (or partner) can only be reached
 * through the base's own code, which waits for the base's initialisation anyway: not reported;
 * nor a package-private subclass that no other class of the file touches (log4j's and
 * ActiveMQ's matcher and constant classes: only the base's factories create them). An interface
 * is a base when it declares a default method: initialising a class initialises those of its
 * superinterfaces, direct or not, that do (JLS 12.4.2), and no others. The static methods of the
 * base that its initialiser calls by name ({@code EMPTY = build()}) run in it: followed, one call deep.
 *
 * <p>Subtypes declared in other files (javapoet's {@code TypeName} creating {@code ClassName}s,
 * javaslang's {@code Iterator} holding an anonymous {@code AbstractIterator}: both shipped, both
 * reported hanging): the base's static initialiser triggers a class of another file whose
 * initialisation initialises the base first, a subclass or, for an interface that declares a
 * default method, a class implementing it (JLS 12.4.2), directly or through supertypes in further
 * files. Creating an anonymous subclass of it counts here (its superclass is initialised).
 * Reported as Error Prone's ClassInitializationDeadlock does, when code outside the subtype's file
 * can initialise it first (not private, a constructor or static member that is not private, not
 * AutoValue's): high when code of other packages has a way in of its own (a public static member,
 * or every subclass of an abstract class), low otherwise (see {@link #reportSubtypesElsewhere}).
 *
 * <p>Confidence: (a) high when the subclass is also triggered from code outside both classes in
 * the file (another thread can start there), or when it or a superclass of it below the base is
 * public and abstract (every subclass of that, in any file, is a way in: jetty's
 * {@code RetainableByteBuffer.Abstract}, issue 13051), else (a public subclass: users can) low; (b) low: a deadlock needs two threads to
 * start the two initialisations at the same moment, and most such pairs are started from one place.
 *
 * <p>A file rule, not a project-wide one: a project-wide pass would add every file with a static
 * initialiser to the files every project rule's call graph is built from (the engine gives
 * project rules the union of their prescreens), changing their results and cost. Other files are
 * read on demand instead: first their text ({@link SubtypesElsewhere}: the class headers of the
 * classes a static initialiser touches name one of the file's types), then, for those alone, their
 * trees ({@link DeclaredTypes}). Files parsed for the rule: those that declare a static block and
 * two types, a class together with a subclass of it that the text creates or touches
 * ({@code new Sub}, {@code Sub.}) and an initialised static field, or whose static initialisers
 * touch a class whose file's header names one of their types.
 */
@RuleInfo(summary = "A static initialiser that touches a subclass, or two classes whose static initialisers touch each other (class-initialisation deadlock)",
        severity = Severity.WARNING)
public final class ClassInitializationCycle implements FileRule {
    // No leading word boundary: a pattern that starts with a literal is searched for with Boyer-Moore,
    // one that starts with a boundary is tried at every offset (20-40 times slower on kafka-clients' sources).
    private static final Pattern STATIC_INITIALISED_FIELD = Pattern.compile("static\\s[^;=(){}]*=");
    /** {@code class Sub ... extends [a.b.]Base}, up to the class body. */
    private static final Pattern SUBCLASS = Pattern.compile(
            "class\\s+([A-Za-z_$][\\w$]*)[^{;]*?\\sextends\\s+(?:[\\w$]+\\.)*([\\w$]+)");
    private static final Pattern CLASS_NAME = Pattern.compile("class\\s+([A-Za-z_$][\\w$]*)");
    /** {@code class Impl ... extends|implements}, up to the class body. */
    private static final Pattern IMPLEMENTATION = Pattern.compile(
            "class\\s+([A-Za-z_$][\\w$]*)[^{;]*?\\s(?:extends|implements)\\s");
    /** Bound on superclass chains (a cycle in broken sources must not loop). */
    private static final int MAX_SUPERCLASSES = 16;

    /** Files whose text may hold a cycle of this file's classes (see the class notes), or a subclass of one elsewhere. */
    private static final Prescreen STATIC_INITIALISERS = new Prescreen() {
        /** Without other files' text, only what the file itself can show. */
        @Override
        public boolean mayMatter(String text) {
            return inFile(text);
        }

        @Override
        public boolean mayMatter(String text, SourceTexts others) {
            return inFile(text) || SubtypesElsewhere.mayTouch(text, others);
        }
    };

    /**
     * A static block and two types, a subclass of a class of the file that the text creates or
     * touches, or an interface with default methods and a class of the file, extending or
     * implementing something, that the text creates (an interface's fields are static without the word).
     */
    private static boolean inFile(String text) {
        if (text.contains("interface") && SubtypesElsewhere.hasDefaultMethod(text)) {
            Set<String> created = createdNames(text);
            Matcher implementations = IMPLEMENTATION.matcher(text);
            while (!created.isEmpty() && implementations.find()) {
                if (created.contains(implementations.group(1))) {
                    return true;
                }
            }
        }
        if (!text.contains("static")) {
            return false;
        }
        if (hasStaticBlock(text)) {
            return declaresTwoTypes(text);
        }
        if (!text.contains("extends") || !STATIC_INITIALISED_FIELD.matcher(text).find()) {
            return false;
        }
        // the classes declared here, then a subclass of one of them that the text creates or touches
        java.util.Set<String> declared = new java.util.HashSet<>();
        Matcher names = CLASS_NAME.matcher(text);
        while (names.find()) {
            declared.add(names.group(1));
        }
        Matcher subclasses = SUBCLASS.matcher(text);
        while (subclasses.find()) {
            String sub = subclasses.group(1);
            if (declared.contains(subclasses.group(2)) && (text.contains("new " + sub) || text.contains(sub + "."))) {
                return true;
            }
        }
        return false;
    }

    /** The names after the word {@code new} (one pass: a file may declare thousands of classes). */
    private static Set<String> createdNames(String text) {
        Set<String> names = new java.util.HashSet<>();
        for (int at = text.indexOf("new"); at >= 0; at = text.indexOf("new", at + 3)) {
            int i = at + 3;
            if (at > 0 && Character.isJavaIdentifierPart(text.charAt(at - 1))
                    || i >= text.length() || !Character.isWhitespace(text.charAt(i))) {
                continue;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                names.add(text.substring(start, i));
            }
        }
        return names;
    }

    /** Two class, interface or enum declarations (or words that look like them): a file-local cycle needs two types. */
    private static boolean declaresTwoTypes(String text) {
        int count = 0;
        for (String keyword : List.of("class", "interface", "enum")) {
            for (int at = text.indexOf(keyword); at >= 0 && count < 2; at = text.indexOf(keyword, at + 1)) {
                int after = at + keyword.length();
                if (after < text.length() && Character.isWhitespace(text.charAt(after))) {
                    count++;
                }
            }
        }
        return count >= 2;
    }

    /** {@code static} followed by optional white space and an opening brace: a static block. */
    private static boolean hasStaticBlock(String text) {
        for (int at = text.indexOf("static"); at >= 0; at = text.indexOf("static", at + 1)) {
            int i = at + "static".length();
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '{') {
                return true;
            }
        }
        return false;
    }

    @Override
    public Prescreen prescreen() {
        return STATIC_INITIALISERS;
    }

    @Override
    public void check(SourceFile file, Reporter reporter) {
        Types types = new Types(List.of(file));
        Set<String> candidates = null; // read from other files' text once, when a base needs them
        for (Type base : types.all) {
            List<SubclassUse> uses = new ArrayList<>();
            for (Trigger t : base.triggers) {
                if (t.target != base && t.target.accessible() && types.initialisesFirst(t.target, base)) {
                    SubclassUse use = subclassUse(types, base, t);
                    if (use != null) {
                        uses.add(use);
                    }
                }
            }
            if (!uses.isEmpty()) {
                reportSubclasses(reporter, types, base, uses);
            } else if (!base.foreign.isEmpty() && base.initialisedBySubtypes()) {
                if (candidates == null) {
                    candidates = SubtypesElsewhere.touchedSubtypes(file.text(), file::textDeclaring);
                }
                reportSubtypesElsewhere(file, reporter, base, candidates);
            }
        }
        for (Type a : types.all) {
            for (Trigger there : a.triggers) {
                Type b = there.target;
                if (b == a || !a.accessible() || !b.accessible() || types.initialisesFirst(a, b) || types.initialisesFirst(b, a)
                        || a.name.compareTo(b.name) > 0) {
                    continue;
                }
                Optional<Trigger> back = b.triggers.stream().filter(t -> t.target == a).findFirst();
                if (back.isPresent()) {
                    reporter.report(a.file, there.at(), a.simple() + "'s static initialiser " + there.what() + " " + b.simple()
                            + ", whose static initialiser " + back.get().what() + " " + a.simple()
                            + " (line " + back.get().line() + "): two threads initialising " + a.simple() + " and "
                            + b.simple() + " at once deadlock, each holding its class's initialisation while it waits"
                            + " for the other; break the cycle by moving one side's state to a holder class or"
                            + " initialising it lazily.",
                            List.of(new Reporter.RelatedLocation(b.file, back.get().at(),
                                    b.simple() + "'s static initialiser touches " + a.simple() + " here")),
                            Map.of("class", a.name, "other", b.name), Confidence.LOW);
                    break;
                }
            }
        }
    }

    /** A subclass the base's static initialiser touches, and where else it may be initialised first (or null). */
    private record SubclassUse(Trigger trigger, Node outside) {
    }

    /** {@code null} when nothing outside the base touches a subclass that is not public either. */
    private static SubclassUse subclassUse(Types types, Type base, Trigger t) {
        Node outside = types.triggerOutside(t.target, base);
        return outside == null && !t.target.isPublic() ? null : new SubclassUse(t, outside);
    }

    /** Most subclasses a finding names as related places besides its own. */
    private static final int MAX_OTHER_SUBCLASSES = 4;

    /**
     * One finding per base class, at the subclass use of the highest confidence: Saxon's
     * {@code JPConverter} initialiser touches 24 of its subclasses, one fix (a holder class) for all.
     */
    private static void reportSubclasses(Reporter reporter, Types types, Type base, List<SubclassUse> uses) {
        SubclassUse first = uses.stream().filter(u -> u.outside() != null).findFirst().orElse(uses.get(0));
        Trigger t = first.trigger();
        Type sub = t.target;
        Node outside = first.outside();
        // A public abstract class on the way from the subtype to the base (the subtype itself too):
        // every subclass of it, in any file, initialises it and the base first (jetty's
        // RetainableByteBuffer.Abstract, issue 13051: a DynamicCapacity created elsewhere).
        Type abstractWayIn = outside != null ? null : types.abstractWayIn(sub, base);
        String from = outside != null
                ? " (" + sub.simple() + " is also used on line " + outside.getBegin().map(p -> p.line).orElse(0)
                        + " of " + fileName(types.fileOf(outside)) + ")"
                : abstractWayIn != null
                        ? " (" + abstractWayIn.simple() + (abstractWayIn == sub ? "" : ", its superclass,")
                                + " is public and abstract: any subclass of it, in any file, initialises "
                                + base.simple() + " first too)"
                        : "";
        List<Reporter.RelatedLocation> related = new ArrayList<>();
        related.add(new Reporter.RelatedLocation(sub.file, sub.declaration, sub.simple()
                + (base.isClass() ? " extends " : " implements ") + base.simple()));
        if (outside != null) {
            related.add(new Reporter.RelatedLocation(types.fileOf(outside), outside,
                    "another thread can initialise " + sub.simple() + " first here"));
        }
        List<SubclassUse> others = uses.stream().filter(u -> u != first).toList();
        String kind = base.isClass() ? "subclass" : "implementation";
        others.stream().limit(MAX_OTHER_SUBCLASSES).forEach(u -> related.add(new Reporter.RelatedLocation(base.file,
                u.trigger().at(), "the static initialiser " + u.trigger().what() + " its " + kind + " "
                        + u.trigger().target.simple() + " here too")));
        String more = others.isEmpty() ? ""
                : " (and " + others.size() + " more " + kind + (others.size() == 1 ? "" : base.isClass() ? "es" : "s")
                        + ", such as " + others.get(0).trigger().target.simple() + ")";
        String how = base.isClass() ? "its subclass " + sub.simple()
                : sub.simple() + ", which implements " + base.simple() + ", an interface with default methods, so"
                        + " initialising " + sub.simple() + " initialises " + base.simple() + " first";
        reporter.report(base.file, t.at(), base.simple() + "'s static initialiser " + t.what() + " " + how
                + from + more + ": a thread that initialises " + sub.simple() + " first holds its"
                + " initialisation while it waits for " + base.simple() + ", and one initialising " + base.simple()
                + " waits for " + sub.simple() + ", a class-initialisation deadlock; move the " + sub.simple()
                + " instance to a holder class or create it lazily.",
                related, Map.of("class", base.name, "other", sub.name, "subclasses", Integer.toString(uses.size())),
                outside != null || abstractWayIn != null ? Confidence.HIGH : Confidence.LOW);
    }

    private static String fileName(SourceFile file) {
        String path = file.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A reference in a static initialiser to a class not declared in the file, by the name written there. */
    private record ForeignTrigger(Node node, String name, MethodCallExpr via) {
        /** Where the static initialiser does it (see {@link Trigger#at}). */
        Node at() {
            return via != null ? via : node;
        }
    }

    /** A subtype of a base declared in another file that the base's static initialiser initialises. */
    private record SubtypeElsewhere(ForeignTrigger trigger, DeclaredTypes.Found subtype, boolean fromOtherPackages,
            String entryPoint) {
        /** Code of other packages can initialise the subtype first without going through the base. */
        boolean likelyFirst() {
            return fromOtherPackages && entryPoint != null;
        }

        String simple() {
            return subtype.type().getNameAsString();
        }

        /** The file it is declared in: its top-level class's name (the look-up found it by that path). */
        String fileName() {
            Node top = subtype.type();
            for (Node n = top; n != null; n = n.getParentNode().orElse(null)) {
                if (n instanceof TypeDeclaration<?>) {
                    top = n;
                }
            }
            return ((TypeDeclaration<?>) top).getNameAsString() + ".java";
        }

        int line() {
            return subtype.type().getName().getBegin().map(p -> p.line).orElse(0);
        }
    }

    /** Supertypes followed from a subtype in other files, at most: real hierarchies are shallower. */
    private static final int MAX_SUPERTYPES = 16;
    /** A class AutoValue generates: package-private, reached only through its base (as Error Prone's check). */
    private static final Pattern AUTO_VALUE = Pattern.compile("\\$*AutoValue_.*");

    /**
     * The base's static initialiser initialises a class of another file that extends it (or, for an
     * interface with default methods, implements it): javapoet's {@code TypeName} creating
     * {@code ClassName}s, javaslang's {@code Iterator.EMPTY} an anonymous {@code AbstractIterator}.
     * Reported when the subtype can be initialised by code outside its file (Error Prone's
     * ClassInitializationDeadlock criterion: not private, a constructor or static member that is
     * not private, not AutoValue's). High when code of other packages has a way in of its own: a
     * public static method or static state that is no constant ({@code ClassName.get(..)}), or, for an
     * abstract class, every subclass ({@code AbstractIterator}); low otherwise. Judged on the 71 such
     * findings of held-out samples 29-50, by two reviewers each: 19 real, 52 debatable, none wrong,
     * the debatable ones mostly a default implementation that only the base creates ({@code
     * TraceFactory}'s {@code DefaultTraceFactory}, whose public constructor nobody else calls); of
     * those with a way in of their own, 12 of 18 real. One finding per base, at its first high use.
     */
    private static void reportSubtypesElsewhere(SourceFile file, Reporter reporter, Type base, Set<String> candidates) {
        List<SubtypeElsewhere> uses = new ArrayList<>();
        for (ForeignTrigger t : base.foreign) {
            int dot = t.name().indexOf('.');
            if (!candidates.contains(t.name().substring(t.name().lastIndexOf('.') + 1))
                    && !candidates.contains(dot < 0 ? t.name() : t.name().substring(0, dot))) {
                continue; // its file names none of this file's types in a class header: parsing it would only cost
            }
            Optional<DeclaredTypes.Found> found = DeclaredTypes.resolve(file, file.unit(), t.node(), t.name());
            if (found.isEmpty() || found.get().unit() == file.unit() || !triggers(t.node(), found.get().type())
                    || !initialisesFirst(file, found.get(), base.name) || !instantiableElsewhere(found.get().type())) {
                continue;
            }
            uses.add(new SubtypeElsewhere(t, found.get(), fromOtherPackages(found.get().type()),
                    entryPoint(found.get().type())));
        }
        if (uses.isEmpty()) {
            return;
        }
        SubtypeElsewhere first = uses.stream().filter(SubtypeElsewhere::likelyFirst).findFirst().orElse(uses.get(0));
        List<Reporter.RelatedLocation> related = new ArrayList<>();
        List<SubtypeElsewhere> others = uses.stream().filter(u -> u != first).toList();
        others.stream().limit(MAX_OTHER_SUBCLASSES).forEach(u -> related.add(new Reporter.RelatedLocation(file,
                u.trigger().at(), "the static initialiser touches " + u.simple() + " (" + u.fileName()
                        + "), which initialises " + base.simple() + " first, here too")));
        String sub = first.simple();
        String how = base.isClass() ? "its subclass " + sub
                : sub + ", which implements " + base.simple() + ", an interface with default methods, so initialising "
                        + sub + " initialises " + base.simple() + " first";
        String more = others.isEmpty() ? ""
                : " (and " + others.size() + " more subtype" + (others.size() == 1 ? "" : "s") + ", such as "
                        + others.get(0).simple() + ")";
        String what = first.trigger().node() instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()
                ? calling(first.trigger().via(), "creates an anonymous subclass of")
                : new Trigger(first.trigger().node(), null, first.trigger().via()).what();
        reporter.report(file, first.trigger().at(), base.simple() + "'s static initialiser " + what + " " + how
                + " (declared in " + first.fileName() + ", line " + first.line() + ")" + more
                + (first.entryPoint() == null ? "" : "; " + first.entryPoint()) + ": a thread that initialises "
                + sub + " first holds its initialisation while it waits for " + base.simple() + ", and one initialising "
                + base.simple() + " waits for " + sub + ", a class-initialisation deadlock; move the " + sub
                + " instance to a holder class or create it lazily.",
                related, Map.of("class", base.name, "other", first.subtype().type().getFullyQualifiedName().orElse(sub),
                        "subclasses", Integer.toString(uses.size())),
                first.likelyFirst() ? Confidence.HIGH : Confidence.LOW);
    }

    /** {@code node} initialises {@code type}: an instance of a class, a static method it declares, static state that is no constant. */
    private static boolean triggers(Node node, TypeDeclaration<?> type) {
        boolean isClass = type instanceof ClassOrInterfaceDeclaration c && !c.isInterface();
        if (node instanceof ObjectCreationExpr) {
            return isClass;
        }
        if (node instanceof MethodCallExpr call) {
            return type.getMethodsByName(call.getNameAsString()).stream().anyMatch(MethodDeclaration::isStatic);
        }
        return node instanceof FieldAccessExpr access && Types.triggersOnRead(type, access.getNameAsString());
    }

    /**
     * Initialising {@code sub} initialises the type named {@code base} first: a class does its
     * superclasses and every superinterface (direct or not) that declares a default method; an
     * interface initialises none of its superinterfaces, so {@code sub} must be a class.
     */
    private static boolean initialisesFirst(SourceFile file, DeclaredTypes.Found sub, String base) {
        if (!(sub.type() instanceof ClassOrInterfaceDeclaration c) || c.isInterface()) {
            return false;
        }
        java.util.ArrayDeque<DeclaredTypes.Found> todo = new java.util.ArrayDeque<>(List.of(sub));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int steps = 0; !todo.isEmpty() && steps < MAX_SUPERTYPES; steps++) {
            DeclaredTypes.Found type = todo.poll();
            if (!(type.type() instanceof ClassOrInterfaceDeclaration declaration)) {
                continue;
            }
            // Supertypes are named where the class is declared: its own members are not in scope.
            Node outside = declaration.getParentNode().orElse(type.unit());
            List<ClassOrInterfaceType> supertypes = new ArrayList<>(declaration.getExtendedTypes());
            supertypes.addAll(declaration.getImplementedTypes());
            for (ClassOrInterfaceType supertype : supertypes) {
                Optional<DeclaredTypes.Found> found = DeclaredTypes.resolve(file, type.unit(), outside,
                        supertype.getNameWithScope());
                String name = found.flatMap(f -> f.type().getFullyQualifiedName()).orElse(null);
                if (base.equals(name)) {
                    return true;
                }
                if (name != null && seen.add(name)) {
                    todo.add(found.get());
                }
            }
        }
        return false;
    }

    /** Code outside its file can initialise {@code type} first (see {@link #reportSubtypesElsewhere}); not generated code. */
    private static boolean instantiableElsewhere(TypeDeclaration<?> type) {
        for (Node n = type; n instanceof TypeDeclaration<?> t; n = n.getParentNode().orElse(null)) {
            // A generator's output (Immutables' @Generated Immutable* classes behind Calcite's rule
            // configs, found by the dozen in flink-table-planner) is reached through its value type, as AutoValue's.
            if (t.hasModifier(Modifier.Keyword.PRIVATE) || t.getAnnotationByName("Generated").isPresent()) {
                return false;
            }
        }
        if (AUTO_VALUE.matcher(type.getNameAsString()).matches()) {
            return false;
        }
        boolean constructor = type.getConstructors().isEmpty()
                || type.getConstructors().stream().anyMatch(c -> !c.isPrivate());
        return constructor || type.getMembers().stream().anyMatch(m -> m instanceof MethodDeclaration method
                && method.isStatic() && !method.isPrivate()
                || m instanceof FieldDeclaration field && field.isStatic() && !field.isPrivate());
    }

    /**
     * How other code initialises {@code type} without going through the base, for the message, or
     * null: a public static method or public static state that is no constant (read, it initialises
     * the class), or, for an abstract class, the construction of any of its subclasses.
     */
    private static String entryPoint(TypeDeclaration<?> type) {
        if (type instanceof ClassOrInterfaceDeclaration c && c.isAbstract()) {
            return "every subclass of " + type.getNameAsString() + " initialises it first";
        }
        for (MethodDeclaration m : type.getMethods()) {
            if (m.isStatic() && m.isPublic()) {
                return "its public static " + m.getNameAsString() + "() initialises it on its own";
            }
        }
        for (FieldDeclaration f : type.getFields()) {
            if (f.isStatic() && f.isPublic()) {
                for (VariableDeclarator v : f.getVariables()) {
                    if (Types.triggersOnRead(type, v.getNameAsString())) {
                        return "its public static " + v.getNameAsString() + " initialises it on its own";
                    }
                }
            }
        }
        return null;
    }

    /** Public or protected, as every type around it: code of other packages can touch it. */
    private static boolean fromOtherPackages(TypeDeclaration<?> type) {
        for (Node n = type; n instanceof TypeDeclaration<?> t; n = n.getParentNode().orElse(null)) {
            if (!t.hasModifier(Modifier.Keyword.PUBLIC) && !t.hasModifier(Modifier.Keyword.PROTECTED)) {
                return false;
            }
        }
        return true;
    }

    /** A reference in a static initialiser that initialises {@code target}. */
    private record Trigger(Node node, Type target, MethodCallExpr via) {
        String what() {
            return calling(via, node instanceof ObjectCreationExpr ? "creates an instance of"
                    : node instanceof MethodCallExpr ? "calls a static method of" : "reads static state of");
        }

        /** Where the static initialiser does it: the call of its own static method that does, or the node itself. */
        Node at() {
            return via != null ? via : node;
        }

        int line() {
            return at().getBegin().map(p -> p.line).orElse(0);
        }
    }

    /** {@code what} a static initialiser does, through its call {@code via} of an own static method (null: directly). */
    private static String calling(MethodCallExpr via, String what) {
        return via == null ? what : "calls " + via.getNameAsString() + "(), which " + what;
    }

    /** A named class, interface or enum of the scanned sources. */
    private static final class Type {
        final String name;
        final SourceFile file;
        final TypeDeclaration<?> declaration;
        final Type enclosing;
        final List<Trigger> triggers = new ArrayList<>();
        /** References in the static initialisers to classes not declared in this file, by the name written. */
        final List<ForeignTrigger> foreign = new ArrayList<>();

        Type(String name, SourceFile file, TypeDeclaration<?> declaration, Type enclosing) {
            this.name = name;
            this.file = file;
            this.declaration = declaration;
            this.enclosing = enclosing;
        }

        String simple() {
            return declaration.getNameAsString();
        }

        boolean isClass() {
            return declaration instanceof ClassOrInterfaceDeclaration c && !c.isInterface();
        }

        /** Reachable from code outside the classes that enclose it: not private, nor nested in a private class. */
        boolean accessible() {
            for (Type t = this; t != null; t = t.enclosing) {
                if (t.declaration.hasModifier(Modifier.Keyword.PRIVATE)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Initialising a subtype initialises this type first: a class that is not final, or an interface
         * that declares a default method (JLS 12.4.2: a class initialises its superinterfaces that do).
         */
        boolean initialisedBySubtypes() {
            return declaration instanceof ClassOrInterfaceDeclaration c && (c.isInterface()
                    ? c.getMethods().stream().anyMatch(MethodDeclaration::isDefault) : !c.isFinal());
        }

        /**
         * Public or protected, as every class around it: code of other packages can touch it first. A
         * member of an interface is public without the word.
         */
        boolean isPublic() {
            for (Type t = this; t != null; t = t.enclosing) {
                boolean inInterface = t.enclosing != null && t.enclosing.declaration instanceof ClassOrInterfaceDeclaration c
                        && c.isInterface();
                if (!inInterface && !t.declaration.hasModifier(Modifier.Keyword.PUBLIC)
                        && !t.declaration.hasModifier(Modifier.Keyword.PROTECTED)) {
                    return false;
                }
            }
            return true;
        }

        boolean isAbstract() {
            return declaration instanceof ClassOrInterfaceDeclaration c && !c.isInterface()
                    && c.hasModifier(Modifier.Keyword.ABSTRACT);
        }

        /** Not sealed, and a constructor other code can call (or none declared): other files can extend it. */
        boolean subclassableElsewhere() {
            return declaration instanceof ClassOrInterfaceDeclaration c && !c.hasModifier(Modifier.Keyword.SEALED)
                    && (c.getConstructors().isEmpty() || c.getConstructors().stream().anyMatch(k -> !k.isPrivate()));
        }

        /** The superclass as written ({@code extends X}), or null. */
        ClassOrInterfaceType superclass() {
            return declaration instanceof ClassOrInterfaceDeclaration c && !c.isInterface()
                    && c.getExtendedTypes().isNonEmpty() ? c.getExtendedTypes(0) : null;
        }
    }

    /** The types of the scanned files, their names resolved the way javac would for the common cases. */
    private static final class Types {
        final List<Type> all = new ArrayList<>();
        final Map<String, Type> byName = new HashMap<>();
        final Map<TypeDeclaration<?>, Type> byDeclaration = new IdentityHashMap<>();
        final Map<Node, SourceFile> fileOfUnit = new IdentityHashMap<>();

        Types(List<SourceFile> files) {
            for (SourceFile file : files) {
                fileOfUnit.put(file.unit(), file);
                String pkg = file.unit().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
                for (TypeDeclaration<?> top : file.unit().getTypes()) {
                    declare(file, top, pkg + top.getNameAsString(), null);
                }
            }
            for (Type t : all) {
                collectTriggers(t);
            }
        }

        private void declare(SourceFile file, TypeDeclaration<?> declaration, String name, Type enclosing) {
            Type type = new Type(name, file, declaration, enclosing);
            all.add(type);
            byName.putIfAbsent(name, type);
            byDeclaration.put(declaration, type);
            for (BodyDeclaration<?> member : declaration.getMembers()) {
                if (member instanceof TypeDeclaration<?> nested) {
                    declare(file, nested, name + "." + nested.getNameAsString(), type);
                }
            }
        }

        SourceFile fileOf(Node node) {
            return fileOfUnit.get(node.findRootNode());
        }

        /** The type {@code written} names where it is written, or null when it is not one of the scanned types. */
        Type resolve(Type from, String written) {
            if (written.contains(".")) {
                Type qualified = byName.get(written);
                if (qualified != null) {
                    return qualified;
                }
                int dot = written.indexOf('.');
                Type outer = resolve(from, written.substring(0, dot));
                return outer == null ? null : byName.get(outer.name + written.substring(dot));
            }
            for (Type scope = from; scope != null; scope = scope.enclosing) {
                if (scope.simple().equals(written)) {
                    return scope;
                }
                Type nested = byName.get(scope.name + "." + written);
                if (nested != null) {
                    return nested;
                }
            }
            for (ImportDeclaration i : from.file.unit().getImports()) {
                if (!i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(written)) {
                    return byName.get(i.getNameAsString());
                }
            }
            String pkg = from.file.unit().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
            return byName.get(pkg + written);
        }

        /**
         * Initialising {@code sub} initialises {@code base} first: a class extending it, or, for an
         * interface that declares a default method, a class implementing it, directly or through
         * the scanned supertypes (JLS 12.4.2).
         */
        boolean initialisesFirst(Type sub, Type base) {
            if (base.isClass() || !base.initialisedBySubtypes()) {
                return isSubclass(sub, base);
            }
            return sub.isClass() && supertypes(sub).contains(base);
        }

        /** The scanned supertypes of {@code type}, direct or not, superclasses first (bounded). */
        List<Type> supertypes(Type type) {
            List<Type> found = new ArrayList<>();
            java.util.ArrayDeque<Type> todo = new java.util.ArrayDeque<>(List.of(type));
            while (!todo.isEmpty() && found.size() < MAX_SUPERCLASSES) {
                Type t = todo.poll();
                if (!(t.declaration instanceof ClassOrInterfaceDeclaration c)) {
                    continue;
                }
                List<ClassOrInterfaceType> named = new ArrayList<>(c.getExtendedTypes());
                named.addAll(c.getImplementedTypes());
                for (ClassOrInterfaceType n : named) {
                    Type s = resolve(t.enclosing == null ? t : t.enclosing, n.getNameWithScope());
                    if (s != null && s != type && !found.contains(s)) {
                        found.add(s);
                        todo.add(s);
                    }
                }
            }
            return found;
        }

        /** {@code sub} or a scanned superclass of it below {@code base} that is public and abstract, or null. */
        Type abstractWayIn(Type sub, Type base) {
            List<Type> chain = new ArrayList<>(List.of(sub));
            chain.addAll(supertypes(sub));
            for (Type t : chain) {
                if (t != base && t.isAbstract() && t.isPublic() && t.subclassableElsewhere() && initialisesFirst(t, base)) {
                    return t;
                }
            }
            return null;
        }

        /** True when {@code sub} extends {@code base}, directly or through scanned superclasses. */
        boolean isSubclass(Type sub, Type base) {
            Type t = sub;
            for (int i = 0; i < MAX_SUPERCLASSES && t != null && t.superclass() != null; i++) {
                t = resolve(t.enclosing == null ? t : t.enclosing, t.superclass().getNameWithScope());
                if (t == base) {
                    return base.isClass();
                }
            }
            return false;
        }

        /** A trigger of {@code type} in code outside {@code base} and {@code type} (any method, any file), or null. */
        Node triggerOutside(Type type, Type base) {
            for (Type t : all) {
                if (t.enclosing != null) {
                    continue;
                }
                for (Node n : t.declaration.findAll(Node.class, n -> n instanceof ObjectCreationExpr
                        || n instanceof MethodCallExpr || n instanceof FieldAccessExpr)) {
                    Type in = enclosingType(n);
                    // Code of a class whose initialisation initialises the base first (a sibling
                    // subclass) runs only once the base is initialised: never the first trigger
                    // (jolie's RootValueImpl creating ValueImpls, held-out).
                    if (in == null || within(in, base) || within(in, type) || initialisesFirst(in, base)) {
                        continue;
                    }
                    if (triggered(in, n) == type) {
                        return n;
                    }
                }
            }
            return null;
        }

        private static boolean within(Type t, Type outer) {
            for (Type x = t; x != null; x = x.enclosing) {
                if (x == outer) {
                    return true;
                }
            }
            return false;
        }

        private Type enclosingType(Node n) {
            for (Optional<Node> p = n.getParentNode(); p.isPresent(); p = p.get().getParentNode()) {
                if (p.get() instanceof TypeDeclaration<?> d) {
                    return byDeclaration.get(d);
                }
                if (p.get() instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
                    return null;
                }
            }
            return null;
        }

        /** The static initialisers of {@code type}: static field initialisers, static blocks, enum constant arguments. */
        private void collectTriggers(Type type) {
            List<Node> roots = new ArrayList<>();
            if (type.declaration instanceof EnumDeclaration e) {
                e.getEntries().forEach(entry -> roots.addAll(entry.getArguments()));
            }
            for (BodyDeclaration<?> member : type.declaration.getMembers()) {
                if (member instanceof FieldDeclaration f && (f.isStatic()
                        || type.declaration instanceof ClassOrInterfaceDeclaration c && c.isInterface())) {
                    f.getVariables().forEach(v -> v.getInitializer().ifPresent(roots::add));
                } else if (member instanceof InitializerDeclaration i && i.isStatic()) {
                    roots.add(i.getBody());
                }
            }
            Set<MethodDeclaration> followed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Node root : roots) {
                scan(type, root, null, followed);
            }
        }

        /**
         * {@code via}: the call of one of the type's own static methods, in its static initialiser,
         * that {@code node} is reached through (null: written in the initialiser). Such a method runs
         * in the initialiser as its code does ({@code EMPTY = build()}, jetty's {@code HttpFields}):
         * followed, one call deep, each method once.
         */
        private void scan(Type type, Node node, MethodCallExpr via, Set<MethodDeclaration> followed) {
            if (node instanceof LambdaExpr || node instanceof MethodReferenceExpr || node instanceof LocalClassDeclarationStmt) {
                return;
            }
            Type target = triggered(type, node);
            if (target != null && type.triggers.stream().noneMatch(t -> t.target == target)) {
                type.triggers.add(new Trigger(node, target, via));
            }
            String elsewhere = target == null ? triggeredElsewhere(type, node) : null;
            if (elsewhere != null && type.foreign.stream().noneMatch(t -> t.name().equals(elsewhere))) {
                type.foreign.add(new ForeignTrigger(node, elsewhere, via));
            }
            if (node instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
                o.getArguments().forEach(a -> scan(type, a, via, followed));
                return;
            }
            if (via == null && node instanceof MethodCallExpr call && ownStatic(type, call)) {
                // Only an unambiguous callee: overloads of one arity are told apart by types.
                List<MethodDeclaration> callees = type.declaration.getMethodsByName(call.getNameAsString()).stream()
                        .filter(m -> m.isStatic() && m.getParameters().size() == call.getArguments().size()).toList();
                if (callees.size() == 1 && followed.add(callees.get(0))) {
                    callees.get(0).getBody().ifPresent(body -> scan(type, body, call, followed));
                }
            }
            if (via != null && conditional(node)) {
                return; // in a followed method, what runs for this call's arguments only (a factory's branches)
            }
            for (Node child : node.getChildNodes()) {
                scan(type, child, via, followed);
            }
        }

        /** A statement or expression whose parts run only for some values: branches, loops, handlers. */
        private static boolean conditional(Node node) {
            return node instanceof com.github.javaparser.ast.stmt.IfStmt
                    || node instanceof com.github.javaparser.ast.stmt.SwitchStmt
                    || node instanceof com.github.javaparser.ast.expr.SwitchExpr
                    || node instanceof ConditionalExpr
                    || node instanceof com.github.javaparser.ast.stmt.CatchClause
                    || node instanceof com.github.javaparser.ast.stmt.WhileStmt
                    || node instanceof com.github.javaparser.ast.stmt.DoStmt
                    || node instanceof com.github.javaparser.ast.stmt.ForStmt
                    || node instanceof com.github.javaparser.ast.stmt.ForEachStmt
                    || node instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.AND
                            || b.getOperator() == BinaryExpr.Operator.OR);
        }

        /** {@code call} names a method of {@code type} itself: no scope, or the type's own name. */
        private static boolean ownStatic(Type type, MethodCallExpr call) {
            return call.getScope().isEmpty()
                    || call.getScope().get() instanceof NameExpr n && n.getNameAsString().equals(type.simple());
        }

        /** The type whose initialisation {@code node}, written in {@code in}, triggers; null for none or another. */
        Type triggered(Type in, Node node) {
            if (node instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isEmpty()) {
                return o.getScope().isPresent() ? null : resolve(in, o.getType().getNameWithScope());
            }
            if (node instanceof MethodCallExpr call && call.getScope().isPresent()) {
                Type owner = typeNamed(in, call.getScope().get());
                return owner != null && declaresStaticMethod(owner, call.getNameAsString()) ? owner : null;
            }
            if (node instanceof FieldAccessExpr access && !(access.getParentNode().orElse(null) instanceof FieldAccessExpr)) {
                Type owner = typeNamed(in, access.getScope());
                return owner != null && triggersOnRead(owner.declaration, access.getNameAsString()) ? owner : null;
            }
            return null;
        }

        /**
         * The name of a class not declared in the scanned files whose initialisation {@code node} may
         * trigger ({@code new X(..)}, with a body too: the anonymous class initialises its superclass;
         * {@code X.m(..)}; {@code X.f}), as written; null for anything else. Whether it does is decided
         * once the class is found ({@link ClassInitializationCycle#reportSubtypesElsewhere}).
         */
        String triggeredElsewhere(Type in, Node node) {
            if (node instanceof ObjectCreationExpr o) {
                String written = o.getType().getNameWithScope();
                return o.getScope().isEmpty() && resolve(in, written) == null ? written : null;
            }
            Expression scope = node instanceof MethodCallExpr call ? call.getScope().orElse(null)
                    : node instanceof FieldAccessExpr access && !(access.getParentNode().orElse(null) instanceof FieldAccessExpr)
                            ? access.getScope() : null;
            String written = scope instanceof NameExpr n && !declaresField(in, n.getNameAsString()) ? n.getNameAsString()
                    : scope instanceof FieldAccessExpr f ? f.toString() : null;
            if (written == null) {
                return null;
            }
            String simple = written.substring(written.lastIndexOf('.') + 1);
            return Character.isUpperCase(simple.charAt(0)) && !simple.equals(simple.toUpperCase())
                    && resolve(in, written) == null ? written : null;
        }

        /** The scanned type an expression used as a scope names ({@code Sub}, {@code Base.Sub}, {@code a.b.Sub}), or null. */
        private Type typeNamed(Type in, Expression scope) {
            if (scope instanceof NameExpr n) {
                return Character.isUpperCase(n.getNameAsString().charAt(0)) && !declaresField(in, n.getNameAsString())
                        ? resolve(in, n.getNameAsString()) : null;
            }
            if (scope instanceof FieldAccessExpr f && Character.isUpperCase(f.getNameAsString().charAt(0))) {
                return resolve(in, f.toString());
            }
            return null;
        }

        private static boolean declaresField(Type in, String name) {
            for (Type t = in; t != null; t = t.enclosing) {
                if (t.declaration.getFieldByName(name).isPresent()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean declaresStaticMethod(Type owner, String name) {
            return owner.declaration.getMethodsByName(name).stream().anyMatch(MethodDeclaration::isStatic);
        }

        /** Reading {@code name} of {@code declaration} initialises it: an enum constant, or a static field that is no compile-time constant. */
        static boolean triggersOnRead(TypeDeclaration<?> declaration, String name) {
            if (declaration instanceof EnumDeclaration e
                    && e.getEntries().stream().anyMatch(c -> c.getNameAsString().equals(name))) {
                return true;
            }
            Optional<FieldDeclaration> field = declaration.getFieldByName(name);
            if (field.isEmpty()) {
                return false;
            }
            FieldDeclaration f = field.get();
            boolean isStatic = f.isStatic() || declaration instanceof ClassOrInterfaceDeclaration c && c.isInterface();
            boolean isFinal = f.isFinal() || declaration instanceof ClassOrInterfaceDeclaration c && c.isInterface();
            if (!isStatic) {
                return false;
            }
            VariableDeclarator v = f.getVariables().stream().filter(d -> d.getNameAsString().equals(name)).findFirst()
                    .orElseThrow();
            boolean constantType = v.getType().isPrimitiveType() || v.getType().asString().equals("String")
                    || v.getType().asString().equals("java.lang.String");
            return !(isFinal && constantType && v.getInitializer().map(Types::isConstant).orElse(false));
        }

        private static boolean isConstant(Expression e) {
            if (e instanceof LiteralExpr) {
                return !e.isNullLiteralExpr();
            }
            if (e instanceof EnclosedExpr enclosed) {
                return isConstant(enclosed.getInner());
            }
            if (e instanceof UnaryExpr u) {
                return isConstant(u.getExpression());
            }
            if (e instanceof BinaryExpr b) {
                return isConstant(b.getLeft()) && isConstant(b.getRight());
            }
            if (e instanceof CastExpr c) {
                return isConstant(c.getExpression());
            }
            if (e instanceof ConditionalExpr c) {
                return isConstant(c.getCondition()) && isConstant(c.getThenExpr()) && isConstant(c.getElseExpr());
            }
            // another constant by name: javac folds it when it is one; assume so (silence is the safe side)
            return e instanceof NameExpr || e instanceof FieldAccessExpr;
        }
    }
}
