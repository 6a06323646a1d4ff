package io.lockopt.analyzer.engine.testrules;

import java.util.List;

import io.lockopt.analyzer.engine.ActiveRule;
import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.spi.Rule;

/** The engine tests' rules, independent of the real rule set. */
public final class TestRules {
    private TestRules() {
    }

    public static RuleRegistry registry() {
        return RuleRegistry.of(List.of(new FlagSynchronizedBlock(), new FlagThreadSleep(), new FailOnMarker(),
                new SameSimpleClassName()));
    }

    public static List<ActiveRule> active() {
        return registry().rules().stream().map(TestRules::active).toList();
    }

    public static ActiveRule active(Rule rule) {
        return new ActiveRule(rule, rule.info().severity());
    }
}
