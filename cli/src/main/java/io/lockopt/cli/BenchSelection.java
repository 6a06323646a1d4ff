package io.lockopt.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.lockopt.benchmark.run.BenchSettings;
import io.lockopt.benchmark.run.CatalogEntry;
import io.lockopt.benchmark.run.RunProfile;
import io.lockopt.benchmark.run.Suite;
import picocli.CommandLine.Option;

/** {@code lockopt bench}'s options that choose what runs and how long: suites, benchmarks, parameters, profile. */
final class BenchSelection {
    @Option(names = "--suite", paramLabel = "SUITE", split = ",",
            description = "counters, rwlock, buffer, keyed, realtime or all (repeatable; default: all).")
    List<String> suites = new ArrayList<>();

    @Option(names = "--quick",
            description = "1 fork, 1 warm-up and 3 measurement iterations of under a second: a first look "
                    + "(all suites in under 5 minutes on 2 cores). Default: the standard profile, "
                    + "2 forks x (3 warm-up + 5 measurement) x 1 s.")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N", split = ",",
            description = "Thread counts to sweep, e.g. 1,2,4: one run per count for the symmetric benchmarks "
                    + "(asymmetric reader/writer groups keep their shape).")
    List<Integer> threads = new ArrayList<>();

    @Option(names = "--forks", paramLabel = "N", description = "JVM forks per variant (default: the profile's).")
    Integer forks;

    @Option(names = "--benchmark", paramLabel = "REGEX",
            description = "Only benchmarks whose name (e.g. rwlock.read) matches REGEX.")
    String benchmark;

    @Option(names = "--param", paramLabel = "NAME=V1,V2",
            description = "Override a JMH parameter for every selected benchmark, e.g. impl=LOCKOPT,SYNCHRONIZED "
                    + "or work=0,100 (Blackhole.consumeCPU tokens inside critical sections). Repeatable.")
    List<String> paramOptions = new ArrayList<>();

    @Option(names = "--iteration-time", paramLabel = "DURATION",
            description = "Length of each warm-up and measurement iteration (e.g. 200ms), overriding the profile.")
    Duration iterationTime;

    /** The benchmarks and run profile these options choose. */
    BenchSettings settings() {
        Set<Suite> selected = EnumSet.noneOf(Suite.class);
        for (String name : suites) {
            String id = name.strip().toLowerCase(Locale.ROOT);
            if (id.equals("all")) {
                selected.addAll(EnumSet.allOf(Suite.class));
            } else {
                selected.add(Suite.ofId(id).orElseThrow(() -> new UserInputException("unknown --suite '" + name
                        + "' (choose from counters, rwlock, buffer, keyed, realtime, all)")));
            }
        }
        if (selected.isEmpty()) {
            selected = EnumSet.allOf(Suite.class);
        }
        BenchSettings settings = BenchSettings.of(selected, quick ? RunProfile.QUICK : RunProfile.STANDARD);
        if (forks != null) {
            if (forks < 1) {
                throw new UserInputException("--forks must be at least 1, got " + forks);
            }
            settings = settings.withForks(forks);
        }
        for (int t : threads) {
            if (t < 1) {
                throw new UserInputException("--threads must be at least 1, got " + t);
            }
        }
        settings = settings.withThreads(threads.stream().distinct().sorted().toList());
        if (benchmark != null) {
            try {
                settings = settings.withInclude(Pattern.compile(benchmark));
            } catch (PatternSyntaxException e) {
                throw new UserInputException("--benchmark is not a valid regular expression: " + e.getDescription());
            }
        }
        Map<String, List<String>> overrides = new LinkedHashMap<>();
        params().forEach((name, values) -> {
            List<String> list = List.of(values.split(",")).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
            if (name.isBlank() || list.isEmpty()) {
                throw new UserInputException("--param needs NAME=VALUE[,VALUE...], got '" + name + "=" + values + "'");
            }
            overrides.put(name.strip(), list);
        });
        settings = settings.withParams(overrides);
        if (iterationTime != null) {
            settings = settings.withIterations(settings.warmupIterations(), settings.measurementIterations(), iterationTime);
        }
        return settings;
    }

    /**
     * The values of each --param by name. One name given twice is refused: as a map option the
     * second replaced the first without a word, so {@code --param impl=A --param impl=B} ran B alone.
     */
    private Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        for (String option : paramOptions) {
            int equals = option.indexOf('=');
            String name = equals < 0 ? option : option.substring(0, equals);
            String values = equals < 0 ? "" : option.substring(equals + 1);
            String earlier = params.putIfAbsent(name, values);
            if (earlier != null) {
                throw new UserInputException("--param " + name.strip() + " is given twice (" + name + "=" + earlier
                        + " and " + option + "); give its values once: --param " + name.strip() + "=" + earlier + ","
                        + values);
            }
        }
        return params;
    }

    /** A parameter must exist in the selected benchmarks; an enum's values must be among its constants. */
    void validateParams(List<CatalogEntry> selected) {
        for (Map.Entry<String, String> p : params().entrySet()) {
            String name = p.getKey().strip();
            List<CatalogEntry> having = selected.stream().filter(e -> e.params().containsKey(name)).toList();
            if (having.isEmpty()) {
                throw new UserInputException("--param " + name + ": no selected benchmark has a parameter '" + name + "'");
            }
            for (CatalogEntry e : having) {
                List<String> known = e.params().get(name);
                boolean numeric = known.stream().allMatch(v -> v.matches("-?\\d+"));
                for (String v : p.getValue().split(",")) {
                    String value = v.strip();
                    if (numeric ? !value.matches("-?\\d+") : !known.contains(value)) {
                        throw new UserInputException("--param " + name + "=" + value + " does not fit " + e.name()
                                + (numeric ? " (a whole number)" : " (values: " + String.join(", ", known) + ")"));
                    }
                }
            }
        }
    }

    /** Whether any option that picks benchmarks was given (the calibration sweep picks its own). */
    boolean choosesBenchmarks() {
        return !suites.isEmpty() || benchmark != null || !paramOptions.isEmpty() || !threads.isEmpty();
    }
}
