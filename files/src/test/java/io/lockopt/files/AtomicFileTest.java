package io.lockopt.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    /** Writes args[0] through AtomicFile, stopping halfway until killed. */
    public static final class HalfWriter {
        public static void main(String[] args) throws IOException {
            AtomicFile.write(Path.of(args[0]), out -> {
                out.write("half of the new report");
                out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** SIGTERM (as Ctrl-C) while the file is written: the previous file stays, and no temporary file beside it. */
    @Test
    void aSignalDuringTheWriteLeavesThePreviousFileAndNoTemporary() throws Exception {
        Path report = Files.writeString(dir.resolve("report.json"), "the previous report");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HalfWriter.class.getName(), report.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(temporaries()).as("the write under way").hasSize(1);
            writer.destroy(); // SIGTERM
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        assertThat(Files.readString(report)).isEqualTo("the previous report");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(report);
        }
    }

    private List<Path> temporaries() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
