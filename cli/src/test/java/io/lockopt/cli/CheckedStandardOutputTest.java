package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.junit.jupiter.api.Test;

class CheckedStandardOutputTest {

    /** What a full disk does to a write: the failure is kept for Main, and still thrown to the PrintStream. */
    @Test
    void keepsTheFirstWriteFailure() throws IOException {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        CheckedStandardOutput checked = new CheckedStandardOutput(full);
        assertThatThrownBy(() -> checked.write(new byte[] {1, 2}, 0, 2)).hasMessage("No space left on device");
        assertThat(checked.recorded()).hasValueSatisfying(e -> {
            assertThat(e).hasMessage("No space left on device");
            assertThat(CheckedStandardOutput.isBrokenPipe(e)).isFalse();
        });
        assertThat(CheckedStandardOutput.isBrokenPipe(new IOException("Broken pipe"))).isTrue();
    }

    @Test
    void recordsNothingWhenEverythingIsWritten() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CheckedStandardOutput checked = new CheckedStandardOutput(sink);
        checked.write("report\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        checked.flush();
        assertThat(sink.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("report\n");
        assertThat(checked.recorded()).isEmpty();
    }
}
