package io.lockopt.maven;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the JVM a goal forks for the analysis ({@code fork}, the default): runs the
 * {@link AnalysisJob} in the file named by its argument and tells the goal, one line each on
 * standard output, what to log and how it ended ({@link Protocol}). Exit 0 when the job ran (its
 * outcome decides the build), 2 when it could not ({@link AnalysisJob.JobException}: a message
 * for the goal), anything else a failure of this JVM whose stack went to standard error.
 */
public final class ForkedAnalysis {
    private ForkedAnalysis() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        AnalysisJob job;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            job = AnalysisJob.read(in);
        }
        try {
            AnalysisJob.Outcome outcome = job.run(AnalysisJob.JobLog.of(
                    line -> out.println(Protocol.ERROR + Protocol.escape(line)),
                    line -> out.println(Protocol.WARN + Protocol.escape(line)),
                    line -> out.println(Protocol.INFO + Protocol.escape(line))));
            out.println(Protocol.OUTCOME + outcome.failing() + " " + outcome.ruleFailures());
        } catch (AnalysisJob.JobException e) {
            out.println(Protocol.UNUSABLE + Protocol.escape(e.getMessage()));
            out.flush();
            System.exit(2);
        }
        out.flush();
        System.exit(0);
    }

    /** The lines on the forked JVM's standard output: a one-character kind, then the text with \n and \\ escaped. */
    static final class Protocol {
        static final String ERROR = "E";
        static final String WARN = "W";
        static final String INFO = "I";
        /** {@code failing ruleFailures}, the job's {@link AnalysisJob.Outcome}. */
        static final String OUTCOME = "=";
        /** The job could not run: the message. */
        static final String UNUSABLE = "!";

        private Protocol() {
        }

        static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        }

        static String unescape(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
