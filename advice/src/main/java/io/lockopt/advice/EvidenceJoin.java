package io.lockopt.advice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.Location;
import io.lockopt.analyzer.engine.Region;
import io.lockopt.analyzer.engine.report.Measurements;

/**
 * {@code lockopt analyze --profile}: joins a scan's findings to what profiles measured about
 * the locks they name ({@code properties.lock} = the profile's label). A finding on a measured
 * lock gains its evidence and a rank from the lock's cost; {@code ReadMostlyExclusiveLock} is
 * confirmed, changed or dropped by what the model advises on the evidence; measured locks that
 * are hot but named by no finding are listed with their source location (those whose class is
 * not in the scanned sources only as a note).
 */
public final class EvidenceJoin {
    /** A lock is "measured hot" when the model advises a change or its waits take this share of thread time. */
    static final double HOT_WAIT_SHARE = 0.01;
    /** At most this many hot locks without a finding are listed. */
    static final int MAX_HOT_LOCKS = 10;

    private EvidenceJoin() {
    }

    /**
     * The scan's result with the evidence joined in.
     *
     * @param result       the findings as reported (after suppressions, baseline, changed lines)
     * @param measurements what was measured, changed, dropped; for the writers
     * @param notes        one line per finding the evidence changed or dropped, for stderr
     */
    public record Joined(AnalysisResult result, Measurements measurements, List<String> notes) {
    }

