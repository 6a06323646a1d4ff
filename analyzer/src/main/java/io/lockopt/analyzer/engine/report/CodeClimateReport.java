package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.spi.Severity;

/**
 * The GitLab Code Quality report ({@code artifacts:reports:codequality}), a subset of the Code
 * Climate engine spec: a JSON array with one issue per new finding, each with GitLab's required
 * {@code description}, {@code check_name}, {@code fingerprint}, {@code severity} and
 * {@code location.path}/{@code location.lines.begin}, plus Code Climate's {@code type} and
 * {@code categories}.
 *
 * <p>Only new findings are issues: GitLab has no notion of suppressed or accepted ones, and its
 * merge request widget compares the issues of two pipelines by fingerprint. The fingerprint is
 * the finding's own ({@link io.lockopt.analyzer.engine.Fingerprint}: no line numbers, equal
 * findings in one member numbered), so an issue that only moved is not reported as fixed and new,
 * and no two issues share one (GitLab shows only the first of a fingerprint).
 */
final class CodeClimateReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(AnalysisResult result, Writer out) throws IOException {
        ArrayNode issues = JSON.createArrayNode();
        for (Finding finding : result.findings()) {
            if (finding.status() != FindingStatus.NEW) {
                continue;
            }
            ObjectNode issue = issues.addObject();
            issue.put("type", "issue");
            issue.put("check_name", finding.ruleId());
            issue.put("description", finding.message());
            issue.putArray("categories").add("Bug Risk");
            issue.put("severity", severity(finding.severity()));
            issue.put("fingerprint", finding.fingerprint());
            ObjectNode lines = issue.putObject("location").put("path", finding.path()).putObject("lines");
            lines.put("begin", finding.region().line());
            lines.put("end", Math.max(finding.region().line(), finding.region().endLine()));
        }
        out.write(JSON.writeValueAsString(issues));
        out.write('\n');
    }

    /** GitLab's scale is info, minor, major, critical, blocker; an error here is a bug, not a build breaker. */
    static String severity(Severity severity) {
        return switch (severity) {
            case ERROR -> "critical";
            case WARNING -> "major";
            case NOTE -> "minor";
        };
    }
}
