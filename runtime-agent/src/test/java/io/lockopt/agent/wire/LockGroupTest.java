package io.lockopt.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LockGroupTest {
    private static final String RW = "java.util.concurrent.locks.ReentrantReadWriteLock";

    @Test
    void sumsALockAndItsSidesOnceWithTheirHistogramsMerged() {
        // The read side waited 1..99 µs, the write side 1,000..1,009 µs: the group's p99 lies in the
        // write side's range, which neither side's own p99 (nor their largest) would give.
        Histogram readWaits = histogram(2, LongStream.rangeClosed(1, 99).map(us -> us * 1_000).toArray());
        Histogram writeWaits = histogram(2, LongStream.rangeClosed(1_000, 1_009).map(us -> us * 1_000).toArray());
        Snapshot snapshot = snapshot(lock(4, -1, LockMode.EXCLUSIVE, "a.B.rw", 0, 0, null, null),
                lock(5, 4, LockMode.READ, null, 99, 99, readWaits, null),
                lock(6, 4, LockMode.WRITE, null, 10, 10, writeWaits, null),
                lock(7, -1, LockMode.EXCLUSIVE, "a.B.other", 3, 0, null, null));

        List<LockGroup> groups = LockGroup.of(snapshot);

        assertThat(groups).extracting(LockGroup::id).containsExactly(4, 7);
        LockGroup rw = groups.get(0);
        assertThat(rw.members()).extracting(Snapshot.LockStats::id).containsExactly(4, 5, 6);
        assertThat(rw.acquisitions()).isEqualTo(109);
        assertThat(rw.contended()).isEqualTo(109);
        assertThat(rw.waitNanos()).isEqualTo(109 * 1_000L);
        assertThat(rw.waits().getTotalCount()).isEqualTo(109);
        assertThat(rw.waits().getValueAtPercentile(99))
                .isGreaterThan(Math.max(readWaits.getValueAtPercentile(99), 99_000))
                .isEqualTo(histogram(2, concat(readWaits, writeWaits)).getValueAtPercentile(99));
        assertThat(rw.holds()).isNull();
        assertThat(readWaits.getTotalCount()).as("the snapshot's own histograms are not written").isEqualTo(99);
        assertThat(LockGroup.find(snapshot, 4)).usingRecursiveComparison().ignoringFields("waits")
                .isEqualTo(rw);
    }

    @Test
    void aGroupWhoseHeadIsMissingIsItsViewsTogether() {
        Snapshot snapshot = snapshot(lock(5, 4, LockMode.READ, "a.B.rw", 2, 0, null, null),
                lock(6, 4, LockMode.WRITE, null, 3, 1, null, null));

        LockGroup group = LockGroup.find(snapshot, 5);

        assertThat(group.id()).isEqualTo(5);
        assertThat(group.head()).isNull();
        assertThat(group.acquisitions()).isEqualTo(5);
        assertThat(group.identity().id()).isEqualTo(5);
        assertThat(LockGroup.of(snapshot)).singleElement().extracting(LockGroup::acquisitions).isEqualTo(5L);
        assertThat(LockGroup.find(snapshot, 99)).isNull();
    }

    @Test
    void mergesIntoTheMostPreciseHistogram() {
        Histogram coarse = histogram(2, 1_234_567);
        Histogram fine = histogram(4, 7_654_321);

        Histogram merged = LockGroup.merged(List.of(coarse, fine));

        assertThat(merged.getNumberOfSignificantValueDigits()).isEqualTo(4);
        assertThat(merged.getTotalCount()).isEqualTo(2);
        assertThat(merged.getMaxValue()).isEqualTo(fine.getMaxValue());
        assertThat(LockGroup.merged(List.of())).isNull();
    }

    private static long[] concat(Histogram a, Histogram b) {
        Histogram both = a.copy();
        both.add(b);
        List<Long> values = new java.util.ArrayList<>();
        both.recordedValues().forEach(v -> {
            for (long i = 0; i < v.getCountAtValueIteratedTo(); i++) {
                values.add(v.getValueIteratedTo());
            }
        });
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static Histogram histogram(int digits, long... values) {
        Histogram histogram = new Histogram(digits);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private static Snapshot snapshot(Snapshot.LockStats... locks) {
        return new Snapshot("s", 1, false, null, 0, 0, 1L, new Snapshot.Counters(1, 0, 0, 0, 0, 0), List.of(),
                List.of(locks), List.of());
    }

    private static Snapshot.LockStats lock(int id, int owner, LockMode mode, String label, long acquisitions,
            long contended, Histogram waits, Histogram holds) {
        long waitNanos = waits == null ? 0 : waits.getTotalCount() * 1_000;
        return new Snapshot.LockStats(id, owner, LockKind.REENTRANT_READ_WRITE_LOCK, mode, RW, id, label,
                label == null ? null : "field", acquisitions, contended, mode == LockMode.READ ? acquisitions : 0,
                mode == LockMode.WRITE ? acquisitions : 0, 0, 0, 0, waitNanos, holds, waits, List.of(), List.of(),
                List.of(), List.of());
    }
}
