package io.lockopt.analyzer.facts;

import java.util.function.Predicate;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;

/**
 * The qualified name a type name written in a file refers to, among names a rule knows (a JDK
 * class, a container's annotation), the way javac looks it up without the classpath: written out
 * qualified; a single-type import; then, unless the file declares a type of that name, an on-demand
 * import ({@code import java.util.concurrent.*;}) of a package that has a known type of that name.
 * A type of the file's own package in another file is not seen.
 */
public final class ImportedNames {

    private ImportedNames() {
    }

    /** What {@code written} names in {@code unit}, or null when it is none of the {@code known} names. */
    public static String qualified(CompilationUnit unit, String written, Predicate<String> known) {
        if (written.contains(".")) {
            return known.test(written) ? written : null;
        }
        for (ImportDeclaration i : unit.getImports()) {
            if (!i.isStatic() && !i.isAsterisk() && i.getNameAsString().endsWith("." + written)) {
                return known.test(i.getNameAsString()) ? i.getNameAsString() : null;
            }
        }
        if (unit.findFirst(TypeDeclaration.class, t -> t.getNameAsString().equals(written)).isPresent()) {
            return null; // a type of the file's own comes before on-demand imports
        }
        for (ImportDeclaration i : unit.getImports()) {
            String candidate = i.getNameAsString() + "." + written;
            if (!i.isStatic() && i.isAsterisk() && known.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
