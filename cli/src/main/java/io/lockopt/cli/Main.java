package io.lockopt.cli;

import picocli.CommandLine;

/** Entry point of {@code lockopt}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The fully configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine newCommandLine() {
        ExceptionExitCodes exitCodes = new ExceptionExitCodes();
        return new CommandLine(new LockoptCommand())
                .setExitCodeExceptionMapper(exitCodes)
                .setExecutionExceptionHandler(exitCodes)
                .setParameterExceptionHandler(exitCodes)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(false);
    }
}
