package io.lockopt.advice;

import java.util.Locale;

/** A calibration as a terminal table: the cost per operation per strategy, then the crossovers. */
public final class CalibrationTable {
    private CalibrationTable() {
    }

    public static String render(Calibration calibration) {
        StringBuilder text = new StringBuilder();
        text.append("Calibration (").append(calibration.machine()).append(")\n");
        text.append(String.format(Locale.ROOT, "%-8s %-8s %-10s", "THREADS", "WORK", "HOLD"));
        for (Strategy s : Strategy.values()) {
            text.append(String.format(Locale.ROOT, " %14s", s.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        text.append("   (thread time per operation)\n");
        for (Calibration.Point p : calibration.points()) {
            text.append(String.format(Locale.ROOT, "%-8d %-8d %-10s", p.threads(), p.work(),
                    Figures.nanos(p.holdNanos())));
            for (Strategy s : Strategy.values()) {
                text.append(String.format(Locale.ROOT, " %14s", Figures.nanos(p.nanosPerOp().get(s))));
            }
            text.append('\n');
        }
        text.append("Crossovers (the hold time from which the first beats the second)\n");
        for (Calibration.Crossover c : calibration.crossovers()) {
            text.append(String.format(Locale.ROOT, "  %d threads: %s over %s: %s%n", c.threads(),
                    c.better().description(), c.than().description(), c.fromHoldNanos() == null ? "never (in range)"
                            : c.fromHoldNanos() == 0 ? "always" : "from " + Figures.nanos(c.fromHoldNanos())));
        }
        return text.toString();
    }
}
