package io.lockopt.files;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The reports one command writes at once (JSON, HTML, a calibration..), each to a file or to
 * standard output ({@code -}). What goes to standard output is written first and checked before
 * any file: a report lost there (a full disk) ends the run in one line, with no file written and
 * no "wrote FILE" said. Files then say "wrote" on the error stream; the report on standard
 * output speaks for itself. Shared by {@code bench}, {@code profile} and {@code profile merge}.
 */
public final class ReportBatch {

    /**
     * One report: where ({@code null}: not asked for), what "wrote" calls it ({@code null}: the
     * file's name alone), its content.
     */
    public record Output(OutputTarget target, String what, AtomicFile.Body body) {
    }

    private ReportBatch() {
    }

    /**
     * Writes each asked-for output: those on standard output ({@code out}) first, then
     * {@code standardOutputWritten} (a check that throws when standard output was lost), then the
     * files, each followed by "wrote [WHAT ]FILE" on {@code err}.
     */
    public static void write(List<Output> outputs, PrintWriter out, PrintWriter err, Runnable standardOutputWritten)
            throws IOException {
        for (Output o : outputs) {
            if (o.target() != null && o.target().isStandardOutput()) {
                o.target().write(out, o.body());
            }
        }
        standardOutputWritten.run();
        for (Output o : outputs) {
            if (o.target() != null && !o.target().isStandardOutput()) {
                o.target().write(out, o.body());
                err.println("wrote " + (o.what() == null ? "" : o.what() + " ") + o.target());
                err.flush();
            }
        }
    }
}
