package io.lockopt.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static String html(BenchReport report) throws Exception {
        StringWriter out = new StringWriter();
        HtmlReport.write(report, out);
        return out.toString();
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void oneBarChartPerSuite() throws Exception {
        BenchReport rwlock = Fixtures.report("rwlock-old.jmh.json", 2);
        List<BenchResult> results = new ArrayList<>(rwlock.results());
        results.add(new BenchResult("counters.increment", "io.lockopt.benchmark.suites.CountersBenchmark.increment",
                "counters", "thrpt", 2, Map.of("impl", "SYNCHRONIZED"), new Metric(30, 3.0, "ops/us"),
                Map.of(), Map.of(), null));
        BenchReport twoSuites = BenchReport.of("a", "b", true, rwlock.environment(), rwlock.settings(), results);

        String page = html(twoSuites);

        assertThat(count(page, "<svg class=\"suite-chart\"")).isEqualTo(2);
        assertThat(page).contains("data-suite=\"rwlock\"", "data-suite=\"counters\"");
        // Every rwlock result is a bar with an error bar where it has an error.
        assertThat(count(page, "<rect ")).isEqualTo(10);
        assertThat(count(page, "class=\"error-bar\"")).isEqualTo(9);
        assertThat(page).contains("10.00x", "Baseline: <code>SYNCHRONIZED</code>");
    }

    @Test
    void threadScalingChartWhenASweepRan() throws Exception {
        String page = html(Fixtures.report("rwlock-old.jmh.json", 2));

        // rwlock.read ran at 1 and 2 threads; writerReaders only at 4, so it is not plotted.
        assertThat(count(page, "<svg class=\"scaling-chart\"")).isEqualTo(1);
        assertThat(page).contains("thread scaling: rwlock.read  work=0");
        assertThat(page).doesNotContain("thread scaling: rwlock.writerReaders");
    }

    @Test
    void selfContainedWithoutNetworkRequests() throws Exception {
        String page = html(Fixtures.report("rwlock-old.jmh.json", 2));

        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=");
        assertThat(page).doesNotContainPattern("(?i)url\\(|@import|<script|<link|<img|<iframe");
        Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9]").matcher(page);
        List<String> found = new ArrayList<>();
        while (urls.find()) {
            found.add(urls.group());
        }
        assertThat(found).isEmpty();
    }

    @Test
    void marksAnIncompleteRun() throws Exception {
        BenchReport done = Fixtures.report("rwlock-old.jmh.json", 2);
        BenchReport interrupted = BenchReport.of("a", "b", false, done.environment(), done.settings(), done.results());

        assertThat(html(interrupted)).contains("Incomplete:");
        assertThat(html(done)).doesNotContain("Incomplete:");
    }

    @Test
    void escapesText() {
        assertThat(HtmlReport.escape("<a & \"b\">")).isEqualTo("&lt;a &amp; &quot;b&quot;&gt;");
    }
}
