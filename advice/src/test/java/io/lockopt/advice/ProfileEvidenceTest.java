package io.lockopt.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileEvidenceTest {
    /** A report as lockopt profile --json writes it (fields not read here left out). */
    private static String report(long duration, long acquisitions, long waitTotal, long holdP50) {
        return """
                {"schema":"lockopt-profile/1",
                 "session":{"durationNanos":%d,"attachNanos":1000000000,"timeToFirstDataNanos":3000000000},
                 "locks":[
                  {"label":"com.acme.Market.lock","kind":"ReentrantLock","acquisitions":%d,"contended":10,
                   "reads":0,"writes":0,"readShare":null,"readOnlySectionShare":0.9,
                   "waitTime":{"totalNanos":%d,"p99Nanos":5000000},
                   "holdTime":{"totalNanos":1000000,"p50Nanos":%d,"p99Nanos":900},
                   "sites":[{"site":"com.acme.Market.bars:12","holds":900,"waits":0},
                            {"site":"com.acme.Market.tick:30","holds":100,"waits":10}]},
                  {"label":"com.acme.Market.book","kind":"ReentrantReadWriteLock","acquisitions":100,"contended":0,
                   "reads":75,"writes":25,"readShare":0.75,"readOnlySectionShare":null,
                   "waitTime":{"totalNanos":0,"p99Nanos":0},"holdTime":{"totalNanos":100,"p50Nanos":10,"p99Nanos":20},
                   "sites":[]}
                 ]}
                """.formatted(duration, acquisitions, waitTotal, holdP50);
    }

    @Test
    void readsTheMeasuredFiguresAndLeavesOutTheInstrumentationTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, report(12_000_000_000L, 1_000, 2_000_000, 200));

        List<LockEvidence> locks = ProfileEvidence.read(List.of(file), 2);

        assertThat(locks).extracting(LockEvidence::label).containsExactly("com.acme.Market.lock", "com.acme.Market.book");
        LockEvidence market = locks.get(0);
        assertThat(market.activeNanos()).isEqualTo(10_000_000_000L);
        assertThat(market.readShare()).isEqualTo(0.9);
        assertThat(market.location()).isEqualTo("com.acme.Market.bars:12");
        assertThat(market.holdP50Nanos()).isEqualTo(200);
        assertThat(locks.get(1).readShare()).isEqualTo(0.75);
        assertThat(locks.get(1).readShareBasis()).contains("75 read-side, 25 write-side");
    }

    @Test
    void mergesReportsOfSeveralJvmsByLabel(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, report(12_000_000_000L, 1_000, 2_000_000, 100));
        Files.writeString(b, report(7_000_000_000L, 3_000, 1_000_000, 300));

        LockEvidence market = ProfileEvidence.read(List.of(a, b), 2).get(0);

        assertThat(market.acquisitions()).isEqualTo(4_000);
        assertThat(market.waitTotalNanos()).isEqualTo(3_000_000);
        assertThat(market.activeNanos()).as("the measured times add up").isEqualTo(15_000_000_000L);
        assertThat(market.holdP50Nanos()).as("weighted by acquisitions").isEqualTo(250);
    }

    /** One lock's row with its whole histograms, as lockopt profile --json writes them. */
    private static String reportWithHistograms(Histogram waits, Histogram holds) {
        return """
                {"schema":"lockopt-profile/1","session":{"durationNanos":10000000000},
                 "locks":[{"label":"com.acme.Market.lock","kind":"ReentrantLock","acquisitions":%d,"contended":%d,
                   "reads":0,"writes":0,"sites":[],
                   "waitTime":{"count":%d,"totalNanos":1,"p99Nanos":%d,"histogram":"%s"},
                   "holdTime":{"count":%d,"totalNanos":1,"p50Nanos":%d,"p99Nanos":%d,"histogram":"%s"}}]}
                """.formatted(holds.getTotalCount(), waits.getTotalCount(), waits.getTotalCount(),
                waits.getValueAtPercentile(99), encoded(waits), holds.getTotalCount(), holds.getValueAtPercentile(50),
                holds.getValueAtPercentile(99), encoded(holds));
    }

    @Test
    void mergesTheHistogramsOfSeveralReportsNotTheirPercentiles(@TempDir Path dir) throws Exception {
        // a: 1,000 holds of 100 ns, 100 waits of 1 µs; b: 3,000 holds of 200 ns, one wait of 200 µs.
        Histogram aHolds = histogram(1_000, 100);
        Histogram bHolds = histogram(3_000, 200);
        Histogram aWaits = histogram(100, 1_000);
        Histogram bWaits = histogram(1, 200_000);
        Path a = Files.writeString(dir.resolve("a.json"), reportWithHistograms(aWaits, aHolds));
        Path b = Files.writeString(dir.resolve("b.json"), reportWithHistograms(bWaits, bHolds));

        LockEvidence market = ProfileEvidence.read(List.of(a, b), 2).get(0);

        Histogram allHolds = aHolds.copy();
        allHolds.add(bHolds);
        Histogram allWaits = aWaits.copy();
        allWaits.add(bWaits);
        assertThat(market.holdP50Nanos()).as("not the weighted mean of the medians, 175")
                .isEqualTo(allHolds.getValueAtPercentile(50)).isEqualTo(200);
        assertThat(market.waitP99Nanos()).as("not the larger p99, b's 200 µs")
                .isEqualTo(allWaits.getValueAtPercentile(99)).isLessThan(2_000);
        assertThat(market.holdP99Nanos()).isEqualTo(allHolds.getValueAtPercentile(99));
    }

    private static Histogram histogram(int count, long value) {
        Histogram histogram = new Histogram(2);
        histogram.recordValueWithCount(value, count);
        return histogram;
    }

    private static String encoded(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** One JVM's profile twice (a copy, or inside a merged report) would count twice: refused, naming both files. */
    @Test
    void oneJvmsProfileGivenTwiceIsRefused(@TempDir Path dir) throws Exception {
        String named = report(12_000_000_000L, 1_000, 2_000_000, 100).replaceFirst("\\{\"schema\":\"lockopt-profile/1\",",
                "{\"schema\":\"lockopt-profile/1\",\"target\":{\"pid\":101,\"mainClass\":\"com.acme.Main\"},")
                .replace("\"session\":{", "\"session\":{\"startedAt\":\"2026-12-07T08:00:00Z\",");
        Path a = Files.writeString(dir.resolve("a.json"), named);
        Path copy = Files.writeString(dir.resolve("copy.json"), named);
        Path other = Files.writeString(dir.resolve("other.json"), named.replace("\"pid\":101", "\"pid\":202"));
        assertThat(ProfileEvidence.read(List.of(a, other), 2)).isNotEmpty();
        assertThatThrownBy(() -> ProfileEvidence.read(List.of(a, copy), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(a + " and " + copy + " both hold the profile of pid 101 started at 2026-12-07T08:00:00Z,"
                        + " which would count twice; give it once");
        Path merged = Files.writeString(dir.resolve("all.json"), named.replace("\"target\":{\"pid\":101,\"mainClass\":\"com.acme.Main\"},",
                "\"target\":null,\"sources\":[{\"file\":\"a.json\",\"pid\":101,\"mainClass\":\"com.acme.Main\","
                        + "\"startedAt\":\"2026-12-07T08:00:00Z\",\"durationNanos\":12000000000}],"));
        assertThatThrownBy(() -> ProfileEvidence.read(List.of(merged, a), 2))
                .hasMessageStartingWith(merged + " and " + a + " both hold the profile of pid 101");
    }

    @Test
    void rejectsWhatIsNotAProfileReport(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("cal.json");
        Files.writeString(other, "{\"format\":1}");

        assertThatThrownBy(() -> ProfileEvidence.read(List.of(other), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a lockopt profile report");
        assertThatThrownBy(() -> ProfileEvidence.read(List.of(dir.resolve("none.json")), 2))
                .hasMessageContaining("no such profile report");
    }
}
