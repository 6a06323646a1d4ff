package io.lockopt.agent.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The private channel between the client and the agent: a directory the client creates,
 * readable only by its owner, holding small files that each side writes whole (temporary
 * file + atomic move) and the other polls. The target never opens a port; the secret in
 * every file proves which session wrote it.
 *
 * <pre>
 * status      agent -> client  properties: state (ready|busy|failed|detached), secret, message, ...;
 *                              when ready also agentStartMillis, instrumentationMillis
 * snapshot    agent -> client  {@link SnapshotCodec} binary, rewritten every interval and at the end
 * heartbeat   client -> agent  properties: secret, time (epoch ms); the agent leaves if it goes stale
 * stop        client -> agent  properties: secret; the agent ends the session
 * </pre>
 */
public final class SessionDirectory {
    public static final String STATUS = "status";
    public static final String SNAPSHOT = "snapshot";
    public static final String HEARTBEAT = "heartbeat";
    public static final String STOP = "stop";
    /** In the ready status: from the agent's start until its control thread began to instrument, in ms. */
    public static final String AGENT_START_MILLIS = "agentStartMillis";
    /** In the ready status: how long installing the instrumentation took, in ms. */
    public static final String INSTRUMENTATION_MILLIS = "instrumentationMillis";
    /** How session directories' names begin. */
    public static final String PREFIX = "lockopt-profile-";

    private final Path dir;

    public SessionDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * Checks the directory is safe to talk through: a real directory (not a link), owned by
     * the user this JVM runs as, with no access for group or others. Returns the problem, if any.
     */
    public Optional<String> unsafeBecause() {
        return PrivateDirectory.unsafeBecause(dir);
    }

    public void writeProperties(String name, Properties properties) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(text, null);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        writeAtomically(name, out -> out.write(bytes));
    }

    /** The properties in {@code name}, or empty when the file does not exist (yet). */
    public Optional<Properties> readProperties(String name) throws IOException {
        try (InputStream in = Files.newInputStream(file(name));
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.of(properties);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void writeSnapshot(Snapshot snapshot) throws IOException {
        writeAtomically(SNAPSHOT, out -> SnapshotCodec.write(snapshot, out));
    }

    /** The latest snapshot, or empty when none was written yet. */
    public Optional<Snapshot> readSnapshot() throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file(SNAPSHOT)))) {
            return Optional.of(SnapshotCodec.read(in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code name} whole or not at all: a temporary file in the same directory, then a move. */
    public void writeAtomically(String name, Content content) throws IOException {
        Path temp = Files.createTempFile(dir, "." + name + "-", ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Removes this user's session directories under {@code parent} that nobody has touched for
     * {@code quietFor} (neither the client's heartbeat nor the agent's snapshots): left behind by a
     * client that was killed while its target was gone too, or before agents removed them on
     * leaving. One whose agent still says {@code ready} in a live JVM is kept. Only directories that
     * pass {@link #unsafeBecause} (owned by this user, private) are touched. Returns how many went.
     */
    public static int removeStale(Path parent, Duration quietFor) {
        long cutoff = System.currentTimeMillis() - quietFor.toMillis();
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path dir : dirs) {
                SessionDirectory session = new SessionDirectory(dir);
                if (session.unsafeBecause().isEmpty() && session.quietSince(cutoff) && !session.agentRunning()) {
                    session.delete();
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a directory that cannot be listed or removed now may go next time
        }
        return removed;
    }

    /** No file in the directory, nor the directory itself, changed after {@code cutoffMillis}. */
    private boolean quietSince(long cutoffMillis) throws IOException {
        if (Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toMillis() >= cutoffMillis) {
            return false;
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() >= cutoffMillis) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The status says ready and names a live process: a session still in progress. */
    private boolean agentRunning() throws IOException {
        Optional<Properties> status = readProperties(STATUS);
        if (status.isEmpty() || !"ready".equals(status.get().getProperty("state"))) {
            return false;
        }
        try {
            long pid = Long.parseLong(status.get().getProperty("pid", ""));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Creates a fresh private session directory under {@code parent}. */
    public static SessionDirectory create(Path parent) throws IOException {
        Path dir;
        try {
            dir = Files.createTempDirectory(parent, PREFIX,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(PrivateDirectory.OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            dir = Files.createTempDirectory(parent, PREFIX);
        }
        return new SessionDirectory(dir);
    }

    /** Removes the directory and the files in it (it holds no subdirectories). */
    public void delete() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Writes a file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

}
