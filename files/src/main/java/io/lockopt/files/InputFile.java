package io.lockopt.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A file lockopt reads whole: a cache, a baseline, a configuration, a report or a calibration.
 * Only a regular file (or a link to one) is read; a device, FIFO or socket given by mistake is
 * refused at once instead of read until the heap is full ({@code /dev/zero}) or forever (a FIFO
 * nobody writes). A symbolic link loop is named as one, not by the JDK's "Too many levels of
 * symbolic links or unable to access attributes of symbolic link".
 */
public final class InputFile {
    /** As many links as Linux follows before giving up (ELOOP). */
    private static final int MAX_LINKS = 40;

    /** The path exists but is not a regular file (or is a link loop): the message names it and says what it is. */
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

    /** The bytes of {@code file}; {@link NoSuchFileException} when it does not exist. */
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
            attributes = attributes(file);
        } catch (NotARegularFileException e) {
            throw e;
        } catch (IOException e) {
            return; // missing or unreadable: the read says which
        }
        check(file, attributes);
    }

    /**
     * Whether {@code path} is a symbolic link loop, or leads through one in a directory above it:
     * links that never end at a file (more than Linux follows, which it refuses alike).
     */
    public static boolean isLinkLoop(Path path) {
        return loopingLink(path).isPresent();
    }

    /**
     * The symbolic link loop {@code path} is or leads through ({@code loop} for {@code loop/A.java}),
     * as {@code path} names it; empty when there is none.
     */
    public static Optional<Path> loopingLink(Path path) {
        Path absolute = path.toAbsolutePath();
        for (Path prefix = absolute; prefix != null; prefix = prefix.getParent()) {
            try {
                if (Files.isSymbolicLink(prefix) && finalTarget(prefix).isEmpty()) {
                    int below = absolute.getNameCount() - prefix.getNameCount();
                    return Optional.of(below == 0 ? path
                            : path.getNameCount() > below ? path.subpath(0, path.getNameCount() - below) : prefix);
                }
            } catch (IOException e) {
                return Optional.empty(); // a link that cannot be read: no loop known
            }
        }
        return Optional.empty();
    }

    /**
     * Where the symbolic links from {@code path} end ({@code path} itself when it is none); empty
     * when they go round.
     */
    static Optional<Path> finalTarget(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int links = 0; Files.isSymbolicLink(current); links++) {
            if (links == MAX_LINKS) {
                return Optional.empty();
            }
            current = current.resolveSibling(Files.readSymbolicLink(current));
        }
        return Optional.of(current);
    }

    /**
     * An I/O failure in plain words, the file named in brackets: the JDK's own message is a class
     * name, or for a link loop "Too many levels of symbolic links or unable to access attributes of
     * symbolic link".
     */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException fs) {
            return "no such file or directory (" + fs.getFile() + ")";
        }
        if (e instanceof AccessDeniedException fs) {
            return "permission denied (" + fs.getFile() + ")";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not text in the expected encoding (a binary file?)"; // the JDK says "Input length = 1"
        }
        if (e instanceof FileSystemException fs) {
            if (fs.getFile() != null && isLinkLoop(Path.of(fs.getFile()))) {
                return "symbolic link loop (" + fs.getFile() + ")";
            }
            if (e instanceof NotARegularFileException) {
                return e.getMessage(); // "x is not a regular file (a device, FIFO or socket)"
            }
            return (fs.getReason() != null ? fs.getReason() : "cannot be read or written")
                    + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
        }
        return e.getMessage() == null ? "input or output failed" : e.getMessage();
    }

    private static void requireRegular(Path file) throws IOException {
        check(file, attributes(file));
    }

    /** The attributes of the file {@code file} leads to; a link loop is {@link NotARegularFileException}. */
    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) {
            if (isLinkLoop(file)) {
                throw new NotARegularFileException(file, "is a symbolic link loop");
            }
            throw e;
        }
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
