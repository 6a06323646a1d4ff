package io.lockopt.cli;

import picocli.CommandLine;

/** Entry point of {@code lockopt}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CheckedStandardOutput standardOutput = CheckedStandardOutput.install();
        Interruption.watch();
        int code;
        try {
            code = newCommandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            // Thrown on this thread, past picocli's handlers; what filled the heap is garbage by now.
            System.err.println("lockopt: " + ExceptionExitCodes.outOfMemory());
            code = ExitCodes.INTERNAL;
        }
        java.util.Optional<java.io.IOException> failure = standardOutput.unreported();
        if (failure.isPresent() && !CheckedStandardOutput.isBrokenPipe(failure.get())) {
            // A report or listing written to stdout is lost: as a failed --output write is.
            System.err.println("lockopt: " + CheckedStandardOutput.message(failure.get()));
            code = ExitCodes.USAGE;
        }
        // After the last line: a command's shutdown hook may hold an interrupted exit until here.
        Interruption.finished();
        System.exit(code);
    }

    /** The fully configured command line with every subcommand; tests call {@code execute} on it with their own writers. */
    public static CommandLine newCommandLine() {
        return configured(LockoptCommand.commandLine(null));
    }

    /**
     * The command line that runs {@code args}: the same as {@link #newCommandLine()}, but with only the
     * subcommand its first argument names when it names one (a run of {@code analyze} starts faster
     * without the models of the others).
     */
    public static CommandLine newCommandLine(String... args) {
        return configured(LockoptCommand.commandLine(args.length == 0 ? null : args[0]));
    }

    /** Settings apply to the subcommands present when they are set: these are added first. */
    private static CommandLine configured(CommandLine commandLine) {
        ExceptionExitCodes exitCodes = new ExceptionExitCodes();
        return DurationConverter.registerOn(commandLine)
                .setExitCodeExceptionMapper(exitCodes)
                .setExecutionExceptionHandler(exitCodes)
                .setParameterExceptionHandler(exitCodes)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(false);
    }
}
