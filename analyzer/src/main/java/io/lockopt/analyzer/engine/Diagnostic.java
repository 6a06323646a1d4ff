package io.lockopt.analyzer.engine;

/**
 * A file the scan could not (fully) analyze. The scan goes on; diagnostics change the exit code
 * only under {@code --strict}.
 */
public record Diagnostic(Kind kind, String path, Region region, String message) {

    public enum Kind {
        /** The file or directory could not be read (permissions, I/O error). */
        UNREADABLE,
        /** The bytes are not valid in the chosen encoding; the file was analyzed with replacement characters. */
        UNDECODABLE,
        /** JavaParser could not parse the file; no rule saw it. */
        UNPARSABLE,
        /** A rule failed on the file; other rules' findings are kept. */
        RULE_FAILURE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final java.util.Comparator<Diagnostic> ORDER = java.util.Comparator
            .comparing(Diagnostic::path)
            .thenComparingInt(d -> d.region().line())
            .thenComparing(Diagnostic::message);
}
