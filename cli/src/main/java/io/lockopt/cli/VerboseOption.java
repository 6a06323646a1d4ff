package io.lockopt.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --verbose}, accepted before or after any subcommand. */
public final class VerboseOption {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces and extra detail on errors.")
    boolean verbose;

    public boolean isVerbose() {
        return verbose;
    }
}
