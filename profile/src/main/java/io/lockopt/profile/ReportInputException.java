package io.lockopt.profile;

/**
 * A report the user handed in that is not one: a missing file, another schema, malformed JSON, a
 * histogram that does not decode. The command line maps it to its usage exit code, one line.
 */
public final class ReportInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
