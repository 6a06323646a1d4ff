package io.lockopt.advice;

import java.util.List;

/**
 * The model's answer for one lock: what to do, why (figures, not adjectives), what it should
 * gain and how sure the model is.
 *
 * @param action       what to do
 * @param lock         the lock's label
 * @param message      one sentence with the deciding figures
 * @param evidence     the figures behind it, one line each
 * @param expectedGain predicted throughput change of the lock's users
 * @param confidence   how sure, with the reason
 */
public record Advice(Action action, String lock, String message, List<String> evidence, Gain expectedGain,
        Confidence confidence) {

    public Advice {
        evidence = List.copyOf(evidence);
    }

    /** The recommendations the model chooses from. */
    public enum Action {
        LEAVE_IT("leave-it"),
        SHORTEN_CRITICAL_SECTION("shorten-critical-section"),
        READ_WRITE_LOCK("read-write-lock"),
        OPTIMISTIC_READ_OR_SNAPSHOT("optimistic-read-or-snapshot"),
        STRIPE_BY_KEY("stripe-by-key"),
        ATOMIC_OR_LONG_ADDER("atomic-or-longadder"),
        /** A read/write lock used mostly for writes: an exclusive lock costs less. */
        PLAIN_LOCK("plain-lock");

        private final String id;

        Action(String id) {
            this.id = id;
        }

        /** The id in reports ({@code read-write-lock}). */
        public String id() {
            return id;
        }
    }

    /**
     * Predicted throughput ratios (new / now; 1.0: no change) for the threads that read and those
     * that write under the lock, with how they were computed.
     */
    public record Gain(double readers, double writers, String basis) {
    }

    /** How sure: {@code high}, {@code medium} or {@code low}, and why. */
    public record Confidence(String level, String reason) {
    }
}
