package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lockopt.cli.CliRun;
import io.lockopt.cli.ExitCodes;
import io.lockopt.cli.profile.workload.ReadMostlyService;

/**
 * {@code lockopt profile --jfr-file}: a real target runs with the agent always on and a JFR
 * recording, and the report is built from the recording alone.
 */
class ProfileJfrFileTest {
    private static final String CACHE = "io.lockopt.cli.profile.workload.ReadMostlyService.cache";
    private final CliRun cli = new CliRun();

    @Test
    void reportsTheLocksOfARecordingMadeWithTheAgentAlwaysOn(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("rec.jfr");
        Path settings = Path.of(ProfileJfrFileTest.class.getResource("/lockopt-events.jfc").toURI());
        Process target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AgentJar.locate(), "-XX:StartFlightRecording=filename=" + recording + ",settings="
                        + settings, "-cp", System.getProperty("java.class.path"), ReadMostlyService.class.getName())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(target.getInputStream(),
                    StandardCharsets.UTF_8));
            // JFR logs its start on stdout first.
            String line = lines.readLine();
            while (line != null && line.contains("[jfr")) {
                line = lines.readLine();
            }
            assertThat(line).isEqualTo("READY");
            Thread.sleep(3_000);
            target.getOutputStream().close(); // the service ends when its stdin closes; JFR writes the file
            assertThat(target.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            target.destroyForcibly();
        }

        Path json = dir.resolve("report.json");
        int code = cli.run("profile", "--jfr-file", recording.toString(), "--json", json.toString());
        assertThat(code).as(cli.err() + Files.readString(dir.resolve("stderr.txt"))).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Locks by total wait time").contains(" 1. " + CACHE + "  [ReentrantLock");
        JsonNode cache = new ObjectMapper().readTree(json.toFile()).path("locks").get(0);
        assertThat(cache.path("label").asText()).isEqualTo(CACHE);
        assertThat(cache.path("acquisitions").asLong()).isPositive();
        assertThat(cache.path("contended").asLong()).isPositive();
        assertThat(cache.path("waitTime").path("totalNanos").asLong()).isPositive();
        // A wait is recorded at the release: acquisitions still holding the lock at the last statistics are not in it.
        long contended = cache.path("contended").asLong();
        assertThat(cache.path("waitTime").path("count").asLong()).isLessThanOrEqualTo(contended)
                .isGreaterThanOrEqualTo(contended - 16);
        // Contended from the start, so its holds are timed.
        assertThat(cache.path("holdTime").path("count").asLong()).isPositive();
    }

    @Test
    void aFileThatIsNoRecordingIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording");
        assertThat(cli.run("profile", "--jfr-file", text.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("is not a readable JFR recording");
        assertThat(cli.err().strip().lines()).hasSize(1);
    }

    @Test
    void aRecordingWithoutTheAgentSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("plain.jfr");
        Process plain = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording=filename=" + recording, "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(plain.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.run("profile", "--jfr-file", recording.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("holds no io.lockopt.LockStatistics event");
    }

    @Test
    void aRecordingAndAPidExcludeEachOther() {
        assertThat(cli.run("profile", "--jfr-file", "rec.jfr", "--pid", "1")).isEqualTo(ExitCodes.USAGE);
    }
}
