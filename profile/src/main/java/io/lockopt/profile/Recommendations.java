package io.lockopt.profile;

import java.util.ArrayList;
import java.util.List;

import io.lockopt.advice.Advice;
import io.lockopt.advice.AdviceModel;
import io.lockopt.advice.LockEvidence;
import io.lockopt.advice.ProfileEvidence;
import io.lockopt.advice.StaticFindings;
import io.lockopt.analyzer.engine.Finding;

/**
 * The report's recommendations: lock-order cycles, and per lock what the advice model
 * ({@code io.lockopt.advice}) says, with the static findings on the lock when sources were
 * given. A lock gets an entry when the model advises a change or the sources have findings on
 * it (then even "leave it" is news: the evidence overrules the finding).
 */
final class Recommendations {
    private Recommendations() {
    }

    /**
     * @param report the report so far (its locks and session are read through the one profile
     *               reader, {@link ProfileEvidence}); its recommendations are ignored
     */
    static List<ProfileReport.Recommendation> derive(ProfileReport report, AdviceModel model,
            StaticFindings findings) {
        List<ProfileReport.Recommendation> advice = new ArrayList<>();
        for (ProfileReport.Cycle cycle : report.lockOrder().cycles()) {
            advice.add(cycle(cycle));
        }
        List<LockEvidence> rows = ProfileEvidence.rows(ProfileEvidence.tree(report),
                Runtime.getRuntime().availableProcessors());
        for (LockEvidence row : rows) {
            List<Finding> onLock = findings.on(row.label());
            Advice answer = model.advise(row.withStaticRules(findings.rulesOn(row.label())));
            if (answer.action() == Advice.Action.LEAVE_IT && onLock.isEmpty()) {
                continue;
            }
            advice.add(new ProfileReport.Recommendation(answer.action().id(), row.label(), answer.message(),
                    answer.evidence(), answer.expectedGain(), answer.confidence(),
                    onLock.stream().map(f -> new ProfileReport.StaticFinding(f.ruleId(),
                            f.path() + ":" + f.region().line(), f.message())).toList()));
        }
        return advice;
    }

    private static ProfileReport.Recommendation cycle(ProfileReport.Cycle cycle) {
        List<String> evidence = new ArrayList<>();
        for (ProfileReport.Edge edge : cycle.edges()) {
            evidence.add(edge.from() + " -> " + edge.to() + " (" + edge.count() + "x, first at "
                    + (edge.site() == null ? "?" : edge.site()) + " by thread " + edge.thread() + ")");
        }
        return new ProfileReport.Recommendation("lock-order-cycle", String.join(" / ", cycle.locks()),
                "locks " + String.join(", ", cycle.locks()) + " are taken in circular order: a potential deadlock"
                        + " even though none happened; take them in one global order",
                evidence, null, null, List.of());
    }
}
