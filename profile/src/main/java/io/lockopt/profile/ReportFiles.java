package io.lockopt.profile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.lockopt.analyzer.engine.JsonInputFile;
import io.lockopt.files.OutputTarget;
import io.lockopt.files.ReportBatch;

/** A profile report written as JSON and HTML, and a JSON report read back ({@code profile merge}). */
public final class ReportFiles {
    /**
     * The report's JSON form, written and read back. The writer is not closed: with "-" it is the
     * command's stdout.
     */
    public static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private ReportFiles() {
    }

    /**
     * Writes the report's JSON and HTML where asked ({@code null}: not asked); {@code -} is {@code out}.
     * "wrote FILE" on {@code err} for files only: the report on stdout speaks for itself.
     */
    public static void write(ProfileReport report, OutputTarget json, OutputTarget html, PrintWriter out,
            PrintWriter err) throws IOException {
        write(report, json, html, out, err, () -> { });
    }

    /**
     * As {@link #write(ProfileReport, OutputTarget, OutputTarget, PrintWriter, PrintWriter)}, with what
     * goes to standard output ({@code -}) first, then {@code standardOutputWritten}, then the files: a
     * check that throws when standard output is lost (a full disk) ends the run before any file is
     * written or said to be ({@link ReportBatch}).
     */
    public static void write(ProfileReport report, OutputTarget json, OutputTarget html, PrintWriter out,
            PrintWriter err, Runnable standardOutputWritten) throws IOException {
        ReportBatch.write(List.of(
                new ReportBatch.Output(json, null, writer -> {
                    JSON.writeValue(writer, report);
                    writer.write('\n');
                }),
                new ReportBatch.Output(html, null, writer -> ReportHtml.write(writer, report))),
                out, err, standardOutputWritten);
    }

    /** The report in {@code file}; its schema is checked before it is read as a report. */
    public static ProfileReport read(Path file) {
        ProfileReport report = JsonInputFile.read(file, "profile report", "a lockopt profile report", bytes -> {
            JsonNode tree = JSON.readTree(bytes);
            String schema = tree == null ? "" : tree.path("schema").asText("");
            if (!ProfileReport.SCHEMA.equals(schema)) {
                throw new ReportInputException(file + " is not a lockopt profile report (schema "
                        + (schema.isEmpty() ? "missing" : "'" + schema + "'") + ", expected " + ProfileReport.SCHEMA + ")");
            }
            // Parsed again, not converted from the tree: a part of the wrong shape is then placed by line and column.
            return JSON.readValue(bytes, ProfileReport.class);
        }, ReportInputException::new);
        if (!report.isMerged() && report.target() == null) {
            throw new ReportInputException(file + " is not a lockopt profile report: it names no target JVM");
        }
        String missing = missingPart(report);
        if (missing != null) {
            throw new ReportInputException(file + " is not a lockopt profile report: " + missing);
        }
        return report;
    }

    /** What a report lockopt wrote always has and this one lacks (a hand-edited or truncated file), or null. */
    private static String missingPart(ProfileReport report) {
        if (report.session() == null) {
            return "it has no session";
        }
        if (report.lockOrder() == null) {
            return "it has no lock order";
        }
        for (ProfileReport.LockRow lock : report.locks()) {
            if (lock == null || lock.label() == null) {
                return "a lock has no label";
            }
            if (lock.waitTime() == null || lock.holdTime() == null) {
                return lock.label() + " has no " + (lock.waitTime() == null ? "waitTime" : "holdTime");
            }
        }
        return null;
    }
}
