package io.lockopt.benchmark.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.lockopt.benchmark.suites.BufferBenchmark;
import io.lockopt.benchmark.suites.CountersBenchmark;
import io.lockopt.benchmark.suites.KeyedBenchmark;
import io.lockopt.benchmark.suites.RealtimeBenchmark;
import io.lockopt.benchmark.suites.RwLockBenchmark;

/**
 * The bundled suites: each is one JMH class whose variants are the values of its {@code impl}
 * parameter, one of which is the regular-lock baseline that ratios are computed against.
 */
public enum Suite {
    COUNTERS(CountersBenchmark.class, "SYNCHRONIZED"),
    RWLOCK(RwLockBenchmark.class, "SYNCHRONIZED"),
    BUFFER(BufferBenchmark.class, "SYNCHRONIZED_DEQUE"),
    KEYED(KeyedBenchmark.class, "GLOBAL_LOCK"),
    REALTIME(RealtimeBenchmark.class, "EXCLUSIVE");

    /** The {@code @Param} that selects the implementation in every suite. */
    public static final String VARIANT_PARAM = "impl";

    private final Class<?> benchmarkClass;
    private final String baselineVariant;

    Suite(Class<?> benchmarkClass, String baselineVariant) {
        this.benchmarkClass = benchmarkClass;
        this.baselineVariant = baselineVariant;
    }

    /** The name used on the command line and in reports: {@code counters}, {@code rwlock}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String benchmarkClassName() {
        return benchmarkClass.getName();
    }

    public String baselineVariant() {
        return baselineVariant;
    }

    /** The suite a JMH benchmark name ({@code class.method}) belongs to. */
    public static Optional<Suite> ofBenchmark(String jmhName) {
        return Arrays.stream(values())
                .filter(s -> jmhName.startsWith(s.benchmarkClassName() + "."))
                .findFirst();
    }

    /** {@code rwlock.read} for {@code io.lockopt.benchmark.suites.RwLockBenchmark.read}. */
    public static String shortName(String jmhName) {
        return ofBenchmark(jmhName)
                .map(s -> s.id() + jmhName.substring(s.benchmarkClassName().length()))
                .orElse(jmhName);
    }

    public static Optional<Suite> ofId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
