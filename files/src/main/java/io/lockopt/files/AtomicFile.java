package io.lockopt.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the same directory,
 * which then replaces the target in one rename. A reader never sees half a report, and a failed
 * write leaves the previous file in place. A JVM ended by a signal (Ctrl-C, {@code kill}) does not
 * run the {@code finally} that deletes the temporary file, so a shutdown hook deletes those still
 * being written, and the previous file stays as it was.
 */
public final class AtomicFile {
    /** The temporary file is opened, not created, by the writer: one the hook deleted stays deleted. */
    private static final StandardOpenOption[] EXISTING = {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING};

    /** Writes text content; {@code IOException}s of the body propagate. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code body}'s text as UTF-8. */
    public static void write(Path target, Body body) throws IOException {
        replace(target, temp -> {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp, EXISTING),
                    StandardCharsets.UTF_8))) {
                body.writeTo(out);
            }
        });
    }

    /** Writes {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        replace(target, temp -> Files.write(temp, bytes, EXISTING));
    }

    private interface TempFileWriter {
        void fill(Path temp) throws IOException;
    }

    private static void replace(Path target, TempFileWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temp = newTempFile(directory, absolute.getFileName().toString());
        Unfinished.FILES.add(temp);
        try {
            writer.fill(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
            Unfinished.FILES.remove(temp);
        }
    }

    /** Temporary files being written, deleted by a shutdown that comes first; the hook is added on first use. */
    private static final class Unfinished {
        static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Unfinished::delete, "lockopt-unfinished-files"));
            } catch (IllegalStateException e) {
                // first used while the JVM shuts down: a command holding the exit writes its files whole
            }
        }

        private static void delete() {
            for (Path temp : List.copyOf(FILES)) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // nothing to be done while the JVM exits
                }
            }
        }
    }

    /**
     * A fresh file beside the target. Unlike {@code Files.createTempFile} (always owner-only),
     * it gets the permissions the user's umask gives any new file, as the report would.
     */
    private static Path newTempFile(Path directory, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = directory.resolve("." + name + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }
}
