package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lockopt.cli.UserInputException;

class AgentJarTest {
    private static final byte[] JAR = {'P', 'K', 3, 4, 42};

    @TempDir
    Path dir;

    @Test
    void goesToTheUsersCacheWhenItCanBeWritten() throws IOException {
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Path jar = AgentJar.extract(JAR, dir.resolve("home/.cache/lockopt"), temp);
        assertThat(jar.getParent()).isEqualTo(dir.resolve("home/.cache/lockopt"));
        assertThat(Files.readAllBytes(jar)).isEqualTo(JAR);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void withoutAWritableHomeEveryRunReusesOnePrivateDirectoryUnderTemp() throws IOException {
        // A home that cannot hold a cache: a file where the directory would be.
        Path home = Files.writeString(dir.resolve("home"), "not a directory");
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Path first = AgentJar.extract(JAR, home.resolve(".cache/lockopt"), temp);
        Path second = AgentJar.extract(JAR, home.resolve(".cache/lockopt"), temp);
        assertThat(second).isEqualTo(first);
        assertThat(first.getParent().getParent()).isEqualTo(temp);
        assertThat(first.getParent().getFileName().toString()).isEqualTo("lockopt-cache-" + System.getProperty("user.name"));
        try (var entries = Files.list(temp)) {
            assertThat(entries).containsExactly(first.getParent());
        }
        try (var entries = Files.list(first.getParent())) {
            assertThat(entries).containsExactly(first);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void refusesASharedDirectoryPlantedUnderTemp() throws IOException {
        Path home = Files.writeString(dir.resolve("home"), "not a directory");
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        Path planted = Files.createDirectory(temp.resolve("lockopt-cache-" + System.getProperty("user.name")));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> AgentJar.extract(JAR, home.resolve(".cache/lockopt"), temp))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("accessible to group or others");
        assertThat(planted).isEmptyDirectory();
    }
}
