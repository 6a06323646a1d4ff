package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.RuleRegistry;

/** The output formats of {@code lockopt analyze}. */
public enum ReportFormat {
    /** Compiler-style lines ({@code path:line:col: severity: message [RuleId]}) and a summary. */
    TEXT("txt"),
    /** One JSON document, see {@code docs/analyze-json.md}. */
    JSON("json"),
    /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
    SARIF("sarif"),
    /** GitLab Code Quality (Code Climate issues), for {@code artifacts:reports:codequality}. */
    CODECLIMATE("codeclimate.json");

    private final String fileExtension;

    ReportFormat(String fileExtension) {
        this.fileExtension = fileExtension;
    }

    /** The lower-case name, as {@code --format} and the Maven plugin's {@code formats} take it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What a report file of this format ends with: {@code lockopt.sarif}, {@code lockopt.codeclimate.json}. */
    public String fileExtension() {
        return fileExtension;
    }

    /** Writes {@code result}; {@code registry} supplies rule metadata for SARIF. */
    public void write(AnalysisResult result, RuleRegistry registry, ReportOptions options, Writer out)
            throws IOException {
        write(result, Measurements.NONE, registry, options, out);
    }

    /** Writes {@code result} with the runtime evidence joined to it ({@code --profile}). */
    public void write(AnalysisResult result, Measurements measured, RuleRegistry registry, ReportOptions options,
            Writer out) throws IOException {
        switch (this) {
            case TEXT -> new TextReport(options.summary(), measured).write(result, out);
            case JSON -> new JsonReport(options.tool(), measured).write(result, out);
            case SARIF -> new SarifReport(options.tool(), registry, measured, options.suppressedInSarif())
                    .write(result, out);
            case CODECLIMATE -> new CodeClimateReport().write(result, out);
            default -> throw new IllegalStateException("unhandled format " + this);
        }
        out.flush();
    }
}
