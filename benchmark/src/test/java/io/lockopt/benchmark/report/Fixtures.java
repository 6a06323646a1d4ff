package io.lockopt.benchmark.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.lockopt.benchmark.run.BenchmarkCatalog;
import io.lockopt.benchmark.run.CatalogEntry;

/** The committed JMH result files under {@code src/test/resources/fixtures}. */
final class Fixtures {
    static final Function<String, Set<String>> ROLES = rolesFromCatalog();

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report over a fixture, as a run would build it. */
    static BenchReport report(String name, int cpus) {
        try {
            var results = new JmhResultReader(ROLES).read(ReportJson.parse(text(name)));
            return BenchReport.of("2026-11-28T05:00:00Z", "2026-11-28T05:01:00Z", true,
                    new Environment(cpus, "17.0.15 (Debian)", "OpenJDK 64-Bit Server VM", "Linux 6.1 amd64", 1.5),
                    Map.of("profile", "quick"), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Function<String, Set<String>> rolesFromCatalog() {
        Map<String, Set<String>> roles = BenchmarkCatalog.load().entries().stream()
                .collect(Collectors.toMap(CatalogEntry::jmhName, e -> Set.copyOf(e.roles())));
        return name -> roles.getOrDefault(name, Set.of());
    }
}
