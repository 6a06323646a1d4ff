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
            code = newCommandLine().execute(args);
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

    /** The fully configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine newCommandLine() {
        ExceptionExitCodes exitCodes = new ExceptionExitCodes();
        return DurationConverter.registerOn(new CommandLine(new LockoptCommand()))
                .setExitCodeExceptionMapper(exitCodes)
                .setExecutionExceptionHandler(exitCodes)
                .setParameterExceptionHandler(exitCodes)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(false);
    }
}
