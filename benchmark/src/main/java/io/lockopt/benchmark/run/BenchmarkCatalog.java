package io.lockopt.benchmark.run;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The bundled benchmarks, read from JMH's generated {@code META-INF/BenchmarkList} (the same
 * list the JMH runner uses, so what is listed is what can run).
 */
public final class BenchmarkCatalog {
    private final List<CatalogEntry> entries;

    private BenchmarkCatalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalog of the benchmarks on the class path. */
    public static BenchmarkCatalog load() {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT);
        List<CatalogEntry> entries = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(silent, List.of())) {
            Optional<Suite> suite = Suite.ofBenchmark(e.getUsername());
            if (suite.isEmpty()) {
                continue;
            }
            List<String> roles = roles(e);
            int threads = roles.isEmpty() ? e.getThreads().orElse(1) : Arrays.stream(e.getThreadGroups()).sum();
            Map<String, List<String>> params = new LinkedHashMap<>();
            if (e.getParams().hasValue()) {
                e.getParams().get().forEach((k, v) -> params.put(k, List.of(v)));
            }
            entries.add(new CatalogEntry(e.getUsername(), suite.get(), roles, threads, params));
        }
        entries.sort(Comparator.comparing((CatalogEntry c) -> c.suite().ordinal()).thenComparing(CatalogEntry::jmhName));
        return new BenchmarkCatalog(entries);
    }

    /**
     * The methods of a {@code @Group} benchmark; empty for a symmetric one. JMH's list names a
     * group's methods only when there are several, so a one-method group is recognised by its
     * {@code @Group} annotation.
     */
    private static List<String> roles(BenchmarkListEntry e) {
        if (e.getThreadGroupLabels().hasValue() && e.getThreadGroupLabels().get().size() > 1) {
            return List.copyOf(e.getThreadGroupLabels().get());
        }
        String name = e.getUsername().substring(e.getUserClassQName().length() + 1);
        try {
            return Arrays.stream(Class.forName(e.getUserClassQName()).getMethods())
                    .filter(m -> m.isAnnotationPresent(Group.class) && m.getAnnotation(Group.class).value().equals(name))
                    .map(Method::getName)
                    .sorted()
                    .toList();
        } catch (ClassNotFoundException notOnClassPath) {
            return List.of();
        }
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    /** The entries {@code settings} selects: its suites, narrowed by its include pattern. */
    public List<CatalogEntry> select(BenchSettings settings) {
        return entries.stream()
                .filter(e -> settings.suites().contains(e.suite()))
                .filter(e -> settings.include() == null
                        || settings.include().matcher(e.name()).find()
                        || settings.include().matcher(e.jmhName()).find())
                .toList();
    }

    /** The JMH runs {@code settings} needs; see {@link BenchmarkPlan}. */
    public BenchmarkPlan plan(BenchSettings settings) {
        return BenchmarkPlan.of(select(settings), settings);
    }
}
