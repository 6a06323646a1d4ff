package io.lockopt.analyzer.spi;

/**
 * A check. Implementations are final classes annotated with {@link RuleInfo}, registered in
 * {@code META-INF/services/io.lockopt.analyzer.spi.Rule}, and implement exactly one of
 * {@link FileRule} or {@link ProjectRule}. Rules must be stateless and thread-safe: the engine
 * calls one instance from many worker threads.
 */
public sealed interface Rule permits FileRule, ProjectRule {

    /** The stable rule id: the simple class name. */
    default String id() {
        return getClass().getSimpleName();
    }

    default RuleInfo info() {
        RuleInfo info = getClass().getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(getClass().getName() + " lacks @RuleInfo");
        }
        return info;
    }

    /**
     * Which files this rule needs to see; files no enabled rule needs are not parsed. The default
     * suits rules about locks and monitors; project-wide rules that follow calls into
     * lock-free code widen it.
     */
    default Prescreen prescreen() {
        return Prescreen.CONCURRENCY;
    }
}
