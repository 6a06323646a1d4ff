package io.lockopt.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a report the user asked for goes: a file named on the command line, or {@code -} for
 * standard output. What is at the path decides how it is written, so that writing a report
 * never replaces something that is not a report file:
 *
 * <ul>
 * <li>a regular file or a new path: written whole or not at all ({@link AtomicFile});
 * <li>a symbolic link: its final target, by the same rules (the link stays a link);
 * <li>a device, a FIFO or {@code -}: streamed into it as it stands (a rename would put a
 *     regular file in place of the device node or pipe);
 * <li>the file standard output is redirected to ({@code /dev/stdout}, {@code > out.txt}): standard
 *     output, as {@code -} (a rename would leave what the command prints in a file no name leads to);
 * <li>a directory, or a path under something that is not a directory: unusable.
 * </ul>
 *
 * <p>{@link #of} checks the path when the command line is read, so a wrong path fails before
 * any work starts; {@link #write} looks again when the report is written, since the file system
 * may have changed in between (a profile runs for minutes).
 */
public final class OutputTarget {
    /** The name that stands for standard output. */
    public static final String STANDARD_OUTPUT = "-";

    /** A path that cannot take a report: a directory, a path under a file, a link loop. */
    public static final class UnusableException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        UnusableException(String file, String reason) {
            super(file, null, reason);
        }

        @Override
        public String getMessage() {
            return getFile() + " " + getReason();
        }
    }

    /** A report that could not be written: the target and the reason, in one line. */
    public static final class WriteFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(String message, IOException cause) {
            super(message, cause);
        }
    }

    private final String name;
    private final Path path;

    private OutputTarget(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /**
     * {@code -} or a path, checked now: a directory (or a path under a non-directory) is refused. The
     * file standard output already goes to ({@code /dev/stdout}, or {@code out.txt} of {@code > out.txt})
     * is standard output, as {@code -} is: a report renamed into its place would leave what the command
     * prints on standard output in a file no name leads to any more.
     */
    public static OutputTarget parse(String name) throws UnusableException {
        if (name.isEmpty()) {
            // Path.of("") is the working directory: "  is a directory" would name nothing.
            throw new UnusableException("an empty name", "is no path; give a file name, or - for standard output");
        }
        if (name.equals(STANDARD_OUTPUT) || isStandardOutputFile(Path.of(name))) {
            return new OutputTarget(name, null);
        }
        OutputTarget target = new OutputTarget(name, Path.of(name));
        target.probeWritable(target.kind());
        return target;
    }

    /** Whether {@code path} is the regular file standard output is redirected to (Linux and macOS: {@code /dev/stdout}). */
    private static boolean isStandardOutputFile(Path path) {
        Path standardOutput = Path.of("/dev/stdout");
        try {
            return Files.isRegularFile(path) && Files.isRegularFile(standardOutput) && Files.isSameFile(path, standardOutput);
        } catch (IOException | SecurityException e) {
            return false; // no /dev/stdout (Windows), or stdout closed: nothing to replace
        }
    }

    /** A path, checked now as {@link #parse} does. */
    public static OutputTarget of(Path path) throws UnusableException {
        OutputTarget target = new OutputTarget(path.toString(), path);
        target.probeWritable(target.kind());
        return target;
    }

    /**
     * A file that will be replaced needs a directory that takes new files (the temporary file the
     * report is written to): a read-only file system, or a directory the user may not write, is found
     * now, when the command line is read, not after a benchmark or a profile has run for minutes. A
     * file created and deleted at once in the nearest directory that exists (the others are created
     * with the report). A device or FIFO is written in place and needs no such check.
     */
    private void probeWritable(Resolved resolved) throws UnusableException {
        if (resolved.streamed()) {
            return;
        }
        // kind() has refused an existing ancestor that is not a directory.
        Path directory = nearestExistingAncestor(resolved.path()).filter(Files::isDirectory).orElse(null);
        if (directory == null) {
            return;
        }
        try {
            Files.delete(Files.createTempFile(directory, ".lockopt-", ".probe"));
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT)
                    : InputFile.describe(e);
            throw new UnusableException(name, "cannot be written: no file can be created in " + directory + " (" + why + ")");
        }
    }

    public boolean isStandardOutput() {
        return path == null;
    }

    /** The path as given; empty for standard output. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * Writes the report: to {@code standardOutput} for {@code -} (flushed, not closed), else to
     * the path as the class comment says. Failures come as {@link WriteFailedException}, whose
     * message names the target.
     */
    public void write(Writer standardOutput, AtomicFile.Body body) throws IOException {
        if (path == null) {
            body.writeTo(standardOutput);
            standardOutput.flush();
            return;
        }
        try {
            Resolved resolved = kind();
            if (resolved.streamed()) {
                try (Writer out = new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(resolved.path(), StandardOpenOption.WRITE), StandardCharsets.UTF_8))) {
                    body.writeTo(out);
                }
            } else {
                AtomicFile.write(resolved.path(), body);
            }
        } catch (IOException e) {
            throw new WriteFailedException("cannot write " + name + ": " + InputFile.describe(e), e);
        }
    }

    /**
     * The file a write replaces: the path itself, or the final target of the symbolic links it
     * leads through (standard output has none).
     */
    public Path finalPath() throws UnusableException {
        if (path == null) {
            throw new IllegalStateException("standard output is not a file");
        }
        return kind().path();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The file the path leads to, and whether it is streamed into (a device or FIFO) rather than replaced. */
    private record Resolved(Path path, boolean streamed) {
    }

    private Resolved kind() throws UnusableException {
        Path file = followLinks();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            checkParent(file); // ENOTDIR for a path under a file
            if (e instanceof NoSuchFileException) {
                return new Resolved(file, false);
            }
            throw new UnusableException(name, "cannot be inspected: " + InputFile.describe(e));
        }
        if (attributes.isDirectory()) {
            throw new UnusableException(name, "is a directory");
        }
        return new Resolved(file, attributes.isOther());
    }

    /** A new file's nearest existing ancestor must be a directory (AtomicFile creates the ones missing). */
    private void checkParent(Path file) throws UnusableException {
        Optional<Path> ancestor = nearestExistingAncestor(file);
        if (ancestor.isPresent() && !Files.isDirectory(ancestor.get())) {
            throw new UnusableException(name, "cannot be created: " + ancestor.get() + " is not a directory");
        }
    }

    /** The nearest directory above {@code file} (or other file: a path under a file) that exists. */
    private static Optional<Path> nearestExistingAncestor(Path file) {
        for (Path ancestor = file.toAbsolutePath().getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (Files.exists(ancestor)) {
                return Optional.of(ancestor);
            }
        }
        return Optional.empty();
    }

    private Path followLinks() throws UnusableException {
        try {
            return InputFile.finalTarget(path).orElseThrow(() -> new UnusableException(name, "is a symbolic link loop"));
        } catch (UnusableException e) {
            throw e;
        } catch (IOException e) {
            throw new UnusableException(name, "is a link that cannot be read: " + InputFile.describe(e));
        }
    }
}
