package io.lockopt.analyzer.spi;

import java.util.Optional;

import com.github.javaparser.ast.CompilationUnit;

/**
 * Finds another source file of the same analysis by the qualified name of its top-level type
 * ({@code a.b.C} in {@code a/b/C.java} under the root of the asking file), whether or not the
 * prescreen let that file be parsed: a file rule that must know a class declared elsewhere (the
 * fields of the class a double-checked field is built from) parses it on demand. A file whose
 * rules asked is not kept in the {@code --cache} (its findings depend on another file's content)
 * and is analyzed again on every run.
 */
@FunctionalInterface
public interface SourceLookup {

    /** The parsed file declaring {@code qualifiedName} beside {@code from}, or empty (not analyzed, unparsable). */
    Optional<CompilationUnit> unitDeclaring(SourceFile from, String qualifiedName);

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
