package io.lockopt.analyzer.engine.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.engine.JsonInputFile;
import io.lockopt.files.AtomicFile;

/**
 * Known findings that should not fail the build ({@code --baseline}, written by
 * {@code --write-baseline}). Findings are matched by rule id and fingerprint, so a baseline
 * survives edits that only move code; each entry absorbs one finding.
 *
 * @param version format version of the file
 */
public record Baseline(@JsonProperty("version") int version, @JsonProperty("findings") List<Entry> findings) {
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One accepted finding; path and message are there for the humans reviewing the file. */
    public record Entry(@JsonProperty("rule") String rule, @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("file") String file, @JsonProperty("line") int line,
            @JsonProperty("message") String message) {
    }

    public Baseline {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** A baseline accepting every finding that is not suppressed in the source. */
    public static Baseline of(List<Finding> found) {
        return new Baseline(FORMAT_VERSION, found.stream()
                .filter(f -> f.status() != FindingStatus.SUPPRESSED)
                .map(f -> new Entry(f.ruleId(), f.fingerprint(), f.path(), f.region().line(), f.message()))
                .toList());
    }

    public static Baseline read(Path file) {
        Baseline baseline = JsonInputFile.read(file, "baseline", "a lockopt baseline",
                bytes -> JSON.readValue(bytes, Baseline.class), AnalysisInputException::new);
        if (baseline.version() != FORMAT_VERSION) {
            throw new AnalysisInputException("baseline " + file + " has format version " + baseline.version()
                    + "; this lockopt reads version " + FORMAT_VERSION);
        }
        return baseline;
    }

    public void write(Path file) throws IOException {
        AtomicFile.write(file, this::writeTo);
    }

    /** The baseline's JSON text, for a file or a stream. */
    public void writeTo(java.io.Writer out) throws IOException {
        out.write(JSON.writeValueAsString(this));
        out.write('\n');
    }

    /** Marks new findings found in this baseline as {@link FindingStatus#BASELINED}, each entry used once. */
    public Matcher matcher() {
        return new Matcher(this);
    }

    /** Single-use, single-thread matching state. */
    public static final class Matcher {
        private final Map<String, Integer> remaining = new HashMap<>();

        private Matcher(Baseline baseline) {
            for (Entry entry : baseline.findings()) {
                remaining.merge(key(entry.rule(), entry.fingerprint()), 1, Integer::sum);
            }
        }

        public boolean consume(Finding finding) {
            String key = key(finding.ruleId(), finding.fingerprint());
            Integer left = remaining.get(key);
            if (left == null || left == 0) {
                return false;
            }
            remaining.put(key, left - 1);
            return true;
        }

        private static String key(String rule, String fingerprint) {
            return rule + ':' + fingerprint;
        }
    }
}
