package io.lockopt.analyzer.facts;

import java.util.Optional;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;

import io.lockopt.analyzer.spi.SourceFile;

/**
 * Finds the declaration, in the analyzed sources, of a class named in one file, the way javac
 * looks a simple name up: member classes of the enclosing classes and those they inherit from
 * their superclasses, the file's top-level classes, single-type imports (of nested classes too),
 * then the file's package, then on-demand imports ({@code import pkg.*;}); a scoped name
 * ({@code Outer.Inner}) descends member classes. Other files are read through
 * {@link SourceFile#unitDeclaring}, so one look-up may parse a few files:
 * every look-up has a budget of {@link #MAX_STEPS} files and superclasses, and gives up (empty)
 * when it is spent, as it does for a class that is not in the sources.
 */
public final class DeclaredTypes {
    /** A class declaration and the file that holds it. */
    public record Found(CompilationUnit unit, TypeDeclaration<?> type) {
    }

    /** Files read and superclasses followed by one look-up at most: enough for real nesting, bounded cost. */
    private static final int MAX_STEPS = 12;

    private final SourceFile file;
    private int steps;

    private DeclaredTypes(SourceFile file) {
        this.file = file;
    }

    /**
     * The class {@code name} (simple or scoped, without type arguments) refers to where {@code at}
     * stands in {@code unit} ({@code file}'s own unit or one it read), or empty.
     */
    public static Optional<Found> resolve(SourceFile file, CompilationUnit unit, Node at, String name) {
        return new DeclaredTypes(file).named(unit, at, name);
    }

    /**
     * The superclass {@code type}'s {@code extends} clause names, as seen from where {@code type} is
     * declared, or empty (none, {@code Object}, or not in the sources).
     */
    public static Optional<Found> superclass(SourceFile file, Found type) {
        return new DeclaredTypes(file).superclassOf(type);
    }

    private Optional<Found> superclassOf(Found type) {
        if (!(type.type() instanceof ClassOrInterfaceDeclaration declaration) || declaration.isInterface()
                || declaration.getExtendedTypes().isEmpty()) {
            return Optional.empty();
        }
        String name = declaration.getExtendedTypes().get(0).getNameWithScope();
        if (name.equals("Object") || name.equals("java.lang.Object")) {
            return Optional.empty();
        }
        // The extends clause is read where the class is declared: its own members are not in scope.
        Node outside = declaration.getParentNode().orElse(type.unit());
        return named(type.unit(), outside, name);
    }

    private Optional<Found> named(CompilationUnit unit, Node at, String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        Optional<Found> found = simpleNamed(unit, at, head);
        if (found.isEmpty() && dot > 0) {
            // A qualified name (pkg.Outer.Inner) rather than a scoped one.
            return qualified(name);
        }
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        while (found.isPresent() && !rest.isEmpty()) {
            int next = rest.indexOf('.');
            String member = next < 0 ? rest : rest.substring(0, next);
            rest = next < 0 ? "" : rest.substring(next + 1);
            found = memberOf(found.get(), member);
        }
        return found;
    }

    private Optional<Found> simpleNamed(CompilationUnit unit, Node at, String simple) {
        for (Node n = at; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> enclosing) {
                if (enclosing.getNameAsString().equals(simple)) {
                    return Optional.of(new Found(unit, enclosing));
                }
                Optional<Found> member = memberOf(new Found(unit, enclosing), simple);
                if (member.isPresent()) {
                    return member;
                }
            }
        }
        for (TypeDeclaration<?> top : unit.getTypes()) {
            if (top.getNameAsString().equals(simple)) {
                return Optional.of(new Found(unit, top));
            }
        }
        for (ImportDeclaration imp : unit.getImports()) {
            if (!imp.isStatic() && !imp.isAsterisk() && imp.getNameAsString().endsWith("." + simple)) {
                return qualified(imp.getNameAsString());
            }
        }
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        Optional<Found> inPackage = qualified(pkg + simple);
        if (inPackage.isPresent()) {
            return inPackage;
        }
        // Then the on-demand imports (import com.acme.reflection.*;), as javac does after the package.
        for (ImportDeclaration imp : unit.getImports()) {
            if (!imp.isStatic() && imp.isAsterisk()) {
                Optional<Found> imported = qualified(imp.getNameAsString() + "." + simple);
                if (imported.isPresent()) {
                    return imported;
                }
            }
        }
        return Optional.empty();
    }

    /** A member class of {@code owner} named {@code simple}, declared there or inherited from its superclasses. */
    private Optional<Found> memberOf(Found owner, String simple) {
        for (Found type = owner; type != null && spend(); type = superclassOf(type).orElse(null)) {
            for (Node member : type.type().getMembers()) {
                if (member instanceof TypeDeclaration<?> nested && nested.getNameAsString().equals(simple)) {
                    return Optional.of(new Found(type.unit(), nested));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code pkg.Top} or {@code pkg.Top.Nested...}: the file of the longest prefix that is one, then its members. */
    private Optional<Found> qualified(String name) {
        if (!spend()) {
            return Optional.empty();
        }
        String simple = name.substring(name.lastIndexOf('.') + 1);
        Optional<Found> top = file.unitDeclaring(name).flatMap(other -> other.getTypes().stream()
                .filter(t -> t.getNameAsString().equals(simple)).findFirst().map(t -> new Found(other, t)));
        if (top.isPresent() || name.lastIndexOf('.') < 0) {
            return top;
        }
        String outer = name.substring(0, name.lastIndexOf('.'));
        if (outer.isEmpty() || Character.isLowerCase(KnownTypes.simpleName(outer).charAt(0))) {
            return Optional.empty(); // a package, not a class
        }
        return qualified(outer).flatMap(found -> memberOf(found, simple));
    }

    private boolean spend() {
        return steps++ < MAX_STEPS;
    }
}
