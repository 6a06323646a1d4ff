package io.lockopt.cli.profile;

import io.lockopt.cli.UserInputException;
import picocli.CommandLine.Option;

/** {@code --top N}, how many locks a profile report's tables show: a mixin of profile and profile merge. */
final class TopLocksOption {
    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many locks the tables show (default: ${DEFAULT-VALUE}).")
    int top;

    /** The count, checked when the command runs: below 1 is a usage error. */
    int count() {
        if (top < 1) {
            throw new UserInputException("--top must be at least 1");
        }
        return top;
    }
}
