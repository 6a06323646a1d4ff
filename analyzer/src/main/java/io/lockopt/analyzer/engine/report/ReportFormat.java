package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.RuleRegistry;

/** The output formats of {@code lockopt analyze}. */
public enum ReportFormat {
    /** Compiler-style lines ({@code path:line:col: severity: message [RuleId]}) and a summary. */
    TEXT,
    /** One JSON document, see {@code docs/analyze-json.md}. */
    JSON,
    /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
    SARIF;

    /** Writes {@code result} in this format; {@code registry} supplies rule metadata for SARIF. */
    public void write(AnalysisResult result, RuleRegistry registry, ToolInfo tool, boolean summary, Writer out)
            throws IOException {
        write(result, Measurements.NONE, registry, tool, summary, out);
    }

    /** Writes {@code result} with the runtime evidence joined to it ({@code --profile}). */
    public void write(AnalysisResult result, Measurements measured, RuleRegistry registry, ToolInfo tool,
            boolean summary, Writer out) throws IOException {
        switch (this) {
            case TEXT -> new TextReport(summary, measured).write(result, out);
            case JSON -> new JsonReport(tool, measured).write(result, out);
            case SARIF -> new SarifReport(tool, registry, measured).write(result, out);
            default -> throw new IllegalStateException("unhandled format " + this);
        }
        out.flush();
    }
}
