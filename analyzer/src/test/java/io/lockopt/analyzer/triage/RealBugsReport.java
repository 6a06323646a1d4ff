package io.lockopt.analyzer.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real-bug recall for {@code scripts/realbugs.sh}: for each historically reported lock bug of
 * {@code scripts/realbugs/bugs.tsv}, whether {@code lockopt analyze} reports it on the sources jar
 * of the buggy release with the fitting rule at one of the labelled lines (the finding's own
 * location or one of its related locations), by default or only with {@code --confidence low}.
 * Prints one line per bug and the totals; a measurement, so it fails only on unreadable input.
 */
public final class RealBugsReport {
    record Bug(String id, String url, String coordinates, String shape, String rule, List<String> locations) {
        String reportName() {
            String[] c = coordinates.split(":");
            return c[1] + "-" + c[2] + ".json";
        }
    }

    enum Found { DEFAULT, LOW, MISSED }

    private RealBugsReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RealBugsReport BUGS.tsv REPORT_DIR");
            System.exit(2);
        }
        List<Bug> bugs = readBugs(Path.of(args[0]));
        ObjectMapper json = new ObjectMapper();
        int byDefault = 0;
        int withLow = 0;
        System.out.printf(Locale.ROOT, "%-22s %-30s %-26s %s%n", "bug", "shape", "rule", "found");
        for (Bug bug : bugs) {
            Path report = Path.of(args[1], bug.reportName());
            Found found = Files.exists(report) ? find(bug, json.readTree(report.toFile())) : Found.MISSED;
            if (found == Found.DEFAULT) {
                byDefault++;
            }
            if (found != Found.MISSED) {
                withLow++;
            }
            System.out.printf(Locale.ROOT, "%-22s %-30s %-26s %s%n", bug.id(), bug.shape(), bug.rule(),
                    switch (found) {
                        case DEFAULT -> "found";
                        case LOW -> "found with --confidence low";
                        case MISSED -> "missed";
                    });
        }
        System.out.printf(Locale.ROOT, "%nfound by default: %d of %d (%d%%); with --confidence low: %d of %d (%d%%)%n",
                byDefault, bugs.size(), percent(byDefault, bugs.size()), withLow, bugs.size(),
                percent(withLow, bugs.size()));
    }

    private static int percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(100f * part / whole);
    }

    static Found find(Bug bug, JsonNode report) {
        Found best = Found.MISSED;
        for (JsonNode finding : report.path("findings")) {
            if (!bug.rule().equals(finding.path("rule").asText())) {
                continue;
            }
            List<String> places = new ArrayList<>();
            places.add(place(finding.path("file").asText(), finding.path("line").asInt()));
            for (JsonNode related : finding.path("relatedLocations")) {
                places.add(place(related.path("file").asText(), related.path("line").asInt()));
            }
            if (places.stream().anyMatch(p -> bug.locations().contains(p))) {
                boolean high = !"low".equals(finding.path("properties").path("confidence").asText());
                if (high) {
                    return Found.DEFAULT;
                }
                best = Found.LOW;
            }
        }
        return best;
    }

    /** {@code jars/x-sources.jar!/org/a/B.java} at 12 -> {@code org/a/B.java:12}. */
    private static String place(String file, int line) {
        int inJar = file.indexOf("!/");
        return (inJar >= 0 ? file.substring(inJar + 2) : file) + ":" + line;
    }

    static List<Bug> readBugs(Path tsv) throws IOException {
        List<Bug> bugs = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 6) {
                throw new IOException("realbugs: expected 7 tab-separated columns: " + line);
            }
            List<String> locations = new ArrayList<>();
            for (String location : f[5].split(";")) {
                if (!location.isBlank()) {
                    locations.add(location.strip());
                }
            }
            bugs.add(new Bug(f[0], f[1], f[2], f[3], f[4], locations));
        }
        return bugs;
    }
}
