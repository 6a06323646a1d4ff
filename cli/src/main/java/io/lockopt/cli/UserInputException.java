package io.lockopt.cli;

/**
 * Input the user can fix: a missing path, a bad pid, a malformed file. Mapped to
 * {@link ExitCodes#USAGE} and printed as one line without a stack trace.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
