package io.lockopt.cli;

/** The exit codes every subcommand uses (see docs/architecture.md). */
public final class ExitCodes {
    /** Success, or no findings at or above the failure threshold. */
    public static final int OK = 0;
    /** Findings at or above the failure threshold. */
    public static final int FINDINGS = 1;
    /** Usage or input error: a bad option, path or pid. */
    public static final int USAGE = 2;
    /** Internal failure: a bug in lockopt or an environment it cannot work in. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
