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

    /** A name of 250 bytes is a valid file name: the temporary file's, longer still, failed with "File name too long". */
    @Test
    void aLongNameIsWrittenAsAShortOne() throws IOException {
        Path report = dir.resolve("r".repeat(245) + ".json");
        AtomicFile.write(report, "the report".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Files.readString(report)).isEqualTo("the report");
        Path accented = dir.resolve("\u00e9".repeat(120) + ".json"); // 245 bytes in UTF-8
        AtomicFile.write(accented, out -> out.write("the other report"));
        assertThat(Files.readString(accented)).isEqualTo("the other report");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(report, accented);
        }
    }

    /** A directory the user cannot write in is named, not the temporary file the user never asked for. */
    @Test
    void aFailureNamesTheDirectoryNotTheTemporaryFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: permissions are not enforced");
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.write(closed.resolve("r.json"), new byte[0]))
                    .isInstanceOf(java.nio.file.AccessDeniedException.class)
                    .satisfies(e -> assertThat(((java.nio.file.AccessDeniedException) e).getFile()).isEqualTo(closed.toString()));
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private List<Path> temporaries() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
