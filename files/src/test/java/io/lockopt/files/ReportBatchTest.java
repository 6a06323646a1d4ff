package io.lockopt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBatchTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> order = new ArrayList<>();

    private ReportBatch.Output output(OutputTarget target, String what, String content) {
        return new ReportBatch.Output(target, what, w -> {
            order.add(content);
            w.write(content);
        });
    }

    @Test
    void standardOutputComesFirstThenItsCheckThenTheFilesEachSaid() throws IOException {
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        ReportBatch.write(List.of(
                        output(OutputTarget.of(json), "report", "{json}"),
                        output(null, "never asked", "none"),
                        output(OutputTarget.parse("-"), "HTML page", "<html>"),
                        output(OutputTarget.of(html), null, "<page>")),
                new PrintWriter(out), new PrintWriter(err), () -> order.add("checked"));
        assertThat(order).containsExactly("<html>", "checked", "{json}", "<page>");
        assertThat(out.toString()).isEqualTo("<html>");
        assertThat(Files.readString(json)).isEqualTo("{json}");
        assertThat(Files.readString(html)).isEqualTo("<page>");
        assertThat(err.toString().lines()).containsExactly("wrote report " + json, "wrote " + html);
    }

    @Test
    void aFailedStandardOutputCheckWritesNoFileAndSaysNothing() {
        Path json = dir.resolve("r.json");
        assertThatThrownBy(() -> ReportBatch.write(List.of(
                        output(OutputTarget.parse("-"), "report", "{json}"),
                        output(OutputTarget.of(json), "HTML page", "<page>")),
                new PrintWriter(out), new PrintWriter(err), () -> {
                    throw new IllegalStateException("stdout lost");
                })).hasMessage("stdout lost");
        assertThat(json).doesNotExist();
        assertThat(err.toString()).isEmpty();
    }
}
