package io.lockopt.benchmark.run;

import java.util.List;
import java.util.Map;

/**
 * One benchmark of the bundled suites as JMH's generated list describes it.
 *
 * @param jmhName       {@code class.method} (for a group: {@code class.group})
 * @param suite         the suite it belongs to
 * @param roles         method names of a group's roles, empty for a symmetric benchmark
 * @param threads       threads it runs with by default (a group: the sum of its roles)
 * @param params        every {@code @Param} with its values, in declaration order
 */
public record CatalogEntry(String jmhName, Suite suite, List<String> roles, int threads,
        Map<String, List<String>> params) {

    public CatalogEntry {
        roles = List.copyOf(roles);
        params = Map.copyOf(params);
    }

    /** {@code rwlock.read}. */
    public String name() {
        return Suite.shortName(jmhName);
    }

    /** Asymmetric benchmarks have a fixed shape, so a thread sweep leaves them as they are. */
    public boolean isGroup() {
        return !roles.isEmpty();
    }

    /** Parameter combinations JMH will run, honouring {@code overrides}. */
    public int combinations(Map<String, List<String>> overrides) {
        int n = 1;
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            n *= overrides.getOrDefault(p.getKey(), p.getValue()).size();
        }
        return n;
    }
}