    /**
     * @param roots where the scan looked: the source files of hot locks are found there
     */
    public static Joined join(AnalysisResult result, List<LockEvidence> measured, AdviceModel model, List<Path> roots) {
        Map<String, LockEvidence> byLabel = new HashMap<>();
        measured.forEach(lock -> byLabel.put(lock.label(), lock));
        StaticFindings findings = StaticFindings.of(result);
        Map<String, Advice> advised = new HashMap<>();
        Map<Finding, Measurements.Measured> evidence = new LinkedHashMap<>();
        List<Finding> kept = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Finding finding : result.findings()) {
            LockEvidence lock = byLabel.get(finding.properties().get(StaticFindings.LOCK_PROPERTY));
            if (lock == null) {
                kept.add(finding);
                continue;
            }
            Advice advice = advised.computeIfAbsent(lock.label(),
                    label -> model.advise(lock.withStaticRules(findings.rulesOn(label))));
            String verdict = null;
            Finding shown = finding;
            if (finding.ruleId().equals(AdviceModel.READ_MOSTLY_RULE)) {
                verdict = switch (advice.action()) {
                    case READ_WRITE_LOCK -> "confirmed";
                    case LEAVE_IT -> "dropped";
                    default -> "changed";
                };
                if (verdict.equals("dropped")) {
                    notes.add(finding.path() + ":" + finding.region().line() + ": " + finding.ruleId() + " on "
                            + lock.label() + " dropped by the evidence: " + advice.message());
                    continue;
                }
                if (verdict.equals("changed")) {
                    shown = new Finding(finding.ruleId(), finding.severity(), finding.message() + " Measured: "
                            + advice.action().id() + ": " + advice.message(), finding.location(), finding.related(),
                            finding.properties(), finding.enclosing(), finding.fingerprint(), finding.status());
                    notes.add(finding.path() + ":" + finding.region().line() + ": " + finding.ruleId() + " on "
                            + lock.label() + " changed by the evidence to " + advice.action().id());
                }
            }
            kept.add(shown);
            evidence.put(shown, measured(lock, advice, verdict));
        }
        List<Measurements.HotLock> hot = new ArrayList<>();
        SourceIndex sources = new SourceIndex(roots);
        for (LockEvidence lock : measured) {
            if (findings.locks().contains(lock.label())) {
                continue;
            }
            Advice advice = model.advise(lock);
            if (advice.action() == Advice.Action.LEAVE_IT && lock.waitShare() < HOT_WAIT_SHARE) {
                continue;
            }
            Measurements.Measured figures = measured(lock, advice, null);
            Optional<Location> at = sources.locate(lock);
            if (at.isPresent()) {
                hot.add(new Measurements.HotLock(lock.label(), at.get(), figures));
            } else {
                // No file to point at (a library's lock): a SARIF result there would lead nowhere.
                notes.add(lock.label() + " measured hot (rank " + figures.rank() + ") outside the scanned sources: "
                        + figures.line());
            }
        }
        hot.sort(Comparator.comparingInt((Measurements.HotLock h) -> h.measured().rank()).reversed());
        return new Joined(result.withFindings(kept),
                new Measurements(evidence, hot.subList(0, Math.min(MAX_HOT_LOCKS, hot.size()))), notes);
    }

    /**
     * A scan made at low confidence for {@code --profile}, cut back to the high-confidence
     * findings, keeping as high the low {@code ReadMostlyExclusiveLock} findings on a lock the
     * evidence advises a read-sharing change for. Statically, read-mostly sections of one field or
     * of a concurrent collection are low (on real code such locks were seldom hot); whether one
     * is hot is exactly what a profile knows.
     */
    public static AnalysisResult promotingMeasuredReadMostly(AnalysisResult atLowConfidence,
            List<LockEvidence> measured, AdviceModel model) {
        Map<String, LockEvidence> byLabel = new HashMap<>();
        measured.forEach(lock -> byLabel.put(lock.label(), lock));
        StaticFindings findings = StaticFindings.of(atLowConfidence);
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : atLowConfidence.findings()) {
            if (!finding.properties().containsKey(CONFIDENCE_PROPERTY)) {
                kept.add(finding);
                continue;
            }
            LockEvidence lock = byLabel.get(finding.properties().get(StaticFindings.LOCK_PROPERTY));
            if (lock == null || !finding.ruleId().equals(AdviceModel.READ_MOSTLY_RULE)) {
                continue;
            }
            Advice.Action action = model.advise(lock.withStaticRules(findings.rulesOn(lock.label()))).action();
            if (action == Advice.Action.READ_WRITE_LOCK || action == Advice.Action.OPTIMISTIC_READ_OR_SNAPSHOT) {
                Map<String, String> properties = new LinkedHashMap<>(finding.properties());
                properties.remove(CONFIDENCE_PROPERTY);
                kept.add(new Finding(finding.ruleId(), finding.severity(), finding.message(), finding.location(),
                        finding.related(), properties, finding.enclosing(), finding.fingerprint(), finding.status()));
            }
        }
        return atLowConfidence.withFindings(kept);
    }

    /** Set by the analyzer on a finding below high confidence. */
    static final String CONFIDENCE_PROPERTY = "confidence";

    /** 0-100: waits and holds as a share of the machine's thread time, capped at all of it. */
    static int rank(LockEvidence lock) {
        return (int) Math.round(100 * Math.min(1, lock.costShare()));
    }

    private static Measurements.Measured measured(LockEvidence lock, Advice advice, String verdict) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("acquisitions", lock.acquisitions());
        figures.put("acquisitionsPerSecond", Math.round(lock.acquisitionsPerSecond()));
        figures.put("contended", lock.contended());
        figures.put("waitTotalNanos", lock.waitTotalNanos());
        figures.put("waitP99Nanos", lock.waitP99Nanos());
        figures.put("holdP50Nanos", lock.holdP50Nanos());
        figures.put("holdP99Nanos", lock.holdP99Nanos());
        if (lock.readShare() != null) {
            figures.put("readShare", round(lock.readShare()));
        }
        figures.put("measuredSeconds", round(lock.activeNanos() / 1e9));
        figures.put("advice", advice.action().id());
        figures.put("adviceMessage", advice.message());
        figures.put("expectedReaderGain", round(advice.expectedGain().readers()));
        figures.put("expectedWriterGain", round(advice.expectedGain().writers()));
        figures.put("confidence", advice.confidence().level());
        if (verdict != null) {
            figures.put("verdict", verdict);
        }
        String line = String.format(Locale.ROOT, "%,d acquisitions (%,.0f/s), %s waited, wait total %s (p99 %s),"
                + " hold p50 %s p99 %s%s; advice %s (readers %s, %s confidence)", lock.acquisitions(),
                lock.acquisitionsPerSecond(), Figures.percent(lock.contendedShare()),
                Figures.nanos(lock.waitTotalNanos()), Figures.nanos(lock.waitP99Nanos()),
                Figures.nanos(lock.holdP50Nanos()), Figures.nanos(lock.holdP99Nanos()),
                lock.readShare() == null ? "" : ", " + Figures.percent(lock.readShare()) + " reads",
                advice.action().id(), Figures.ratio(advice.expectedGain().readers()), advice.confidence().level());
        return new Measurements.Measured(rank(lock), line, figures);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Finds a lock's source: the file of its class under the scanned roots, the line that
     * declares its field (else the profile's busiest site's line). Walks the roots once, on first use.
     */
    static final class SourceIndex {
        private static final Pattern SITE_LINE = Pattern.compile(":(\\d+)$");
        private final List<Path> roots;
        private Map<String, Path> byRelativePath;

        SourceIndex(List<Path> roots) {
            this.roots = roots;
        }

        /** Where the lock is declared in the scanned sources; empty when its class is not among them. */
        Optional<Location> locate(LockEvidence lock) {
            String label = lock.label();
            int dot = label.lastIndexOf('.');
            String field = dot < 0 ? label : label.substring(dot + 1);
            String type = dot < 0 ? "" : label.substring(0, dot);
            Optional<Path> file = fileOf(type);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            int line = declarationLine(file.get(), field).orElseGet(() -> siteLine(lock.location()).orElse(1));
            return Optional.of(new Location(relative(file.get()), new Region(line, 1, line, 1), null));
        }

        /** The outermost class's file: {@code a.b.Outer.Inner} lives in {@code a/b/Outer.java}. */
        private Optional<Path> fileOf(String type) {
            Map<String, Path> index = index();
            String candidate = type;
            while (!candidate.isEmpty()) {
                Path found = index.get(candidate.replace('.', '/') + ".java");
                if (found != null) {
                    return Optional.of(found);
                }
                int dot = candidate.lastIndexOf('.');
                candidate = dot < 0 ? "" : candidate.substring(0, dot);
            }
            return Optional.empty();
        }

        private Map<String, Path> index() {
            if (byRelativePath != null) {
                return byRelativePath;
            }
            byRelativePath = new HashMap<>();
            for (Path root : roots) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                        // Every suffix of the path can be a package path: a/b/C.java, b/C.java, C.java.
                        Path relative = root.relativize(p);
                        for (int i = 0; i < relative.getNameCount(); i++) {
                            byRelativePath.putIfAbsent(relative.subpath(i, relative.getNameCount()).toString()
                                    .replace('\\', '/'), p);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return byRelativePath;
        }

        private String relative(Path file) {
            Path base = Path.of("").toAbsolutePath();
            Path absolute = file.toAbsolutePath().normalize();
            return (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString().replace('\\', '/');
        }

        private static Optional<Integer> declarationLine(Path file, String field) {
            Pattern declaration = Pattern.compile("^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:[\\w<>\\[\\],.?\\s]+\\s+)"
                    + Pattern.quote(field) + "\\s*[=;]");
            try {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (declaration.matcher(lines.get(i)).find() && !lines.get(i).contains("return ")) {
                        return Optional.of(i + 1);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }

        private static Optional<Integer> siteLine(String site) {
            if (site == null) {
                return Optional.empty();
            }
            Matcher m = SITE_LINE.matcher(site);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        }
    }
}
