package io.lockopt.advice;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lockopt.analyzer.engine.JsonInputFile;

/**
 * Reads the per-lock figures of {@code lockopt profile} reports ({@code --json}, schema
 * {@code lockopt-profile/1}, docs/profile.md) as {@link LockEvidence}. The profile command
 * hands its own report over as a JSON tree, so both commands read measurements one way.
 */
public final class ProfileEvidence {
    static final String SCHEMA = "lockopt-profile/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ProfileEvidence() {
    }

    /**
     * The locks of several reports (several JVMs, or several runs), merged by label: counts and
     * totals add up, the percentiles are those of the reports' wait and hold histograms merged
     * (HdrHistogram's {@code add}; only for a report written before lockopt put histograms in its
     * reports, the median hold is the acquisition-weighted mean of the medians and the p99s the
     * largest). Ordered by total wait, largest first.
     *
     * @param cpus processors of the machine the profiles ran on
     * @throws IllegalArgumentException when a file is missing or not a profile report
     */
    public static List<LockEvidence> read(List<Path> files, int cpus) {
        List<Measured> all = new ArrayList<>();
        Map<ProfiledSession, String> sessions = new HashMap<>();
        for (Path file : files) {
            JsonNode report = JsonInputFile.read(file, "profile report", "a lockopt profile report", JSON::readTree,
                    IllegalArgumentException::new);
            if (!SCHEMA.equals(report.path("schema").asText())) {
                throw new IllegalArgumentException(file + " is not a lockopt profile report (schema " + SCHEMA
                        + "; write one with lockopt profile --json)");
            }
            // Read as a tree, loosely: the parts every report has must at least have their shape, or a
            // hand-edited file would pass as one without a lock.
            if (!report.path("locks").isArray() || !report.path("session").isObject()) {
                throw new IllegalArgumentException(file + " is not a lockopt profile report: "
                        + (report.path("locks").isArray() ? "'session' must be an object" : "'locks' must be a list"));
            }
            for (ProfiledSession session : sessionsOf(report)) {
                session.requireOnce(sessions, file.toString(), IllegalArgumentException::new);
            }
            all.addAll(merge(measured(report, cpus), true));
        }
        return merge(all, false).stream().map(Measured::evidence).toList();
    }

    /**
     * The JVM sessions a report holds: a merged report's sources, else its target's; none when the
     * report does not name its JVM (a hand-written one).
     */
    private static List<ProfiledSession> sessionsOf(JsonNode report) {
        List<ProfiledSession> sessions = new ArrayList<>();
        if (report.path("sources").isArray() && !report.path("sources").isEmpty()) {
            for (JsonNode source : report.path("sources")) {
                sessions.add(new ProfiledSession(source.path("pid").asLong(), source.path("mainClass").asText(null),
                        source.path("startedAt").asText(null), source.path("durationNanos").asLong()));
            }
        } else if (report.path("target").hasNonNull("pid")) {
            JsonNode session = report.path("session");
            sessions.add(new ProfiledSession(report.path("target").path("pid").asLong(),
                    report.path("target").path("mainClass").asText(null), session.path("startedAt").asText(null),
                    session.path("durationNanos").asLong()));
        }
        return sessions;
    }

    /** One entry per lock row of {@code report}, in the report's order (not merged). */
    public static List<LockEvidence> rows(JsonNode report, int cpus) {
        return measured(report, cpus).stream().map(Measured::evidence).toList();
    }

    /**
     * A row's figures with its wait and hold histograms as the report carries them (HdrHistogram's
     * compressed encoding, base64; an empty list: nothing recorded; {@code null}: times recorded but
     * no histogram, a report of an older lockopt), decoded only when rows are merged.
     */
    private record Measured(LockEvidence evidence, List<String> waits, List<String> holds) {
    }

    private static List<Measured> measured(JsonNode report, int cpus) {
        JsonNode session = report.path("session");
        long duration = session.path("durationNanos").asLong();
        // The session clock starts before the classes are instrumented; nothing is measured until then.
        long setUp = session.hasNonNull("timeToFirstDataNanos") && session.hasNonNull("attachNanos")
                ? Math.max(0, session.path("timeToFirstDataNanos").asLong() - session.path("attachNanos").asLong())
                : 0;
        long active = Math.max(1, duration - Math.min(setUp, duration / 2));
        List<Measured> rows = new ArrayList<>();
        for (JsonNode lock : report.path("locks")) {
            JsonNode waits = lock.path("waitTime");
            JsonNode holds = lock.path("holdTime");
            long reads = lock.path("reads").asLong();
            long writes = lock.path("writes").asLong();
            Double readShare;
            String basis;
            if (reads + writes > 0) {
                readShare = (double) reads / (reads + writes);
                basis = reads + " read-side, " + writes + " write-side acquisitions";
            } else if (lock.hasNonNull("readOnlySectionShare")) {
                readShare = lock.path("readOnlySectionShare").asDouble();
                basis = "acquisitions at call sites whose section only reads";
            } else {
                readShare = null;
                basis = null;
            }
            String kind = lock.path("kind").asText(null);
            rows.add(new Measured(new LockEvidence(lock.path("label").asText(), kind, busiestSite(lock),
                    lock.path("acquisitions").asLong(), lock.path("contended").asLong(), active, cpus,
                    waits.path("totalNanos").asLong(), waits.path("p99Nanos").asLong(),
                    holds.path("totalNanos").asLong(), holds.path("p50Nanos").asLong(),
                    holds.path("p99Nanos").asLong(), readShare, basis, Set.of(),
                    kind != null && kind.contains("Keyed")), encoded(waits), encoded(holds)));
        }
        return rows;
    }

    /** The tree form of any report object ({@code ProfileReport}), for {@link #rows}. */
    public static JsonNode tree(Object report) {
        return JSON.valueToTree(report);
    }

    /**
     * Entries with the same label merged into one; ordered by total wait, largest first.
     *
     * @param sharedClock whether the entries come from one report (one clock) or from several
     *                    (their measured times add up)
     */
    private static List<Measured> merge(List<Measured> rows, boolean sharedClock) {
        Map<String, List<Measured>> byLabel = new LinkedHashMap<>();
        for (Measured row : rows) {
            byLabel.computeIfAbsent(row.evidence().label(), label -> new ArrayList<>()).add(row);
        }
        List<Measured> merged = new ArrayList<>();
        for (List<Measured> same : byLabel.values()) {
            merged.add(same.size() == 1 ? same.get(0) : combine(same, sharedClock));
        }
        merged.sort(Comparator.comparing(Measured::evidence, Comparator.comparingLong(LockEvidence::waitTotalNanos)
                .reversed().thenComparing(Comparator.comparingLong(LockEvidence::acquisitions).reversed())));
        return merged;
    }

    private static Measured combine(List<Measured> measured, boolean sharedClock) {
        List<LockEvidence> same = measured.stream().map(Measured::evidence).toList();
        LockEvidence first = same.get(0);
        long acquisitions = 0;
        long contended = 0;
        long waitTotal = 0;
        long holdTotal = 0;
        long waitP99 = 0;
        long holdP99 = 0;
        double holdP50Weighted = 0;
        double readWeighted = 0;
        long readKnown = 0;
        long active = 0;
        LockEvidence busiest = first;
        for (LockEvidence row : same) {
            acquisitions += row.acquisitions();
            contended += row.contended();
            waitTotal += row.waitTotalNanos();
            holdTotal += row.holdTotalNanos();
            waitP99 = Math.max(waitP99, row.waitP99Nanos());
            holdP99 = Math.max(holdP99, row.holdP99Nanos());
            holdP50Weighted += (double) row.holdP50Nanos() * row.acquisitions();
            if (row.readShare() != null) {
                readWeighted += row.readShare() * row.acquisitions();
                readKnown += row.acquisitions();
            }
            active = sharedClock ? Math.max(active, row.activeNanos()) : active + row.activeNanos();
            if (row.acquisitions() > busiest.acquisitions()) {
                busiest = row;
            }
        }
        long holdP50 = acquisitions == 0 ? 0 : Math.round(holdP50Weighted / acquisitions);
        List<String> waits = joined(measured, Measured::waits);
        List<String> holds = joined(measured, Measured::holds);
        if (waits != null) {
            waitP99 = percentile(merged(waits, first.label()), 99);
        }
        if (holds != null) {
            Histogram merged = merged(holds, first.label());
            holdP50 = percentile(merged, 50);
            holdP99 = percentile(merged, 99);
        }
        return new Measured(new LockEvidence(first.label(), first.kind(), busiest.location(), acquisitions, contended,
                active, first.cpus(), waitTotal, waitP99, holdTotal, holdP50, holdP99,
                readKnown == 0 ? null : readWeighted / readKnown,
                readKnown == 0 ? null : busiest.readShareBasis() + ", " + same.size() + " instances or reports merged",
                first.staticRules(), same.stream().anyMatch(LockEvidence::keyPartitioned)), waits, holds);
    }

    /** A distribution's histogram as the report has it: see {@link Measured}. */
    private static List<String> encoded(JsonNode distribution) {
        if (distribution.hasNonNull("histogram")) {
            return List.of(distribution.path("histogram").asText());
        }
        boolean recorded = distribution.path("count").asLong() > 0 || distribution.path("totalNanos").asLong() > 0;
        return recorded ? null : List.of();
    }

    /** All the rows' histograms, or {@code null} when one row's are not known. */
    private static List<String> joined(List<Measured> rows, Function<Measured, List<String>> histograms) {
        List<String> all = new ArrayList<>();
        for (Measured row : rows) {
            List<String> some = histograms.apply(row);
            if (some == null) {
                return null;
            }
            all.addAll(some);
        }
        return all;
    }

    /**
     * The histograms added into a copy of the most precise one, so that none loses resolution in a
     * coarser one ({@code null}: none). The same merge as the agent's wire {@code LockGroup} and the
     * profile report's merge, here over decoded report fields (advice sees no agent classes).
     */
    private static Histogram merged(List<String> encoded, String label) {
        List<Histogram> histograms = new ArrayList<>();
        for (String base64 : encoded) {
            try {
                histograms.add(Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0));
            } catch (DataFormatException | RuntimeException e) {
                throw new IllegalArgumentException("a histogram of " + label + " cannot be decoded: " + e.getMessage(),
                        e);
            }
        }
        Histogram finest = histograms.stream()
                .max(Comparator.comparingInt(Histogram::getNumberOfSignificantValueDigits)).orElse(null);
        if (finest == null) {
            return null;
        }
        Histogram sum = finest.copy();
        sum.setAutoResize(true);
        for (Histogram histogram : histograms) {
            if (histogram != finest) {
                sum.add(histogram);
            }
        }
        return sum;
    }

    private static long percentile(Histogram histogram, double percentile) {
        return histogram == null || histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    private static String busiestSite(JsonNode lock) {
        String where = null;
        long most = -1;
        for (JsonNode site : lock.path("sites")) {
            long holds = site.path("holds").asLong() + site.path("waits").asLong();
            if (holds > most) {
                most = holds;
                where = site.path("site").asText(null);
            }
        }
        return where;
    }
}
