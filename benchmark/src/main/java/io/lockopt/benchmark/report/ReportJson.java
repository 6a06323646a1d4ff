package io.lockopt.benchmark.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * lockopt's bench report as JSON, and reading it back. {@link #readAny} also accepts JMH's own
 * result JSON, so {@code --compare} works against either kind of file.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportJson() {
    }

    public static void write(BenchReport report, Writer out) throws IOException {
        MAPPER.writeValue(out, report);
        out.write('\n');
    }

    public static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /**
     * A lockopt report (a JSON object), or JMH result JSON (an array) turned into a report
     * with an unknown environment.
     *
     * @throws IOException              if it is not JSON
     * @throws IllegalArgumentException if it is JSON of neither kind
     */
    public static BenchReport readAny(String json, Function<String, Set<String>> rolesOf) throws IOException {
        JsonNode tree = MAPPER.readTree(json);
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (tree.isArray()) {
            List<BenchResult> results = new JmhResultReader(rolesOf).read(tree);
            return BenchReport.of("", "", true, new Environment(0, "", "", "", -1), Map.of("source", "jmh-json"), results);
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("a single value, neither an object nor a list");
        }
        if (!tree.has("results") || !tree.has("format")) {
            throw new IllegalArgumentException("an object without 'format' and 'results'");
        }
        // Parsed again, not converted from the tree: a part of the wrong shape is then placed by line and column.
        return MAPPER.readValue(json, BenchReport.class);
    }
}
