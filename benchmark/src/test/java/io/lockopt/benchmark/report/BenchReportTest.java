package io.lockopt.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchResult find(BenchReport report, String benchmark, int threads, String variant) {
        return report.results().stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.threads() == threads && r.variant().equals(variant))
                .findFirst().orElseThrow();
    }

    @Test
    void readsJmhJsonIntoResults() {
        BenchReport report = Fixtures.report("rwlock-old.jmh.json", 2);

        assertThat(report.results()).hasSize(9);
        BenchResult sync = find(report, "rwlock.read", 1, "SYNCHRONIZED");
        assertThat(sync.suite()).isEqualTo("rwlock");
        assertThat(sync.mode()).isEqualTo("thrpt");
        assertThat(sync.params()).containsEntry("work", "0");
        assertThat(sync.score()).isEqualTo(new Metric(60.0, 2.0, "ops/us"));
        assertThat(sync.roles()).isEmpty();
        assertThat(sync.counters()).containsOnlyKeys("reads", "optimisticRetries");
    }

    @Test
    void splitsGroupSecondariesIntoRolesAndCounters() {
        BenchResult group = find(Fixtures.report("rwlock-old.jmh.json", 2), "rwlock.writerReaders", 4,
                "STAMPED_LOCK_OPTIMISTIC");

        assertThat(group.roles()).containsOnlyKeys("writer", "reader");
        assertThat(group.roles().get("writer").score()).isEqualTo(2.0);
        assertThat(group.roles().get("reader").score()).isEqualTo(398.0);
        assertThat(group.counters().get("optimisticRetries").score()).isEqualTo(40.0);
    }

    @Test
    void ratiosAreAgainstTheBaselineWithTheSameThreadsAndParams() {
        BenchReport report = Fixtures.report("rwlock-old.jmh.json", 2);

        assertThat(report.baselines()).containsEntry("rwlock", "SYNCHRONIZED");
        assertThat(find(report, "rwlock.read", 1, "SYNCHRONIZED").speedup()).isEqualTo(1.0);
        assertThat(find(report, "rwlock.read", 1, "STAMPED_LOCK_OPTIMISTIC").speedup()).isCloseTo(10.0, within(1e-9));
        assertThat(find(report, "rwlock.read", 1, "LOCKOPT").speedup()).isCloseTo(0.5, within(1e-9));
        assertThat(find(report, "rwlock.read", 2, "STAMPED_LOCK_OPTIMISTIC").speedup()).isCloseTo(25.0, within(1e-9));
        assertThat(find(report, "rwlock.writerReaders", 4, "LOCKOPT").speedup()).isCloseTo(5.0 / 76.0, within(1e-9));
    }

    @Test
    void missingErrorIsKeptAsUnknown() {
        BenchResult lockopt = find(Fixtures.report("rwlock-old.jmh.json", 2), "rwlock.read", 2, "LOCKOPT");

        assertThat(lockopt.score().hasError()).isFalse();
        assertThat(lockopt.score().error()).isNull();
    }

    @Test
    void jsonRoundTripKeepsEverything() throws Exception {
        BenchReport report = Fixtures.report("rwlock-old.jmh.json", 2);
        StringWriter json = new StringWriter();
        ReportJson.write(report, json);

        BenchReport back = ReportJson.readAny(json.toString(), Fixtures.ROLES);

        assertThat(back).isEqualTo(report);
        assertThat(json.toString()).contains("\"loadAverage\" : 1.5", "\"cpus\" : 2", "\"complete\" : true",
                "\"speedup\" : 10.0");
    }

    @Test
    void readsJmhJsonWhereAReportIsExpected() throws Exception {
        BenchReport fromJmh = ReportJson.readAny(Fixtures.text("rwlock-new.jmh.json"), Fixtures.ROLES);

        assertThat(fromJmh.results()).hasSize(9);
        assertThat(fromJmh.environment().loadAverage()).isNegative();
    }

    @Test
    void rejectsJsonOfAnotherKind() {
        assertThatThrownBy(() -> ReportJson.readAny("{\"findings\": []}", Fixtures.ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an object without 'format' and 'results'");
        assertThatThrownBy(() -> ReportJson.readAny("[{\"mode\": \"thrpt\"}]", Fixtures.ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'benchmark'");
    }

    @Test
    void tableShowsScoresRatiosRolesAndWarnings() {
        String table = ReportTable.render(Fixtures.report("rwlock-old.jmh.json", 2));

        assertThat(table).contains("benchmark", "variant", "threads", "score ± error", "unit", "vs baseline");
        assertThat(table).containsPattern("rwlock\\.read\\s+STAMPED_LOCK_OPTIMISTIC \\(work=0\\)\\s+1\\s+600 ± 20\\.0\\s+ops/us\\s+10\\.00x");
        assertThat(table).containsPattern("rwlock\\.read\\s+LOCKOPT \\(work=0\\)\\s+2\\s+7\\.00 ± \\?");
        // 40 of 398 reads were retried: 10.05%.
        assertThat(table).contains("reader 398, writer 2.00, optimisticRetries 10.05%");
        assertThat(table).containsPattern("SYNCHRONIZED \\(work=0\\)\\s+1 .*optimisticRetries 0.00%");
        // 4 threads on 2 CPUs, and 500 ± 400.
        assertThat(table).containsPattern("writerReaders\\s+SYNCHRONIZED \\(work=0\\)\\s+4†");
        assertThat(table).containsPattern("STAMPED_LOCK_OPTIMISTIC \\(work=0\\)\\s+2\\*\\s+500 ± 400");
        assertThat(table).contains("† warning: more threads than the 2 CPUs", "* warning: the error is more than a third");
        assertThat(table).doesNotContain("INCOMPLETE");
    }

    @Test
    void tableHasNoOversubscriptionWarningWithEnoughCpus() {
        assertThat(ReportTable.render(Fixtures.report("rwlock-old.jmh.json", 8))).doesNotContain("†");
    }
}
