package io.lockopt.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
