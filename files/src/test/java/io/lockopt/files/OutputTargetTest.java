package io.lockopt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {
    @TempDir
    Path dir;

    @Test
    void newPathAndRegularFileAreWrittenWholeBesideNoTemporaries() throws IOException {
        Path file = dir.resolve("sub/report.json");
        OutputTarget target = OutputTarget.of(file);
        target.write(new StringWriter(), out -> out.write("first"));
        target.write(new StringWriter(), out -> out.write("second"));
        assertThat(Files.readString(file)).isEqualTo("second");
        assertThatThrownBy(() -> target.write(new StringWriter(), out -> {
            out.write("half");
            throw new IOException("disk full");
        })).isInstanceOf(OutputTarget.WriteFailedException.class).hasMessage("cannot write " + file + ": disk full");
        assertThat(Files.readString(file)).isEqualTo("second");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    /**
     * A directory that takes no new files is found when the command line is read, before a benchmark
     * or a profile has run for minutes; the probe leaves nothing behind. /proc takes no files even
     * from root; a directory without write permission is tried when not run as root.
     */
    @Test
    void aDirectoryThatTakesNoNewFilesIsRefusedAtOnce() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertThatThrownBy(() -> OutputTarget.parse("/proc/report.json"))
                .isInstanceOf(OutputTarget.UnusableException.class)
                .hasMessageStartingWith("/proc/report.json cannot be written: no file can be created in /proc (");
        assertThat(OutputTarget.parse(dir.resolve("new/sub/report.json").toString()).path()).isPresent();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Assumptions.assumeTrue(readOnly.toFile().setWritable(false) && !Files.isWritable(readOnly), "not root");
        assertThatThrownBy(() -> OutputTarget.of(readOnly.resolve("report.json")))
                .hasMessage(readOnly.resolve("report.json") + " cannot be written: no file can be created in " + readOnly
                        + " (permission denied)");
    }

    @Test
    void anEmptyNameIsNoPath() {
        assertThatThrownBy(() -> OutputTarget.parse(""))
                .isInstanceOf(OutputTarget.UnusableException.class)
                .hasMessage("an empty name is no path; give a file name, or - for standard output");
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsWritten() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.json"), link);
        OutputTarget.of(chain).write(new StringWriter(), out -> out.write("new"));
        assertThat(Files.isSymbolicLink(chain)).isTrue();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("made/by/write.json"));
        OutputTarget.of(dangling).write(new StringWriter(), out -> out.write("created"));
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Files.readString(dir.resolve("made/by/write.json"))).isEqualTo("created");
    }

    @Test
    void aFifoIsStreamedIntoNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        OutputTarget.of(fifo).write(new StringWriter(), out -> out.write("through the pipe"));
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.isDirectory(fifo)).isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void dashIsStandardOutput() throws IOException {
        OutputTarget target = OutputTarget.parse("-");
        StringWriter stdout = new StringWriter();
        target.write(stdout, out -> out.write("{}"));
        assertThat(target.isStandardOutput()).isTrue();
        assertThat(stdout).hasToString("{}");
        assertThat(dir.resolve("-")).doesNotExist();
    }

    @Test
    void aDirectoryIsRefusedWhenNamedAndWhenItAppearsLater() throws IOException {
        assertThatThrownBy(() -> OutputTarget.parse(dir.toString()))
                .isInstanceOf(OutputTarget.UnusableException.class).hasMessage(dir + " is a directory");
        Path linkToDir = Files.createSymbolicLink(dir.resolve("to-dir"), dir);
        assertThatThrownBy(() -> OutputTarget.of(linkToDir)).hasMessage(linkToDir + " is a directory");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> OutputTarget.of(file.resolve("below.json")))
                .hasMessageContaining("cannot be created: " + file + " is not a directory");

        Path later = dir.resolve("later");
        OutputTarget target = OutputTarget.of(later);
        Files.createDirectory(later);
        assertThatThrownBy(() -> target.write(new StringWriter(), out -> out.write("x")))
                .isInstanceOf(OutputTarget.WriteFailedException.class).hasMessageContaining("is a directory");
        assertThat(later).isEmptyDirectory();
    }

    @Test
    void aLinkLoopIsRefused() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertThatThrownBy(() -> OutputTarget.of(a)).hasMessage(a + " is a symbolic link loop");
    }
}
