package io.lockopt.analyzer.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.javaparser.ast.Node;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import com.github.javaparser.printer.configuration.PrinterConfiguration;

/**
 * The stable identity of a finding (catalog, "Shared conventions"): a hash of the rule id, the
 * file path relative to the scan root, the enclosing type and member, and the normalised text of
 * the flagged node. Line numbers are left out, so edits that only move a finding keep its
 * fingerprint; two identical findings in one member are told apart by their order.
 */
public final class Fingerprint {
    /** The key under which the value appears in SARIF {@code partialFingerprints}. */
    public static final String SARIF_KEY = "lockopt/v1";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Fingerprint() {
    }

    /** The text of {@code node} without comments and with whitespace runs collapsed. */
    static String normalisedText(Node node) {
        PrinterConfiguration configuration = new DefaultPrinterConfiguration()
                .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_COMMENTS))
                .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_JAVADOC));
        String printed = new DefaultPrettyPrinter(configuration).print(node);
        return WHITESPACE.matcher(printed).replaceAll(" ").strip();
    }

    /** What the fingerprint of a finding is computed from, before occurrences are numbered. */
    static String material(String ruleId, String path, String enclosing, String nodeText) {
        return ruleId + '\u0000' + path + '\u0000' + enclosing + '\u0000' + nodeText;
    }

    /**
     * Gives every finding its fingerprint. {@code materials.get(i)} belongs to {@code findings.get(i)};
     * findings must be in report order so that equal materials are numbered top to bottom.
     */
    static List<Finding> assign(List<Finding> findings, List<String> materials) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Finding> result = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            String material = materials.get(i);
            int occurrence = seen.merge(material, 1, Integer::sum) - 1;
            String input = occurrence == 0 ? material : material + '\u0000' + occurrence;
            result.add(findings.get(i).withFingerprint(hash(input)));
        }
        return result;
    }

    static String hash(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
