package io.lockopt.cli.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lockopt.agent.wire.PrivateDirectory;
import io.lockopt.cli.UserInputException;
import io.lockopt.files.AtomicFile;

/**
 * The agent jar the CLI carries inside itself (a resource, put there by the build) and
 * extracts before an attach. It goes to a per-user cache directory readable only by the
 * user, named by its content hash: the target JVM keeps the path on its class path after the
 * session, so the same file must stay there, unchanged, for later sessions.
 */
final class AgentJar {
    static final String RESOURCE = "/io/lockopt/cli/profile/lockopt-agent.jar";
    /**
     * The distribution's launcher points here at its {@code lib/lockopt-agent.jar}, used in place
     * (nothing extracted); tests and developers may point at a built jar.
     */
    static final String OVERRIDE_PROPERTY = "lockopt.agent.jar";

    private AgentJar() {
    }

    static Path locate() throws IOException {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path jar = Path.of(override);
            if (!Files.isRegularFile(jar)) {
                throw new UserInputException("agent jar not found: " + jar + " (from -D" + OVERRIDE_PROPERTY + ")");
            }
            return jar;
        }
        byte[] bytes;
        try (InputStream in = AgentJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("this lockopt build carries no agent jar (" + RESOURCE + ")");
            }
            bytes = in.readAllBytes();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path userCache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("lockopt");
        return extract(bytes, userCache, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Puts {@code bytes} into {@code userCache} (created owner-only), or, where that cannot be
     * written (a locked-down CI user without a writable home), into one private directory of the
     * user's under {@code temp}, {@code lockopt-cache-USER}: created 0700 once and reused by every
     * later run, refused when someone else owns it or it is open to others.
     */
    static Path extract(byte[] bytes, Path userCache, Path temp) throws IOException {
        try {
            return extractInto(userCacheDirectory(userCache), bytes);
        } catch (IOException | UnsupportedOperationException noWritableHome) {
            Path shared = temp.resolve("lockopt-cache-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_"));
            try {
                return extractInto(PrivateDirectory.ensure(shared), bytes);
            } catch (IOException e) {
                throw new UserInputException("cannot extract the agent jar to " + userCache + " ("
                        + noWritableHome.getMessage() + ") nor to " + shared + " (" + e.getMessage() + ")", e);
            }
        }
    }

    private static Path extractInto(Path dir, byte[] bytes) throws IOException {
        Path jar = dir.resolve("lockopt-agent-" + sha256(bytes).substring(0, 16) + ".jar");
        if (Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS) && Files.size(jar) == bytes.length) {
            return jar;
        }
        AtomicFile.write(jar, bytes);
        return jar;
    }

    private static Path userCacheDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        return dir;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
