package io.lockopt.agent.wire;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A directory only its owner can use, in a place others can write to (the temp directory): the
 * session channel and the agent-jar cache of a user without a writable home. Before it is
 * trusted it must be a real directory (not a link), owned by the user this JVM runs as, with no
 * access for group or others; otherwise another local user could read or plant files in it.
 */
public final class PrivateDirectory {
    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PrivateDirectory() {
    }

    /** Why {@code dir} is not safe to use, or empty when it is. */
    public static Optional<String> unsafeBecause(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("not a directory: " + dir);
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            if (!attributes.owner().getName().equals(me)) {
                return Optional.of(dir + " is owned by " + attributes.owner().getName() + ", not " + me);
            }
            if (!OWNER_ONLY.containsAll(attributes.permissions())) {
                return Optional.of(dir + " is accessible to group or others");
            }
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // no POSIX permissions (Windows): the user's temp dir is private there
        } catch (IOException e) {
            return Optional.of("cannot inspect " + dir + ": " + e.getMessage());
        }
    }

    /**
     * {@code dir}, created owner-only if it does not exist; refused (an {@code IOException}
     * saying why) when something already there is not safe to use.
     */
    public static Path ensure(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // someone made it before: it must pass the checks below
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
        Optional<String> unsafe = unsafeBecause(dir);
        if (unsafe.isPresent()) {
            throw new IOException("refusing to use " + dir + ": " + unsafe.get());
        }
        return dir;
    }
}
