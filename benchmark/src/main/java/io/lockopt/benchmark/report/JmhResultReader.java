package io.lockopt.benchmark.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.lockopt.benchmark.run.Suite;

/**
 * Reads JMH's JSON result format (an array with one object per benchmark and parameter
 * combination) into {@link BenchResult}s. The live run goes through the same path: its
 * results are serialized by JMH's own JSON writer and read back here, so the report always
 * matches the {@code --jmh-json} file.
 */
public final class JmhResultReader {
    private final Function<String, Set<String>> rolesOf;

    /**
     * @param rolesOf the role (method) names of the group benchmark with this JMH name; empty
     *                for symmetric benchmarks. Secondary metrics with these names are roles,
     *                the others are auxiliary counters.
     */
    public JmhResultReader(Function<String, Set<String>> rolesOf) {
        this.rolesOf = rolesOf;
    }

    public List<BenchResult> read(JsonNode jmhJson) {
        if (!jmhJson.isArray()) {
            throw new IllegalArgumentException("not JMH result JSON: expected an array of benchmark results");
        }
        List<BenchResult> results = new ArrayList<>();
        for (JsonNode node : jmhJson) {
            results.add(readOne(node));
        }
        return results;
    }

    private BenchResult readOne(JsonNode node) {
        String jmhName = text(node, "benchmark");
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.path("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            params.put(p.getKey(), p.getValue().asText());
        }
        Set<String> roleNames = rolesOf.apply(jmhName);
        Map<String, Metric> roles = new LinkedHashMap<>();
        Map<String, Metric> counters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            (roleNames.contains(m.getKey()) ? roles : counters).put(m.getKey(), metric(m.getValue()));
        }
        return new BenchResult(Suite.shortName(jmhName), jmhName,
                Suite.ofBenchmark(jmhName).map(Suite::id).orElse("other"),
                text(node, "mode"), node.path("threads").asInt(1), params,
                metric(node.path("primaryMetric")), roles, counters, null);
    }

    private static Metric metric(JsonNode m) {
        return Metric.of(number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText(""));
    }

    /** JMH writes NaN as the string {@code "NaN"}. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("not JMH result JSON: a result has no '" + field + "'");
        }
        return v.asText();
    }
}
