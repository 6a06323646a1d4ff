package io.lockopt.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void removesOnlyThisUsersQuietSessionDirectories() throws IOException {
        SessionDirectory killedClient = session(Duration.ofHours(1));
        SessionDirectory running = session(Duration.ofSeconds(0));
        SessionDirectory keptOnPurpose = session(Duration.ofHours(1));
        Properties ready = new Properties();
        ready.setProperty("state", "ready");
        ready.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        keptOnPurpose.writeProperties(SessionDirectory.STATUS, ready);
        age(keptOnPurpose, Duration.ofHours(1));
        Path notOurs = Files.createDirectory(temp.resolve(SessionDirectory.PREFIX + "open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setLastModifiedTime(notOurs, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path unrelated = Files.createDirectory(temp.resolve("something-else"));
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(SessionDirectory.removeStale(temp, Duration.ofMinutes(2))).isEqualTo(1);
        assertThat(killedClient.path()).doesNotExist();
        assertThat(running.path()).isDirectory();
        assertThat(keptOnPurpose.path()).isDirectory();
        assertThat(notOurs).as("open to others: not trusted, not touched").isDirectory();
        assertThat(unrelated).isDirectory();
    }

    @Test
    void leavesAnotherUsersDirectory() throws IOException {
        SessionDirectory other = session(Duration.ofHours(1));
        UserPrincipal nobody;
        try {
            nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(other.path(), nobody);
        } catch (IOException | UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("cannot give a directory to another user here: " + e);
            return;
        }
        assertThat(SessionDirectory.removeStale(temp, Duration.ofMinutes(2))).isZero();
        assertThat(other.path()).isDirectory();
    }

    /** A session directory with a heartbeat, last touched {@code ago}. */
    private SessionDirectory session(Duration ago) throws IOException {
        SessionDirectory session = SessionDirectory.create(temp);
        Properties heartbeat = new Properties();
        heartbeat.setProperty("secret", "s");
        session.writeProperties(SessionDirectory.HEARTBEAT, heartbeat);
        age(session, ago);
        return session;
    }

    private static void age(SessionDirectory session, Duration ago) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(ago));
        try (var files = Files.list(session.path())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(file, then);
            }
        }
        Files.setLastModifiedTime(session.path(), then);
    }
}
