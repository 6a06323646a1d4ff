package io.lockopt.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Standard output that remembers why a write failed. {@link System#out} swallows write errors,
 * so a report printed to a full disk ({@code > /dev/full}) would be lost with exit 0; installed
 * in place of it, this tells {@link Main} what went wrong, and a broken pipe (the reader went
 * away, as {@code | head} does) from any other failure.
 */
public final class CheckedStandardOutput extends FilterOutputStream {
    /** What {@link #install} installed; null in tests, which give each command writers of their own. */
    private static volatile CheckedStandardOutput installed;

    private volatile IOException failure;
    /** Whether a command has already thrown {@link #failure} (then {@link Main} says nothing more). */
    private volatile boolean raised;

    CheckedStandardOutput(OutputStream out) {
        super(out);
    }

    /** Replaces {@link System#out} with a stream over the same descriptor that records failures. */
    static CheckedStandardOutput install() {
        CheckedStandardOutput checked = new CheckedStandardOutput(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(checked, true, encoding()));
        installed = checked;
        return checked;
    }

    /**
     * Throws when what a command printed to standard output so far is lost (a full disk), so that
     * it stops there instead of going on about a report nobody got: {@link ExceptionExitCodes} says
     * so in one line, and {@link Main} adds nothing. A broken pipe stays quiet, as in Main.
     */
    public static void requireWritten(PrintWriter out) {
        out.flush();
        CheckedStandardOutput checked = installed;
        Optional<IOException> failure = checked == null ? Optional.empty() : checked.unreported();
        if (failure.isPresent() && !isBrokenPipe(failure.get())) {
            checked.raised = true;
            throw new UserInputException(message(failure.get()), failure.get());
        }
    }

    /**
     * The first write failure, after flushing what {@link System#out} still holds; empty when
     * everything was written, or when a command has already thrown it ({@link #requireWritten}).
     */
    Optional<IOException> unreported() {
        System.out.flush();
        return raised ? Optional.empty() : recorded();
    }

    /** The one line that says standard output failed. */
    static String message(IOException failure) {
        return "cannot write standard output: " + failure.getMessage();
    }

    /** The first write failure so far. */
    Optional<IOException> recorded() {
        return Optional.ofNullable(failure);
    }

    /** A failure that only says the reader is gone: not worth a line of its own. */
    static boolean isBrokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            record(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            record(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            record(e);
        }
    }

    private void record(IOException e) throws IOException {
        if (failure == null) {
            failure = e;
        }
        throw e;
    }

    /** What the JDK's own standard output would use (Java 17: {@code sun.stdout.encoding} on a console). */
    private static Charset encoding() {
        for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }
}
