package io.lockopt.analyzer.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares {@code lockopt analyze --format json --confidence low} reports of the triage set's
 * libraries with the committed verdicts a reviewer wrote for their findings
 * ({@code scripts/triage/verdicts.tsv}: fingerprint, rule, file:line, TRUE|DEBATABLE|FALSE,
 * reason). Prints the precision per rule of what {@code lockopt analyze} reports by default (the
 * high-confidence findings) and of the low-confidence rest, and fails (exit 1) when a finding
 * judged FALSE is reported by default (other than the known false positives listed with their
 * limitation) or a finding judged TRUE is no longer reported at all. Findings without a verdict
 * are listed, ready to judge and append.
 *
 * <p>Run by {@code scripts/triage.sh}: {@code TriageReport VERDICTS.tsv KNOWN_FALSE_POSITIVES.tsv REPORT_DIR}.
 */
public final class TriageReport {
    enum Verdict { TRUE, DEBATABLE, FALSE, UNJUDGED }

    record Judged(String fingerprint, String rule, String where, Verdict verdict, String reason) {
    }

    record Reported(String fingerprint, String rule, String where, boolean high, String message) {
    }

    private final Map<String, String> knownFalse;

    TriageReport(Map<String, String> knownFalse) {
        this.knownFalse = knownFalse;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TriageReport VERDICTS.tsv KNOWN_FALSE_POSITIVES.tsv REPORT_DIR");
            System.exit(2);
        }
        Map<String, Judged> verdicts = readVerdicts(Path.of(args[0]));
        Map<String, String> knownFalse = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t", 2);
                knownFalse.put(f[0], f.length > 1 ? f[1] : "");
            }
        }
        List<Reported> reported = readReports(Path.of(args[2]));
        System.exit(new TriageReport(knownFalse).compare(verdicts, reported) ? 0 : 1);
    }

    static Map<String, Judged> readVerdicts(Path file) throws IOException {
        Map<String, Judged> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                throw new IllegalArgumentException("verdict line needs 5 tab-separated fields: " + line);
            }
            out.put(f[0], new Judged(f[0], f[1], f[2], Verdict.valueOf(f[3].strip()), f[4]));
        }
        return out;
    }

    static List<Reported> readReports(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Reported> out = new ArrayList<>();
        List<Path> reports;
        try (Stream<Path> files = Files.list(dir)) {
            reports = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path report : reports) {
            JsonNode root = json.readTree(report.toFile());
            if (root.path("diagnostics").size() > 0) {
                throw new IllegalStateException(report + " has diagnostics (rule failures or unparsable files): "
                        + root.path("diagnostics"));
            }
            for (JsonNode finding : root.path("findings")) {
                if (!finding.path("status").asText().equals("new")) {
                    continue;
                }
                String file = finding.path("file").asText();
                String library = file.replaceFirst("^.*?([^/]+)-sources\\.jar!/.*$", "$1");
                String inJar = file.replaceFirst("^.*!/", "");
                out.add(new Reported(finding.path("fingerprint").asText(), finding.path("rule").asText(),
                        library + "/" + inJar + ":" + finding.path("line").asInt(),
                        !finding.path("properties").path("confidence").asText("high").equals("low"),
                        finding.path("message").asText()));
            }
        }
        return out;
    }

    boolean compare(Map<String, Judged> verdicts, List<Reported> reported) {
        Map<String, int[]> high = new TreeMap<>();
        Map<String, int[]> low = new TreeMap<>();
        List<String> falseBack = new ArrayList<>();
        List<String> falseKnown = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        Map<String, Reported> seen = new LinkedHashMap<>();
        for (Reported r : reported) {
            seen.put(r.fingerprint(), r);
            Judged j = verdicts.get(r.fingerprint());
            Verdict v = j == null ? Verdict.UNJUDGED : j.verdict();
            (r.high() ? high : low).computeIfAbsent(r.rule(), k -> new int[4])[v.ordinal()]++;
            if (r.high() && v == Verdict.FALSE) {
                if (knownFalse.containsKey(r.fingerprint())) {
                    falseKnown.add(r.where() + " [" + r.rule() + "] " + knownFalse.get(r.fingerprint()));
                } else {
                    falseBack.add(r.where() + " [" + r.rule() + "] " + j.reason());
                }
            }
            if (v == Verdict.UNJUDGED) {
                unjudged.add(r.fingerprint() + "\t" + r.rule() + "\t" + r.where() + "\t?\t"
                        + (r.high() ? "" : "(low) ") + r.message());
            }
        }
        List<String> trueGone = new ArrayList<>();
        List<String> trueLow = new ArrayList<>();
        for (Judged j : verdicts.values()) {
            if (j.verdict() != Verdict.TRUE) {
                continue;
            }
            Reported r = seen.get(j.fingerprint());
            if (r == null) {
                trueGone.add(j.where() + " [" + j.rule() + "] " + j.reason());
            } else if (!r.high()) {
                trueLow.add(j.where() + " [" + j.rule() + "] " + j.reason());
            }
        }
        System.out.println("Reported by default (high confidence):");
        table(high);
        System.out.println();
        System.out.println("Reported only with --confidence low:");
        table(low);
        section("Judged TRUE, reported only with --confidence low (" + trueLow.size() + ")", trueLow);
        section("Not judged yet (" + unjudged.size() + "; append verdicts to the verdict file)", unjudged);
        section("Known false positives, reported by default (" + falseKnown.size()
                + "; limitations in docs/accuracy.md)", falseKnown);
        section("FAIL: judged FALSE and reported by default again (" + falseBack.size() + ")", falseBack);
        section("FAIL: judged TRUE and no longer reported (" + trueGone.size() + ")", trueGone);
        boolean ok = falseBack.isEmpty() && trueGone.isEmpty();
        System.out.println(ok ? "triage: passed" : "triage: FAILED");
        return ok;
    }

    private static void table(Map<String, int[]> byRule) {
        System.out.printf(Locale.ROOT, "  %-30s %5s %5s %5s %5s %10s%n", "rule", "TRUE", "DEB", "FALSE", "new",
                "precision");
        int[] total = new int[4];
        for (Map.Entry<String, int[]> e : byRule.entrySet()) {
            int[] c = e.getValue();
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
            row(e.getKey(), c);
        }
        row("all", total);
    }

    private static void row(String name, int[] c) {
        int judged = c[0] + c[1] + c[2];
        String precision = judged == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * c[0] / judged);
        System.out.printf(Locale.ROOT, "  %-30s %5d %5d %5d %5d %10s%n", name, c[0], c[1], c[2], c[3], precision);
    }

    private static void section(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println(title + ":");
        lines.forEach(line -> System.out.println("  " + line));
    }
}
