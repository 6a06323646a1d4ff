package io.lockopt.agent.client;

/** Why a profile could not start or finish; {@link #problem()} says which case it is. */
public final class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The cases a user can act on, and the ones they cannot. */
    public enum Problem {
        NO_SUCH_PROCESS(true),
        NOT_A_JVM(true),
        OTHER_USER(true),
        ATTACH_DISABLED(true),
        /**
         * The JVM did not answer the attach: stopped ({@code kill -STOP}, Ctrl-Z, a debugger) or hung;
         * HotSpot tells neither apart from a JVM whose attach is disabled without its perf data saying so.
         */
        NOT_ANSWERING(true),
        /** The client's {@code java.io.tmpdir}, where the session directory goes, is missing or unusable. */
        TEMP_DIRECTORY(true),
        UNSUPPORTED_JAVA(true),
        ALREADY_ATTACHED(true),
        /** The target ended before the agent was ready: a launched command that failed, a JVM shut down meanwhile. */
        TARGET_EXITED(true),
        AGENT_FAILED(false),
        NO_RESPONSE(false),
        IO(false);

        private final boolean userError;

        Problem(boolean userError) {
            this.userError = userError;
        }

        /** True when the user can fix it (another pid, another JVM): exit code 2 rather than 3. */
        public boolean isUserError() {
            return userError;
        }
    }

    private final Problem problem;

    public ProfileException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public ProfileException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
