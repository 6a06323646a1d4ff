package io.lockopt.benchmark.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A score with its error: JMH's half-width of the 99.9% confidence interval, absent when JMH
 * could not compute one (a single measurement iteration).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metric(double score, Double error, String unit) {

    public static Metric of(double score, double error, String unit) {
        return new Metric(score, Double.isFinite(error) ? error : null, unit);
    }

    @JsonIgnore
    public boolean hasError() {
        return error != null;
    }

    @JsonIgnore
    public double low() {
        return hasError() ? score - error : score;
    }

    @JsonIgnore
    public double high() {
        return hasError() ? score + error : score;
    }

    /** The error is more than a third of the score: the number says little. */
    @JsonIgnore
    public boolean isNoisy() {
        return hasError() && error > Math.abs(score) / 3;
    }
}
