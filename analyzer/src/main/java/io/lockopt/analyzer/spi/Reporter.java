package io.lockopt.analyzer.spi;

import java.util.List;
import java.util.Map;

import com.github.javaparser.ast.Node;

/**
 * Where a rule reports findings. The engine derives location, enclosing type and member,
 * fingerprint, suppression and baseline status from the node; the rule states only what
 * is wrong and what to do.
 */
public interface Reporter {

    /**
     * Reports a finding at {@code at}, the smallest node that shows the problem.
     *
     * @param related    other places that explain the finding (the other side of an inversion)
     * @param properties machine-readable extras, e.g. {@code "lock" -> "io.acme.OrderBook.lock"}
     */
    void report(SourceFile file, Node at, String message, List<RelatedLocation> related,
            Map<String, String> properties, Confidence confidence);

    /** Reports a finding of {@link Confidence#HIGH} confidence. */
    default void report(SourceFile file, Node at, String message, List<RelatedLocation> related,
            Map<String, String> properties) {
        report(file, at, message, related, properties, Confidence.HIGH);
    }

    default void report(SourceFile file, Node at, String message) {
        report(file, at, message, List.of(), Map.of());
    }

    /**
     * The confidence a finding reported at {@code at} would get: the engine lowers findings in
     * test-support and deprecated code. For rules that decide one finding by another's.
     */
    default Confidence effectiveConfidence(SourceFile file, Node at, Confidence confidence) {
        return confidence;
    }

    /** Another place that belongs to a finding. */
    record RelatedLocation(SourceFile file, Node node, String message) {
    }
}
