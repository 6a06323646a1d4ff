package io.lockopt.analyzer.facts;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lockopt.analyzer.spi.SourceTexts;

/**
 * Which classes of other files that a static initialiser of this file touches extend or implement
 * one of this file's classes or interfaces, read from text: {@code ClassInitializationCycle}'s
 * prescreen, and its filter before it parses any of them. Most files' static initialisers touch
 * other classes (loggers, constants, registries), so parsing them all to ask would cost as much as
 * parsing every file; instead the names they touch are looked up as files beside this one and
 * those files' class headers read, following their supertypes through further files (a few reads
 * per file at most). Over-approximates what the rule checks on the trees: any name of this file's
 * types in a header counts, type parameters' bounds included.
 */
public final class SubtypesElsewhere {
    private static final Pattern SINGLE_IMPORT = Pattern.compile("import\\s+([\\w.]+)\\s*;");
    private static final Pattern ON_DEMAND_IMPORT = Pattern.compile("import\\s+([\\w.]+)\\.\\*\\s*;");
    private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][\\w$]*");
    /** Classes of {@code java.lang} and the JDK that static initialisers use all the time and sources never declare. */
    private static final Set<String> COMMON = Set.of("String", "Integer", "Long", "Short", "Byte", "Character",
            "Boolean", "Double", "Float", "Math", "StrictMath", "System", "Thread", "Runtime", "Object", "Class",
            "ClassLoader", "Enum", "Number", "StringBuilder", "StringBuffer", "Void", "ThreadLocal", "Collections",
            "Arrays", "List", "Map", "Set", "Objects", "Optional", "Pattern", "TimeUnit", "Duration", "Logger",
            "LoggerFactory", "LogManager", "LogFactory");
    /** Other files read per asking file at most: the cost stays a few file reads. */
    private static final int MAX_READS = 8;
    /** Names looked up per asking file at most. */
    private static final int MAX_NAMES = 32;
    /**
     * Characters read after the word {@code static} for the header it starts (up to its {@code =},
     * {@code (} or {@code {}): real headers are far shorter; the bound keeps a text of many
     * {@code static} words and no terminator linear.
     */
    private static final int MAX_HEADER = 1000;
    /** Supertype levels followed through other files. */
    private static final int MAX_DEPTH = 6;

    private final SourceTexts others;
    private int reads;

    private SubtypesElsewhere(SourceTexts others) {
        this.others = others;
    }

    /** True when a static initialiser of {@code text} may touch a subtype of one of its types declared in another file. */
    public static boolean mayTouch(String text, SourceTexts others) {
        return !touched(text, others, true).isEmpty();
    }

    /**
     * The simple names, as written in {@code text}'s static initialisers, of the classes of other
     * files whose declarations name one of {@code text}'s types among their supertypes, directly or
     * through the files of those supertypes (as far as a few reads go).
     */
    public static Set<String> touchedSubtypes(String text, SourceTexts others) {
        return touched(text, others, false);
    }

    private static Set<String> touched(String text, SourceTexts others, boolean firstOnly) {
        Set<String> touched = touchedNames(text);
        if (touched.isEmpty()) {
            return Set.of();
        }
        Set<String> declared = declaredTypes(text);
        touched.removeAll(declared);
        if (declared.isEmpty() || touched.isEmpty()) {
            return Set.of();
        }
        SubtypesElsewhere screen = new SubtypesElsewhere(others);
        Context context = Context.of(text);
        Set<String> subtypes = new LinkedHashSet<>();
        for (String name : touched) {
            if (screen.reads >= MAX_READS) {
                break;
            }
            Optional<Located> other = screen.find(context, name);
            // Any header of the file found: the name may be written Outer.Inner, the subtype nested.
            if (other.isPresent() && (screen.extendsOneOf(other.get(), declared, 0)
                    || anyHeaderNames(other.get().text(), declared))) {
                subtypes.add(name.substring(name.lastIndexOf('.') + 1));
                if (firstOnly) {
                    break;
                }
            }
        }
        return subtypes;
    }

    /**
     * Names a static initialiser creates an instance of or uses as a scope ({@code new X(},
     * {@code X.y}): in static field initialisers and static blocks, and in the whole text of a file
     * with an interface that declares a default method (an interface's fields are static without
     * the word).
     */
    private static Set<String> touchedNames(String text) {
        boolean interfaceWithDefaults = text.contains("interface") && hasDefaultMethod(text);
        if (!interfaceWithDefaults && !text.contains("static")) {
            return new LinkedHashSet<>();
        }
        StringBuilder regions = new StringBuilder();
        if (interfaceWithDefaults) {
            regions.append(text);
        } else {
            for (int at = text.indexOf("static"); at >= 0; at = text.indexOf("static", at + 6)) {
                int end = staticInitialiserStart(text, at);
                if (end >= 0) {
                    regions.append(text, end, endOfStatement(text, end)).append('\n');
                }
            }
            // The static methods those call by a plain name run in the initialiser too (EMPTY = build()).
            Set<String> called = calledNames(regions);
            for (int at = text.indexOf("static"); at >= 0 && !called.isEmpty(); at = text.indexOf("static", at + 6)) {
                int body = staticMethodBody(text, at, called);
                if (body >= 0) {
                    regions.append(text, body, endOfStatement(text, body)).append('\n');
                }
            }
        }
        // One pass over the identifiers (a regex tried at every offset cost most of this screen's time):
        // a capitalised one after "new", or before a dot and a name, not itself after a dot.
        // Created classes first: the likeliest subtypes, looked up before the read budget runs out.
        Set<String> created = new LinkedHashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        boolean afterNew = false;
        int i = 0;
        int length = regions.length();
        while (i < length && created.size() + touched.size() < MAX_NAMES) {
            char c = regions.charAt(i);
            if (!Character.isJavaIdentifierStart(c)) {
                if (!Character.isWhitespace(c)) {
                    afterNew = false;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < length && Character.isJavaIdentifierPart(regions.charAt(i))) {
                i++;
            }
            boolean qualified = start > 0 && regions.charAt(start - 1) == '.';
            if (afterNew && Character.isLowerCase(c) && followedByMember(regions, i)) {
                // new a.b.C(..): the class by its qualified name
                int end = qualifiedNameEnd(regions, start);
                String name = regions.substring(start, end).replaceAll("\\s", "");
                if (Character.isUpperCase(name.charAt(name.lastIndexOf('.') + 1))) {
                    created.add(name);
                }
                i = end;
            } else if (Character.isUpperCase(c) && (afterNew || !qualified && followedByMember(regions, i))) {
                String name = regions.substring(start, i);
                if (!COMMON.contains(name) && !name.equals(name.toUpperCase())) {
                    (afterNew ? created : touched).add(name);
                }
            }
            afterNew = i - start == 3 && regions.charAt(start) == 'n' && regions.charAt(start + 1) == 'e'
                    && regions.charAt(start + 2) == 'w';
        }
        created.addAll(touched);
        return created;
    }

    /** The end of the dotted name starting at {@code from}, up to its first capitalised segment. */
    private static int qualifiedNameEnd(CharSequence text, int from) {
        int i = from;
        while (true) {
            int start = i;
            while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                i++;
            }
            if (i == start || Character.isUpperCase(text.charAt(start)) || !followedByMember(text, i)) {
                return i;
            }
            while (text.charAt(i) != '.') {
                i++;
            }
            i++;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
    }

    /** Where the white space that ends at {@code at} starts ({@code at} itself when there is none). */
    private static int spaceBefore(CharSequence text, int at) {
        int i = at;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Where the identifier characters that end at {@code at} start ({@code at} itself when there are none). */
    private static int identifierBefore(CharSequence text, int at) {
        int i = at;
        while (i > 0 && Character.isJavaIdentifierPart(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Names called as plain methods ({@code build(}, not {@code x.build(} or {@code new Build(}). */
    private static Set<String> calledNames(CharSequence text) {
        Set<String> called = new java.util.HashSet<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '(') {
                continue;
            }
            int end = spaceBefore(text, i);
            int start = identifierBefore(text, end);
            int before = spaceBefore(text, start);
            boolean afterNew = before >= 3 && text.subSequence(before - 3, before).toString().equals("new");
            // build( or Base.build( (the class's own name: a capitalised name not itself after a dot)
            boolean plain = before == 0 || text.charAt(before - 1) != '.';
            if (!plain) {
                int qualifierEnd = spaceBefore(text, before - 1);
                int qualifier = identifierBefore(text, qualifierEnd);
                int beforeQualifier = spaceBefore(text, qualifier);
                plain = qualifier < qualifierEnd && Character.isUpperCase(text.charAt(qualifier))
                        && (beforeQualifier == 0 || text.charAt(beforeQualifier - 1) != '.');
            }
            if (start < end && Character.isJavaIdentifierStart(text.charAt(start)) && !afterNew && plain) {
                called.add(text.subSequence(start, end).toString());
            }
        }
        return called;
    }

    /**
     * Where the body of the static method that the word {@code static} at {@code at} declares starts,
     * when its name is one of {@code names}; -1 otherwise.
     */
    private static int staticMethodBody(String text, int at, Set<String> names) {
        if (at > 0 && Character.isJavaIdentifierPart(text.charAt(at - 1))) {
            return -1;
        }
        int paren = -1;
        for (int i = at + 6; i < Math.min(text.length(), at + MAX_HEADER); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                paren = i;
                break;
            }
            if (c == ';' || c == '=' || c == '{' || c == '}') {
                return -1;
            }
        }
        if (paren < 0) {
            return -1;
        }
        int end = spaceBefore(text, paren);
        if (!names.contains(text.substring(identifierBefore(text, end), end))) {
            return -1;
        }
        int brace = text.indexOf('{', paren);
        int semicolon = text.indexOf(';', paren);
        return brace < 0 || semicolon >= 0 && semicolon < brace ? -1 : brace;
    }

    /** {@code text} at {@code from} continues with a dot and a name (white space allowed). */
    private static boolean followedByMember(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '.') {
            return false;
        }
        i++;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && Character.isJavaIdentifierStart(text.charAt(i));
    }

    /**
     * Where the initialiser that the word {@code static} at {@code at} introduces starts: after the
     * {@code =} of a static field ({@code static final Map<K, V> M = ...}), or at the brace of a
     * static block; -1 for a static method, class or import.
     */
    private static int staticInitialiserStart(String text, int at) {
        if (at > 0 && Character.isJavaIdentifierPart(text.charAt(at - 1))) {
            return -1;
        }
        int i = at + 6;
        if (i >= text.length() || !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '{') {
            return -1;
        }
        for (; i < Math.min(text.length(), at + MAX_HEADER); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                return i + 1 < text.length() && text.charAt(i + 1) == '=' ? -1 : i + 1;
            }
            if (c == '{') {
                return text.substring(at + 6, i).isBlank() ? i : -1;
            }
            if (c == ';' || c == '(' || c == ')' || c == '}') {
                return -1;
            }
        }
        return -1;
    }

    /** The text declares a default method (or has words that look like one): an interface its implementations initialise. */
    public static boolean hasDefaultMethod(String text) {
        for (int at = text.indexOf("default"); at >= 0; at = text.indexOf("default", at + 7)) {
            int i = at + 7;
            if (i < text.length() && Character.isWhitespace(text.charAt(i))
                    && (at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1)))) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i < text.length() && (Character.isJavaIdentifierStart(text.charAt(i)) || text.charAt(i) == '<')) {
                    return true; // default void m(..), default <T> T m(..); not a switch's default:
                }
            }
        }
        return false;
    }

    /** The end of the statement or block starting at {@code from}: its {@code ;} at depth 0, or its closing brace. */
    private static int endOfStatement(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
                if (depth <= 0 && c == '}') {
                    return i + 1;
                }
            } else if (c == ';' && depth <= 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    /** The names after the words {@code class} and {@code interface} (and words that look like them). */
    private static Set<String> declaredTypes(String text) {
        Set<String> declared = new LinkedHashSet<>();
        for (String keyword : List.of("class", "interface")) {
            for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + keyword.length())) {
                String name = nameAfter(text, at, keyword);
                if (name != null) {
                    declared.add(name);
                }
            }
        }
        return declared;
    }

    /** The identifier after {@code keyword} at {@code at} when it stands as a word, else null. */
    private static String nameAfter(String text, int at, String keyword) {
        int i = at + keyword.length();
        if (at > 0 && Character.isJavaIdentifierPart(text.charAt(at - 1))
                || i >= text.length() || !Character.isWhitespace(text.charAt(i))) {
            return null;
        }
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
            i++;
        }
        return i > start && Character.isJavaIdentifierStart(text.charAt(start)) ? text.substring(start, i) : null;
    }

    /** A type name and the text of the file it was found in. */
    private record Located(String simpleName, String text) {
    }

    /** Where names are looked up from: a file's package and imports, read from the text before its first type. */
    private record Context(String packageName, Map<String, String> imports, List<String> onDemand) {
        static Context of(String text) {
            // Package and imports come before the first brace (the first type's body, or an annotation's array).
            int brace = text.indexOf('{');
            String head = brace < 0 ? text : text.substring(0, brace);
            Matcher p = PACKAGE.matcher(head);
            String pkg = p.find() ? p.group(1) : "";
            Map<String, String> imports = new HashMap<>();
            Matcher single = SINGLE_IMPORT.matcher(head);
            while (single.find()) {
                String q = single.group(1);
                imports.putIfAbsent(q.substring(q.lastIndexOf('.') + 1), q);
            }
            List<String> onDemand = ON_DEMAND_IMPORT.matcher(head).results().map(r -> r.group(1)).toList();
            return new Context(pkg, imports, onDemand);
        }

        String qualify(String prefix, String name) {
            return prefix.isEmpty() ? name : prefix + "." + name;
        }
    }

    /**
     * The file declaring {@code name} as seen from {@code context}: a single-type import (of a nested
     * class too: its top-level class's file), the package, then on-demand imports.
     */
    private Optional<Located> find(Context context, String name) {
        if (name.contains(".")) { // written qualified: new a.b.C(..)
            return read(name, name.substring(name.lastIndexOf('.') + 1));
        }
        String imported = context.imports().get(name);
        if (imported != null) {
            for (String q = imported; q.contains("."); q = q.substring(0, q.lastIndexOf('.'))) {
                Optional<Located> found = read(q, name);
                if (found.isPresent() || reads >= MAX_READS) {
                    return found;
                }
            }
            return Optional.empty();
        }
        Optional<Located> found = read(context.qualify(context.packageName(), name), name);
        for (int i = 0; found.isEmpty() && i < context.onDemand().size() && reads < MAX_READS; i++) {
            found = read(context.qualify(context.onDemand().get(i), name), name);
        }
        return found;
    }

    private Optional<Located> read(String qualifiedName, String simpleName) {
        Optional<String> text = others.text(qualifiedName);
        if (text.isPresent()) {
            reads++;
        }
        return text.map(t -> new Located(simpleName, t));
    }

    /** The header of {@code type}'s declaration names one of {@code declared}, directly or through the supertypes it names. */
    private boolean extendsOneOf(Located type, Set<String> declared, int depth) {
        String header = header(type.text(), type.simpleName());
        if (header == null) {
            return false;
        }
        Set<String> supertypes = new LinkedHashSet<>();
        Matcher names = TYPE_NAME.matcher(header);
        while (names.find()) {
            supertypes.add(names.group());
        }
        for (String s : supertypes) {
            if (declared.contains(s)) {
                return true;
            }
        }
        if (depth + 1 >= MAX_DEPTH) {
            return false;
        }
        Context context = Context.of(type.text());
        for (String s : supertypes) {
            if (reads >= MAX_READS) {
                return false;
            }
            if (COMMON.contains(s) || s.equals(type.simpleName())) {
                continue;
            }
            // A supertype declared in the same file (nested, or a second top-level class) needs no read.
            Optional<Located> next = header(type.text(), s) != null ? Optional.of(new Located(s, type.text()))
                    : find(context, s);
            if (next.isPresent() && extendsOneOf(next.get(), declared, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Some class or interface header of {@code text} names one of {@code declared}. */
    private static boolean anyHeaderNames(String text, Set<String> declared) {
        for (String keyword : List.of("class", "interface")) {
            for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + keyword.length())) {
                String name = nameAfter(text, at, keyword);
                String header = name == null ? null : headerAt(text, at, keyword, name);
                if (header != null && TYPE_NAME.matcher(header).results().anyMatch(r -> declared.contains(r.group()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What follows {@code class Name} or {@code interface Name} in {@code text} up to its body, or null. */
    private static String header(String text, String simpleName) {
        for (String keyword : List.of("class", "interface")) {
            for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + keyword.length())) {
                if (simpleName.equals(nameAfter(text, at, keyword))) {
                    return headerAt(text, at, keyword, simpleName);
                }
            }
        }
        return null;
    }

    /** The header of the declaration whose {@code keyword} stands at {@code at}, named {@code name}. */
    private static String headerAt(String text, int at, String keyword, String name) {
        int from = text.indexOf(name, at + keyword.length()) + name.length();
        int brace = text.indexOf('{', from);
        return brace < 0 ? null : text.substring(from, brace);
    }
}
