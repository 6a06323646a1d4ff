package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.engine.Location;
import io.lockopt.analyzer.engine.Region;

/** The JSON report; its schema is documented in {@code docs/analyze-json.md} (keep the two in step). */
final class JsonReport {
    /** Bumped when a field changes meaning or disappears; new fields do not bump it. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ToolInfo tool;
    private final Measurements measured;

    JsonReport(ToolInfo tool) {
        this(tool, Measurements.NONE);
    }

    JsonReport(ToolInfo tool, Measurements measured) {
        this.tool = tool;
        this.measured = measured;
    }

    void write(AnalysisResult result, Writer out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.putObject("tool").put("name", tool.name()).put("version", tool.version());
        ObjectNode summary = root.putObject("summary");
        summary.put("filesScanned", result.filesFound());
        summary.put("filesParsed", result.stats().parsed());
        summary.put("filesSkippedByPrescreen", result.stats().skippedByPrescreen());
        summary.put("filesFromCache", result.stats().fromCache());
        summary.put("treesParsedAgain", result.stats().parsedAgain());
        summary.put("findings", result.count(FindingStatus.NEW));
        summary.put("suppressed", result.count(FindingStatus.SUPPRESSED));
        summary.put("baselined", result.count(FindingStatus.BASELINED));
        summary.put("parseErrors", result.parseErrors());
        summary.put("durationMillis", result.duration().toMillis());
        ObjectNode byRule = summary.putObject("findingsByRule");
        result.newFindingsByRule().forEach(byRule::put);
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : result.findings()) {
            ObjectNode node = findings.addObject();
            node.put("rule", finding.ruleId());
            node.put("severity", finding.severity().label());
            node.put("message", finding.message());
            region(node, finding.location());
            node.put("fingerprint", finding.fingerprint());
            node.put("status", finding.status().label());
            node.put("enclosing", finding.enclosing());
            ArrayNode related = node.putArray("relatedLocations");
            for (Location location : finding.related()) {
                ObjectNode relatedNode = related.addObject();
                region(relatedNode, location);
                if (location.message() != null) {
                    relatedNode.put("message", location.message());
                }
            }
            ObjectNode properties = node.putObject("properties");
            finding.properties().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> properties.put(e.getKey(), e.getValue()));
            measured.of(finding).ifPresent(m -> {
                node.put("rank", m.rank());
                properties.set("evidence", JSON.valueToTree(m.evidence()));
            });
        }
        if (!measured.isEmpty()) {
            ArrayNode hot = root.putArray("measuredHotLocks");
            for (Measurements.HotLock lock : measured.hotLocks()) {
                ObjectNode node = hot.addObject();
                node.put("lock", lock.lock());
                region(node, lock.location());
                node.put("rank", lock.measured().rank());
                node.put("summary", lock.measured().line());
                node.set("evidence", JSON.valueToTree(lock.measured().evidence()));
            }
        }
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic diagnostic : result.diagnostics()) {
            ObjectNode node = diagnostics.addObject();
            node.put("kind", diagnostic.kind().label());
            node.put("message", diagnostic.message());
            if (diagnostic.ruleId() != null) {
                node.put("rule", diagnostic.ruleId());
            }
            if (!diagnostic.path().isEmpty()) {
                region(node, new Location(diagnostic.path(), diagnostic.region(), null));
            }
        }
        out.write(JSON.writeValueAsString(root));
        out.write('\n');
    }

    private static void region(ObjectNode node, Location location) {
        Region region = location.region();
        node.put("file", location.path());
        node.put("line", region.line());
        node.put("column", region.column());
        node.put("endLine", region.endLine());
        node.put("endColumn", region.endColumn());
    }
}
