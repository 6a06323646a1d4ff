package io.lockopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lockopt.advice.Calibration;
import io.lockopt.advice.Strategy;

/** {@code lockopt analyze --profile}: findings joined to what a profile measured about their locks. */
class AnalyzeWithProfileTest {
    private static final String PRICES = """
            package io.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.locks.ReentrantLock;
            class Prices {
                private final ReentrantLock lock = new ReentrantLock();
                private final Map<String, Double> prices = new HashMap<>();
                double price(String symbol) {
                    lock.lock();
                    try {
                        return prices.getOrDefault(symbol, 0.0);
                    } finally {
                        lock.unlock();
                    }
                }
                int size() {
                    lock.lock();
                    try {
                        return prices.size();
                    } finally {
                        lock.unlock();
                    }
                }
                boolean has(String symbol) {
                    lock.lock();
                    try {
                        return prices.containsKey(symbol);
                    } finally {
                        lock.unlock();
                    }
                }
                void update(String symbol, double price) {
                    lock.lock();
                    try {
                        prices.put(symbol, price);
                    } finally {
                        lock.unlock();
                    }
                }
            }
            """;
    private static final String CLOCK = """
            package io.acme;
            class Clock {
                private final Object tick = new Object();
                private long now;
                void advance() {
                    synchronized (tick) {
                        now++;
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** The source of {@code io.acme.Prices} the next {@link #analyze} writes. */
    private String prices = PRICES;

    /**
     * A profile report on a 2-CPU machine over 10 s: Prices.lock as given; Clock.tick and a
     * library's Pool.lock contended.
     */
    private Path profile(String name, long acquisitions, long waitTotal, long holdP50) throws IOException {
        String json = """
                {"schema":"lockopt-profile/1","session":{"durationNanos":10000000000},
                 "locks":[
                  {"label":"io.acme.Prices.lock","kind":"ReentrantLock","acquisitions":%d,"contended":%d,
                   "reads":0,"writes":0,"readOnlySectionShare":0.95,
                   "waitTime":{"totalNanos":%d,"p99Nanos":2000000},
                   "holdTime":{"totalNanos":%d,"p50Nanos":%d,"p99Nanos":%d},
                   "sites":[{"site":"io.acme.Prices.price:9","holds":%d,"waits":0}]},
                  {"label":"org.lib.Pool.lock","kind":"ReentrantLock","acquisitions":5000000,"contended":200000,
                   "reads":0,"writes":0,"readOnlySectionShare":0.0,
                   "waitTime":{"totalNanos":6000000000,"p99Nanos":1000000},
                   "holdTime":{"totalNanos":500000000,"p50Nanos":100,"p99Nanos":400},
                   "sites":[{"site":"org.lib.Pool.take:6","holds":5000000,"waits":200000}]},
                  {"label":"io.acme.Clock.tick","kind":"synchronized","acquisitions":5000000,"contended":200000,
                   "reads":0,"writes":0,"readOnlySectionShare":0.0,
                   "waitTime":{"totalNanos":6000000000,"p99Nanos":1000000},
                   "holdTime":{"totalNanos":500000000,"p50Nanos":100,"p99Nanos":400},
                   "sites":[{"site":"io.acme.Clock.advance:6","holds":5000000,"waits":200000}]}
                 ]}
                """.formatted(acquisitions, acquisitions / 20, waitTotal, acquisitions * holdP50, holdP50,
                holdP50 * 3, acquisitions);
        return Files.writeString(dir.resolve(name), json);
    }

    /**
     * At 2 threads and 2 µs holds: a read/write lock costs least ({@code readWriteWins}), or an
     * optimistic read does.
     */
    private Path calibration(String name, boolean readWriteWins) throws IOException {
        double rwAtLong = readWriteWins ? 3_000 : 6_000;
        double optimisticAtLong = readWriteWins ? 5_500 : 2_500;
        Calibration calibration = new Calibration(Calibration.FORMAT, "test", "now", "test", List.of(
                point(0, 20, 1, 20, 22, 8, 17), point(512, 2_000, 1, 2_100, 2_100, 2_050, 2_000),
                point(0, 20, 2, 50, 190, 40, 30), point(64, 300, 2, 600, 600, 500, 900),
                point(512, 2_000, 2, 4_800, rwAtLong, optimisticAtLong, 7_000)));
        return Files.writeString(dir.resolve(name), calibration.toJson());
    }

    private static Calibration.Point point(int work, double hold, int threads, double exclusive, double readWrite,
            double optimistic, double copyOnWrite) {
        return new Calibration.Point(work, hold, threads, Map.of(Strategy.EXCLUSIVE, exclusive, Strategy.READ_WRITE,
                readWrite, Strategy.OPTIMISTIC, optimistic, Strategy.COPY_ON_WRITE, copyOnWrite));
    }

    private int analyze(String... args) throws IOException {
        Files.createDirectories(dir.resolve("src/io/acme"));
        Files.writeString(dir.resolve("src/io/acme/Prices.java"), prices);
        Files.writeString(dir.resolve("src/io/acme/Clock.java"), CLOCK);
        List<String> all = new java.util.ArrayList<>(List.of("analyze", "--enable", "ReadMostlyExclusiveLock",
                dir.resolve("src").toString()));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void sarifCarriesRankAndEvidenceAndConfirmsTheReadMostlyFinding() throws Exception {
        Path profile = profile("p.json", 4_000_000, 8_000_000_000L, 1_500);

        analyze("--profile", profile.toString(), "--calibration", calibration("rw.json", true).toString(),
                "--format", "sarif");

        JsonNode results = new ObjectMapper().readTree(cli.out()).path("runs").get(0).path("results");
        JsonNode prices = results.get(0);
        assertThat(prices.path("ruleId").asText()).isEqualTo("ReadMostlyExclusiveLock");
        assertThat(prices.path("rank").asDouble()).isBetween(1.0, 100.0);
        JsonNode evidence = prices.path("properties").path("evidence");
        assertThat(evidence.path("acquisitions").asLong()).isEqualTo(4_000_000);
        assertThat(evidence.path("holdP50Nanos").asLong()).isEqualTo(1_500);
        assertThat(evidence.path("waitTotalNanos").asLong()).isEqualTo(8_000_000_000L);
        assertThat(evidence.path("readShare").asDouble()).isEqualTo(0.95);
        assertThat(evidence.path("advice").asText()).isEqualTo("read-write-lock");
        assertThat(evidence.path("verdict").asText()).isEqualTo("confirmed");

        JsonNode clock = results.get(1);
        assertThat(clock.path("ruleId").asText()).isEqualTo("MeasuredHotLock");
        assertThat(clock.path("message").path("text").asText()).startsWith("io.acme.Clock.tick measured hot, no static");
        assertThat(clock.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .endsWith("src/io/acme/Clock.java");
        assertThat(clock.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt())
                .as("the field's declaration").isEqualTo(3);
        assertThat(clock.path("rank").asDouble()).isPositive();
        assertThat(results).as("a library's hot lock has no file to point at").hasSize(2);
        assertThat(cli.err()).contains("org.lib.Pool.lock measured hot (rank ").contains("outside the scanned sources");
    }

    /**
     * Readers of one field each: the scan alone holds the read-mostly finding low (not reported by
     * default); a profile that measures the lock hot and read-mostly reports it.
     */
    @Test
    void aProfileReportsTheReadMostlyFindingTheScanAloneHoldsLow() throws Exception {
        prices = """
                package io.acme;
                import java.util.concurrent.locks.ReentrantLock;
                class Prices {
                    private final ReentrantLock lock = new ReentrantLock();
                    private double last;
                    private long when;
                    double last() { lock.lock(); try { return last; } finally { lock.unlock(); } }
                    long when() { lock.lock(); try { return when; } finally { lock.unlock(); } }
                    boolean quoted() { lock.lock(); try { return when > 0; } finally { lock.unlock(); } }
                    void update(double price, long at) { lock.lock(); try { last = price; when = at; } finally { lock.unlock(); } }
                }
                """;
        assertThat(analyze()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).doesNotContain("[ReadMostlyExclusiveLock]");
        cli.clear();

        Path hot = profile("hot.json", 4_000_000, 8_000_000_000L, 1_500);
        analyze("--profile", hot.toString(), "--calibration", calibration("rw.json", true).toString(),
                "--format", "json");
        JsonNode findings = new ObjectMapper().readTree(cli.out()).path("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("rule").asText()).isEqualTo("ReadMostlyExclusiveLock");
        assertThat(findings.get(0).path("properties").has("confidence")).isFalse();
        assertThat(findings.get(0).path("properties").path("evidence").path("verdict").asText()).isEqualTo("confirmed");

        cli.clear();
        Path quiet = profile("quiet.json", 50_000, 0, 100);
        analyze("--profile", quiet.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(cli.out()).path("findings")).isEmpty();
    }

    @Test
    void anotherCalibrationChangesTheAdviceOnTheSameEvidence() throws Exception {
        Path profile = profile("p.json", 4_000_000, 8_000_000_000L, 1_500);

        analyze("--profile", profile.toString(), "--calibration", calibration("opt.json", false).toString());

        assertThat(cli.out()).contains("Prices.java:6:").contains("Measured: optimistic-read-or-snapshot")
                .contains("measured (rank ");
        assertThat(cli.err()).contains("ReadMostlyExclusiveLock on io.acme.Prices.lock changed by the evidence"
                + " to optimistic-read-or-snapshot");
    }

    @Test
    void anUncontendedLockDropsTheFindingAndTextListsHotLocksLast() throws Exception {
        Path quiet = profile("quiet.json", 50_000, 0, 100);

        assertThat(analyze("--profile", quiet.toString())).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).doesNotContain("[ReadMostlyExclusiveLock]").contains("Measured hot, no static finding:")
                .containsPattern("src/io/acme/Clock\\.java:3:1: note: io\\.acme\\.Clock\\.tick measured hot \\(rank \\d+\\)");
        assertThat(cli.err()).contains("ReadMostlyExclusiveLock on io.acme.Prices.lock dropped by the evidence");
    }

    @Test
    void reportsOfSeveralJvmsMergeAndABadReportIsAUsageError() throws Exception {
        Path a = profile("a.json", 2_000_000, 4_000_000_000L, 1_500);
        Path b = profile("b.json", 2_000_000, 4_000_000_000L, 1_500);

        analyze("--profile", a.toString(), "--profile", b.toString(), "--format", "json");
        JsonNode finding = new ObjectMapper().readTree(cli.out()).path("findings").get(0);
        assertThat(finding.path("properties").path("evidence").path("acquisitions").asLong()).isEqualTo(4_000_000);
        assertThat(finding.path("rank").asInt()).isBetween(1, 100);

        assertThat(analyze("--profile", dir.resolve("missing.json").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--profile: no such profile report");
    }
}
