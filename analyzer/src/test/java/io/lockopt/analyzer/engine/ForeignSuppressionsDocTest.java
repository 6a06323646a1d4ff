package io.lockopt.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** docs/suppressions.md lists every equivalent id the engine honours, rule by rule. */
class ForeignSuppressionsDocTest {

    @Test
    void theDocumentedTableIsTheTableInForce() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "suppressions.md"), StandardCharsets.UTF_8);
        for (Map.Entry<String, ForeignSuppressions.Equivalents> e : ForeignSuppressions.TABLE.entrySet()) {
            String row = doc.lines().filter(line -> line.startsWith("| `" + e.getKey() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + e.getKey() + " in docs/suppressions.md"));
            for (var ids : java.util.List.of(e.getValue().names(), e.getValue().spotBugs(), e.getValue().sonar())) {
                for (String id : ids) {
                    assertThat(row).as(e.getKey()).contains("`" + id + "`");
                }
            }
        }
        assertThat(doc.lines().filter(line -> line.startsWith("| `") && !line.startsWith("| `@")
                && !line.startsWith("| `//")).count()).isEqualTo(ForeignSuppressions.TABLE.size());
    }
}
