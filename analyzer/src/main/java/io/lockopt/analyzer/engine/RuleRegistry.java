package io.lockopt.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import io.lockopt.analyzer.spi.Rule;

/** The known rules, by id: those registered for {@link ServiceLoader}, or an explicit list (tests). */
public final class RuleRegistry {
    private final Map<String, Rule> byId;

    private RuleRegistry(List<Rule> rules) {
        Map<String, Rule> map = new LinkedHashMap<>();
        rules.stream().sorted(Comparator.comparing(Rule::id)).forEach(rule -> {
            rule.info(); // fails early when a rule lacks its metadata
            Rule previous = map.putIfAbsent(rule.id(), rule);
            if (previous != null) {
                throw new IllegalStateException("two rules with id " + rule.id() + ": "
                        + previous.getClass().getName() + " and " + rule.getClass().getName());
            }
        });
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /** The rules registered in {@code META-INF/services/io.lockopt.analyzer.spi.Rule}. */
    public static RuleRegistry discover() {
        List<Rule> rules = new ArrayList<>();
        ServiceLoader.load(Rule.class, Rule.class.getClassLoader()).forEach(rules::add);
        return new RuleRegistry(rules);
    }

    public static RuleRegistry of(List<? extends Rule> rules) {
        return new RuleRegistry(List.copyOf(rules));
    }

    /** Every rule, sorted by id. */
    public List<Rule> rules() {
        return List.copyOf(byId.values());
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The rule's markdown page ({@code <RuleId>.md} next to its class), if it has one. */
    public static Optional<String> page(Rule rule) {
        try (InputStream in = rule.getClass().getResourceAsStream(rule.id() + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page of rule " + rule.id(), e);
        }
    }
}
