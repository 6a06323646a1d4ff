package io.lockopt.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import io.lockopt.files.OutputTarget;
import io.lockopt.profile.ReportInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns exceptions into exit codes and error lines. Subcommands throw;
 * they never print errors or pick exit codes for failures themselves.
 */
final class ExceptionExitCodes
        implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int getExitCode(Throwable exception) {
        Throwable cause = unwrap(exception);
        if (cause instanceof ParameterException || cause instanceof UserInputException
                || cause instanceof NoSuchFileException || cause instanceof AccessDeniedException
                || cause instanceof OutputTarget.WriteFailedException || cause instanceof ReportInputException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }

    /** Wrong options: one line, the usage hint, exit 2. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("lockopt: " + firstLine(ex.getMessage())));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        if (isVerbose(cmd.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Failures while running: one line on stderr, a stack trace only with --verbose. */
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable cause = unwrap(ex);
        PrintWriter err = cmd.getErr();
        int code = getExitCode(cause);
        String message = describe(cause);
        if (code == ExitCodes.INTERNAL && !causedByOutOfMemory(cause)) {
            message = "internal error: " + message + (isVerbose(parseResult) ? "" : " (run with --verbose for details)");
        }
        err.println(cmd.getColorScheme().errorText("lockopt: " + message));
        if (isVerbose(parseResult)) {
            cause.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String describe(Throwable cause) {
        if (causedByOutOfMemory(cause)) {
            return outOfMemory();
        }
        if (cause instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (cause instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return firstLine(message);
    }

    /**
     * What to say when the heap runs out (a worker's error arrives wrapped; one thrown on the main
     * thread reaches {@link Main} directly): the limit, and how to raise it.
     */
    static String outOfMemory() {
        return "out of memory (the JVM's heap limit is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB); give it more with LOCKOPT_JAVA_OPTS=-Xmx<size> (e.g. -Xmx4g), or analyze fewer files at once";
    }

    /** A worker's {@code OutOfMemoryError} arrives wrapped (the analyzer's "scan failed"). */
    private static boolean causedByOutOfMemory(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CommandLine.ExecutionException || current instanceof UncheckedIOException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static boolean isVerbose(ParseResult parseResult) {
        return VerboseOption.isSet(parseResult);
    }
}
