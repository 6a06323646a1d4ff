package io.lockopt.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file lockopt reads whole: a cache, a baseline, a configuration, a report or a calibration.
 * Only a regular file (or a link to one) is read; a device, FIFO or socket given by mistake is
 * refused at once instead of read until the heap is full ({@code /dev/zero}) or forever (a FIFO
 * nobody writes).
 */
public final class InputFile {

    /** The path exists but is not a regular file: the message names it and says what it is. */
    public static final class NotARegularFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        NotARegularFileException(Path file, String reason) {
            super(file.toString(), null, reason);
        }

        @Override
        public String getMessage() {
            return getFile() + " " + getReason();
        }
    }

    private InputFile() {
    }

    /**
     * The file {@code path} names, for telling whether two paths are one file: its real path (links
     * resolved) when it exists, else the absolute, normalized path.
     */
    public static Path identity(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The bytes of {@code file}; {@link java.nio.file.NoSuchFileException} when it does not exist. */
    public static byte[] readAllBytes(Path file) throws IOException {
        requireRegular(file);
        return Files.readAllBytes(file);
    }

    /** The text of {@code file} in UTF-8, as {@link Files#readString(Path)} reads it. */
    public static String readString(Path file) throws IOException {
        requireRegular(file);
        return Files.readString(file);
    }

    /**
     * Throws {@link NotARegularFileException} when {@code file} exists and is not a regular file
     * (links followed); a missing file is left to the caller.
     */
    public static void requireRegularIfPresent(Path file) throws NotARegularFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return; // missing or unreadable: the read says which
        }
        check(file, attributes);
    }

    private static void requireRegular(Path file) throws IOException {
        check(file, Files.readAttributes(file, BasicFileAttributes.class));
    }

    private static void check(Path file, BasicFileAttributes attributes) throws NotARegularFileException {
        if (attributes.isDirectory()) {
            throw new NotARegularFileException(file, "is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new NotARegularFileException(file, "is not a regular file (a device, FIFO or socket)");
        }
    }
}
