package io.lockopt.analyzer.engine;

/**
 * Input the user can fix: a missing path, an unknown rule id, a bad configuration file. The
 * command line turns it into one error line and exit code 2.
 */
public class AnalysisInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnalysisInputException(String message) {
        super(message);
    }

    public AnalysisInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
