package io.lockopt.analyzer.facts;

import java.util.ArrayList;
import java.util.List;

import io.lockopt.analyzer.spi.Confidence;
import io.lockopt.analyzer.spi.Reporter;
import io.lockopt.analyzer.spi.SourceFile;

/**
 * A write of a field that a rule will report, with the confidence the rule gave it. A rule that
 * finds one field written wrongly in several places reports it once (a reviewer reads one
 * finding, not four for the four branches that assign it): at the {@link #primary first write of
 * the highest confidence}, the others as {@link #others related places}.
 */
public record RatedWrite(FieldAccess access, Confidence confidence) {

    /** The first high-confidence write, else the first. */
    public static RatedWrite primary(List<RatedWrite> writes) {
        return writes.stream().filter(w -> w.confidence() == Confidence.HIGH).findFirst().orElse(writes.get(0));
    }

    /** Every write but {@code primary}, each as a related place with {@code label}. */
    public static List<Reporter.RelatedLocation> others(SourceFile file, RatedWrite primary, List<RatedWrite> writes,
            String label) {
        List<Reporter.RelatedLocation> related = new ArrayList<>();
        for (RatedWrite other : writes) {
            if (other != primary) {
                related.add(new Reporter.RelatedLocation(file, other.access().effect(), label));
            }
        }
        return related;
    }
}
