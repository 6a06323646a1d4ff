package io.lockopt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
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

    /** Whether {@code --verbose} was given anywhere on the command line that runs {@code spec}. */
    static boolean isSet(CommandSpec spec) {
        return isSet(spec.root().commandLine().getParseResult());
    }

    /** Whether {@code --verbose} was given at any level of {@code parseResult}. */
    static boolean isSet(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult current = parseResult; current != null; current = current.subcommand()) {
            if (current.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
