package io.lockopt.analyzer.engine;

/**
 * A file the scan could not (fully) analyze, or a rule that failed. The scan goes on; file
 * problems change the exit code only under {@code --strict}, rule failures fail the run unless
 * the caller keeps going.
 *
 * @param ruleId the rule that failed ({@link Kind#RULE_FAILURE}), else {@code null}
 * @param cause  what the rule threw ({@link Kind#RULE_FAILURE}), else {@code null}
 */
public record Diagnostic(Kind kind, String path, Region region, String message, String ruleId, Throwable cause) {

    public Diagnostic(Kind kind, String path, Region region, String message) {
        this(kind, path, region, message, null, null);
    }

    /** {@code rule} threw {@code cause} on {@code path} (empty: on the project as a whole). */
    public static Diagnostic ruleFailure(String rule, String path, Throwable cause) {
        return new Diagnostic(Kind.RULE_FAILURE, path, Region.FILE_START,
                "rule " + rule + " failed" + (path.isEmpty() ? "" : " on " + path) + ": " + cause, rule, cause);
    }

    public enum Kind {
        /** The file or directory could not be read (permissions, I/O error). */
        UNREADABLE,
        /** The bytes are not valid in the chosen encoding; the file was analyzed with replacement characters. */
        UNDECODABLE,
        /** JavaParser could not parse the file; no rule saw it. */
        UNPARSABLE,
        /**
         * Parsing and checking the file needed more memory than the heap had left, or it nests too
         * deeply for the rules' stacks; no rule saw it.
         */
        TOO_LARGE,
        /** A rule failed on the file (or the project); other rules' findings are kept, the report is incomplete. */
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
