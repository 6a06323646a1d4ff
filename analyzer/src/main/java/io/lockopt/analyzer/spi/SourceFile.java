package io.lockopt.analyzer.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.github.javaparser.ast.CompilationUnit;

/**
 * One parsed source file, as rules see it. Derived per-file data (lock facts, type tables)
 * is computed once and shared between rules through {@link #derived}.
 */
public final class SourceFile {
    private final String path;
    private final String text;
    private final CompilationUnit unit;
    private final AnalysisSettings settings;
    private final SourceLookup lookup;
    private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();
    /** Set when a rule looked at another file ({@link #unitDeclaring}); read after the file's rules ran. */
    private volatile boolean consultedOtherFiles;

    /**
     * @param path forward-slash path relative to the scan root (inside a jar: {@code x.jar!/a/B.java})
     */
    public SourceFile(String path, String text, CompilationUnit unit, AnalysisSettings settings) {
        this(path, text, unit, settings, SourceLookup.NONE);
    }

    public SourceFile(String path, String text, CompilationUnit unit, AnalysisSettings settings, SourceLookup lookup) {
        this.path = path;
        this.text = text;
        this.unit = unit;
        this.settings = settings;
        this.lookup = lookup;
    }

    /**
     * The parsed source of the top-level type {@code qualifiedName} in the same analysis, or empty;
     * see {@link SourceLookup}. Marks this file as depending on another one.
     */
    public Optional<CompilationUnit> unitDeclaring(String qualifiedName) {
        consultedOtherFiles = true;
        return lookup.unitDeclaring(this, qualifiedName);
    }

    /** True when a rule asked for another file's source ({@link #unitDeclaring}). */
    public boolean consultedOtherFiles() {
        return consultedOtherFiles;
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public CompilationUnit unit() {
        return unit;
    }

    public AnalysisSettings settings() {
        return settings;
    }

    /** The value of {@code kind} for this file, computed by {@code compute} on first use. */
    public <T> T derived(Class<T> kind, Function<SourceFile, T> compute) {
        Object value = derived.get(kind);
        if (value == null) {
            value = compute.apply(this);
            Object raced = derived.putIfAbsent(kind, value);
            if (raced != null) {
                value = raced;
            }
        }
        return kind.cast(value);
    }

    @Override
    public String toString() {
        return path;
    }
}
