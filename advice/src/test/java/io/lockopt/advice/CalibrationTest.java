package io.lockopt.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
    private final Calibration calibration = Calibrations.shortHoldsFavourOptimistic();

    @Test
    void interpolatesCostsInLogHoldAndScalesBeyondTheRange() {
        // 200 ns lies ln(10)/ln(15) of the way from 20 ns to 300 ns in log scale.
        double at = Math.log(10) / Math.log(15);
        assertThat(calibration.costNanos(Strategy.EXCLUSIVE, 200, 2)).isCloseTo(50 + 550 * at, within(1e-6));
        assertThat(calibration.costNanos(Strategy.EXCLUSIVE, 5, 2)).isEqualTo(50);
        assertThat(calibration.costNanos(Strategy.EXCLUSIVE, 4_000, 2)).isCloseTo(9_600, within(1e-6));
        assertThat(calibration.costNanos(Strategy.READ_WRITE, 20, 3)).as("nearest measured: 2 threads").isEqualTo(190);
    }

    @Test
    void crossoversSayFromWhichHoldAStrategyWins() {
        Double readWrite = calibration.crossoverNanos(Strategy.READ_WRITE, Strategy.EXCLUSIVE, 2);
        // The gap goes from -600 ns at 300 ns to +1800 ns at 2 µs: it closes a quarter of the way in log(hold).
        assertThat(readWrite).isCloseTo(Math.exp(Math.log(300) + Math.log(2_000.0 / 300) * 0.25), within(1e-6));
        assertThat(calibration.crossoverNanos(Strategy.OPTIMISTIC, Strategy.EXCLUSIVE, 2)).isEqualTo(0.0);
        assertThat(calibration.crossoverNanos(Strategy.COPY_ON_WRITE, Strategy.EXCLUSIVE, 1)).isEqualTo(0.0);
        assertThat(calibration.crossoverNanos(Strategy.READ_WRITE, Strategy.COPY_ON_WRITE, 1)).isNull();
    }

    @Test
    void roundTripsThroughItsFileWithTheCrossoversWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cal.json");
        Files.writeString(file, calibration.toJson());

        assertThat(Files.readString(file)).contains("\"crossovers\"").contains("\"machine\" : \"test machine\"");
        assertThat(Calibration.read(file)).isEqualTo(calibration);
    }

    @Test
    void theBundledCalibrationLoadsAndCoversSeveralThreadCounts() {
        Calibration bundled = Calibration.bundled();
        assertThat(bundled.threadCounts()).contains(1, 2);
        assertThat(bundled.machine()).isNotBlank();
    }

    @Test
    void rejectsWhatIsNotACalibration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"schema\":\"lockopt-profile/1\"}");

        assertThatThrownBy(() -> Calibration.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":1:").hasMessageContaining(": not a lockopt calibration: ");
        assertThatThrownBy(() -> Calibration.read(dir.resolve("missing.json")))
                .hasMessageContaining("no such calibration file");
        Path nothing = Files.writeString(dir.resolve("null.json"), "null");
        assertThatThrownBy(() -> Calibration.read(nothing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(nothing + ": not a lockopt calibration: it holds null");
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> Calibration.read(fifo)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calibration " + fifo + " is not a regular file (a device, FIFO or socket)");
    }
}
