package io.lockopt.analyzer.spi;

import java.util.Optional;

import com.github.javaparser.ast.CompilationUnit;

/**
 * Finds another source file of the same analysis by the qualified name of its top-level type
 * ({@code a.b.C} in {@code a/b/C.java} under the root of the asking file), whether or not the
 * prescreen let that file be parsed: a file rule that must know a class declared elsewhere (the
 * fields of the class a double-checked field is built from) parses it on demand. The
 * {@code --cache} keeps the results of a file whose rules asked with the content hash of each file
 * looked for (or its absence), and uses them only while every one of those is unchanged.
 */
@FunctionalInterface
public interface SourceLookup {

    /** The parsed file declaring {@code qualifiedName} beside {@code from}, or empty (not analyzed, unparsable). */
    Optional<CompilationUnit> unitDeclaring(SourceFile from, String qualifiedName);

    /**
     * The text of that file, unparsed, or empty: for a rule that reads a few words of many files
     * before it parses the one it needs (see {@link SourceTexts}).
     */
    default Optional<String> textDeclaring(SourceFile from, String qualifiedName) {
        return Optional.empty();
    }

    /** No other file: tests and single-file callers. */
    SourceLookup NONE = (from, qualifiedName) -> Optional.empty();

    /**
     * Where {@code qualifiedName}'s file would be: the root of {@code from} (its path without its
     * package's directories and file name) plus the name's path; empty when {@code from} does not
     * sit in its package's directory.
     */
    static Optional<String> pathBeside(SourceFile from, String qualifiedName) {
        String packagePath = from.unit().getPackageDeclaration()
                .map(p -> p.getNameAsString().replace('.', '/') + "/").orElse("");
        String path = from.path();
        String suffix = packagePath + path.substring(path.lastIndexOf('/') + 1);
        if (!path.endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(path.substring(0, path.length() - suffix.length()) + qualifiedName.replace('.', '/') + ".java");
    }
}
