package io.lockopt.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

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
        boolean late = Unfinished.begin(temp);
        try {
            writer.fill(temp);
            try {
                moveOver(temp, absolute);
            } catch (FileSystemException e) {
                throw about(e, absolute);
            }
        } catch (IOException e) {
            Unfinished.awaitExitIfCutShort(temp);
            throw e;
        } finally {
            Files.deleteIfExists(temp);
            Unfinished.end(temp, late);
        }
    }

    private static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code e} about {@code file}, not about the temporary file the user never named. */
    private static FileSystemException about(FileSystemException e, Path file) {
        FileSystemException named = e instanceof AccessDeniedException ? new AccessDeniedException(file.toString(), null, e.getReason())
                : e instanceof NoSuchFileException ? new NoSuchFileException(file.toString(), null, e.getReason())
                : new FileSystemException(file.toString(), null, e.getReason());
        named.initCause(e);
        return named;
    }

    /**
     * Writes under way when the JVM shuts down (Ctrl-C, {@code kill}). Those begun before are cut
     * short: their temporary files are deleted, and the previous files stay. Those begun during the
     * shutdown (a command that holds the exit to write what it has, or a report whose write began
     * as the signal came) are waited for, at most {@link #LATE_WRITES}, so that they are whole.
     */
    private static final class Unfinished {
        private static final java.time.Duration LATE_WRITES = java.time.Duration.ofSeconds(5);
        private static final Object LOCK = new Object();
        private static final Set<Path> EARLY = new java.util.HashSet<>();
        private static final Set<Path> CUT_SHORT = new java.util.HashSet<>();
        private static int late;
        private static boolean shuttingDown;

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Unfinished::onShutdown, "lockopt-unfinished-files"));
            } catch (IllegalStateException e) {
                shuttingDown = true; // first used during the shutdown: every write is a late one
            }
        }

        /** True when the write begins during the shutdown. */
        static boolean begin(Path temp) {
            synchronized (LOCK) {
                if (shuttingDown) {
                    late++;
                } else {
                    EARLY.add(temp);
                }
                return shuttingDown;
            }
        }

        static void end(Path temp, boolean wasLate) {
            synchronized (LOCK) {
                if (wasLate) {
                    late--;
                    LOCK.notifyAll();
                } else {
                    EARLY.remove(temp);
                }
            }
        }

        /**
         * A write the shutdown cut short fails only because its file was deleted: its thread waits
         * for the JVM to end instead of reporting that, so the interrupt stays the one thing said.
         */
        static void awaitExitIfCutShort(Path temp) {
            synchronized (LOCK) {
                if (!CUT_SHORT.contains(temp)) {
                    return;
                }
            }
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // the JVM is ending; keep waiting for it
                }
            }
        }

        private static void onShutdown() {
            synchronized (LOCK) {
                shuttingDown = true;
                for (Path temp : EARLY) {
                    try {
                        if (Files.deleteIfExists(temp)) {
                            CUT_SHORT.add(temp);
                        }
                    } catch (IOException e) {
                        // nothing to be done while the JVM exits
                    }
                }
                long deadline = System.nanoTime() + LATE_WRITES.toNanos();
                for (long left = LATE_WRITES.toNanos(); late > 0 && left > 0; left = deadline - System.nanoTime()) {
                    try {
                        LOCK.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Of the target's name, the temporary file's keeps this many characters: a name may be 255 bytes, not more. */
    private static final int NAME_KEPT = 50;

    /**
     * A fresh file beside the target. Unlike {@code Files.createTempFile} (always owner-only),
     * it gets the permissions the user's umask gives any new file, as the report would. A failure
     * names the directory, where the user can do something about it.
     */
    private static Path newTempFile(Path directory, String name) throws IOException {
        String kept = name.codePointCount(0, name.length()) <= NAME_KEPT ? name
                : name.substring(0, name.offsetByCodePoints(0, NAME_KEPT));
        for (int attempt = 0; ; attempt++) {
            Path temp = directory.resolve("." + kept + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            } catch (FileSystemException e) {
                throw about(e, directory);
            }
        }
    }
}
