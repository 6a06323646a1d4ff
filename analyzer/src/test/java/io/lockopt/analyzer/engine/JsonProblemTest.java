package io.lockopt.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Jackson's failures in the words of the file's user: the key, what it must be, what it is, where. */
class JsonProblemTest {
    enum Mode { READ, WRITE }

    record Entry(String rule, int line, boolean flag, Mode mode, Map<String, Integer> counts) {
    }

    record Document(int version, List<Entry> findings) {
        Document {
            findings = List.copyOf(findings);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static JsonProblem problem(String json) {
        JacksonException e = catchThrowableOfType(JacksonException.class,
                () -> JSON.readValue(json.getBytes(StandardCharsets.UTF_8), Document.class));
        assertThat(e).as(json).isNotNull();
        return JsonProblem.of(e);
    }

    @Test
    void wrongShapesNameTheKeyWhatItMustBeAndWhatItIs() {
        Map<String, String> reasons = Map.of(
                "{\"version\": 1, \"findings\": {\"a\": 1}}", "'findings' must be a list, found an object",
                "[1, 2]", "the top level must be an object, found a list",
                "{\"version\": \"x\", \"findings\": []}", "'version' must be a whole number, found \"x\"",
                "{\"findings\": [{\"rule\": [1]}]}", "'findings[0].rule' must be a string, found a list",
                "{\"findings\": [{\"flag\": []}]}", "'findings[0].flag' must be true or false, found a list",
                "{\"findings\": [{\"mode\": \"SHARED\"}]}", "'findings[0].mode' must be one of READ, WRITE, found \"SHARED\"",
                "{\"findings\": [{\"counts\": []}]}", "'findings[0].counts' must be an object (keys and values), found a list",
                "{\"findings\": [5]}", "'findings[0]' must be an object, found a number",
                "{\"version\": 1, \"findings\": [], \"extra\": 2}", "unknown key 'extra' (known: findings, version)",
                "{\"version\": 1, \"findings\": null}", "the top level lacks a part lockopt always writes (a key is missing or null)");
        for (var expected : reasons.entrySet()) {
            JsonProblem problem = problem(expected.getKey());
            assertThat(problem.reason()).as(expected.getKey()).isEqualTo(expected.getValue())
                    .doesNotContain("Cannot deserialize", "JsonProblemTest", "java.", "`");
            assertThat(problem.line()).as(expected.getKey()).isEqualTo(1);
        }
        assertThat(problem("").reason()).isEqualTo("it is empty");
        JacksonException trailing = catchThrowableOfType(JacksonException.class, () -> JSON.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue("{\"version\": 1, \"findings\": []} {}".getBytes(StandardCharsets.UTF_8), Document.class));
        assertThat(JsonProblem.of(trailing).reason())
                .isEqualTo("text follows the JSON value it holds (a second document, or text added after it)");
        assertThat(problem("{\"findings\": [{\"line\": 1e99}]}").reason())
                .startsWith("'findings[0].line': numeric value (1e99) out of range of int");
    }

    @Test
    void brokenJsonKeepsTheParsersWordsWithoutItsInternalsAndThePlace() {
        JsonProblem problem = problem("{\"version\": 1,\n  oops}");
        assertThat(problem.message("b.json", "a lockopt baseline")).isEqualTo("b.json:2:3: not a lockopt baseline: "
                + "not valid JSON: unexpected character ('o'): was expecting double-quote to start field name");
        assertThat(problem("{\"findings\": [").reason()).startsWith("not valid JSON: unexpected end-of-input")
                .contains("line 1, column 14").doesNotContain("Source", "REDACTED", "StreamReadFeature");
    }
}
