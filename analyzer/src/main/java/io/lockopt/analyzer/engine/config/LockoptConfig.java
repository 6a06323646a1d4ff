package io.lockopt.analyzer.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.lockopt.analyzer.engine.AnalysisInputException;
import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.Severity;
import io.lockopt.files.InputFile;

/**
 * The project's {@code lockopt.yml}:
 *
 * <pre>
 * rules:
 *   BlockingCallUnderLock:
 *     severity: error        # error | warning | note
 *   NotifyInsteadOfNotifyAll:
 *     enabled: false
 *   ReadMostlyExclusiveLock:
 *     threshold: 0.8         # a rule option (the rule's page lists them)
 * exclude:
 *   - "**&#47;generated/**"
 * targetJdk: 21
 * confidence: low            # like --confidence: high (default) or low
 * classpathSources:          # like --classpath-sources, relative to this file's directory
 *   - ../lib/lib-a-sources.jar
 * </pre>
 *
 * Every key is checked: an unknown key, rule or option is an error naming it and the file.
 */
public record LockoptConfig(Map<String, RuleConfig> rules, List<String> exclude, Optional<Integer> targetJdk,
        Optional<io.lockopt.analyzer.spi.Confidence> confidence, List<Path> classpathSources) {

    /** File names looked for in the first scanned directory when {@code --config} is not given. */
    public static final List<String> DEFAULT_FILE_NAMES = List.of("lockopt.yml", ".lockopt.yml");

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("rules", "exclude", "targetJdk", "confidence",
            "classpathSources");
    private static final Pattern YAML_MARK = Pattern.compile(" in '[^']*', line (\\d+), column (\\d+):");
    private static final String ENABLED = "enabled";
    private static final String SEVERITY = "severity";

    /** Settings of one rule; {@code options} are the rule's own keys. */
    public record RuleConfig(Optional<Boolean> enabled, Optional<Severity> severity, Map<String, Object> options) {
        public RuleConfig {
            options = Map.copyOf(options);
        }
    }

    public LockoptConfig {
        rules = Map.copyOf(rules);
        exclude = List.copyOf(exclude);
        classpathSources = List.copyOf(classpathSources);
    }

    public static LockoptConfig empty() {
        return new LockoptConfig(Map.of(), List.of(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The options of every configured rule, as {@link io.lockopt.analyzer.spi.AnalysisSettings} takes them. */
    public Map<String, Map<String, Object>> ruleOptions() {
        Map<String, Map<String, Object>> options = new LinkedHashMap<>();
        rules.forEach((id, config) -> {
            if (!config.options().isEmpty()) {
                options.put(id, config.options());
            }
        });
        return options;
    }

    /** The configuration file in {@code directory}, if there is one. */
    public static Optional<Path> findIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        return DEFAULT_FILE_NAMES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** Reads and checks {@code file} against the known rules. */
    public static LockoptConfig load(Path file, RuleRegistry registry) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(InputFile.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new AnalysisInputException("no such configuration file: " + file, e);
        } catch (InputFile.NotARegularFileException e) {
            throw new AnalysisInputException("configuration file " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new AnalysisInputException(yamlError(file, e), e);
        } catch (IOException e) {
            throw new AnalysisInputException("cannot read configuration file " + file + ": " + InputFile.describe(e), e);
        }
        return new Reader(file, registry).read(root);
    }

    /**
     * "FILE:LINE:COLUMN: not valid YAML: what the parser said", on one line. SnakeYAML's message
     * quotes the source at two marks, the context's and the problem's, as "in 'reader', line L,
     * column C:" and a caret; the problem's (the last) is where the file goes wrong, while
     * Jackson's own location is the context's. The quoted source lines are left out.
     */
    private static String yamlError(Path file, JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String position = "";
        Matcher mark = YAML_MARK.matcher(message);
        while (mark.find()) {
            position = ":" + mark.group(1) + ":" + mark.group(2);
        }
        JsonLocation where = e.getLocation();
        if (position.isEmpty() && where != null && where.getLineNr() > 0) {
            position = ":" + where.getLineNr() + (where.getColumnNr() > 0 ? ":" + where.getColumnNr() : "");
        }
        String said = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        return file + position + ": not valid YAML: " + (said.isEmpty() ? e.getClass().getSimpleName() : said);
    }

    /** Walks the YAML tree, failing on the first key it does not know. */
    private record Reader(Path file, RuleRegistry registry) {

        LockoptConfig read(JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                return empty();
            }
            requireObject(root, "the top level");
            unknownKeys(root, TOP_LEVEL_KEYS, "");
            Map<String, RuleConfig> rules = new LinkedHashMap<>();
            JsonNode rulesNode = root.path("rules");
            if (!rulesNode.isMissingNode() && !rulesNode.isNull()) {
                requireObject(rulesNode, "'rules'");
                for (Map.Entry<String, JsonNode> entry : rulesNode.properties()) {
                    rules.put(entry.getKey(), ruleConfig(entry.getKey(), entry.getValue()));
                }
            }
            List<String> exclude = new ArrayList<>();
            JsonNode excludeNode = root.path("exclude");
            if (excludeNode.isTextual()) {
                exclude.add(excludeNode.asText());
            } else if (excludeNode.isArray()) {
                for (JsonNode glob : excludeNode) {
                    if (!glob.isTextual()) {
                        throw error("'exclude' must list glob strings, found " + glob);
                    }
                    exclude.add(glob.asText());
                }
            } else if (!excludeNode.isMissingNode() && !excludeNode.isNull()) {
                throw error("'exclude' must be a list of globs");
            }
            Optional<Integer> targetJdk = Optional.empty();
            JsonNode jdk = root.path("targetJdk");
            if (!jdk.isMissingNode()) {
                if (!jdk.isInt() || jdk.asInt() < io.lockopt.analyzer.spi.AnalysisSettings.OLDEST_TARGET_JDK) {
                    throw error("'targetJdk' must be a Java feature release number such as 17 or 21, found " + jdk);
                }
                targetJdk = Optional.of(jdk.asInt());
            }
            Optional<io.lockopt.analyzer.spi.Confidence> confidence = Optional.empty();
            JsonNode level = root.path("confidence");
            if (!level.isMissingNode()) {
                confidence = level.isTextual() ? io.lockopt.analyzer.spi.Confidence.parse(level.asText())
                        : Optional.empty();
                if (confidence.isEmpty()) {
                    throw error("'confidence' must be high or low, found " + level);
                }
            }
            List<Path> classpathSources = new ArrayList<>();
            JsonNode classpathNode = root.path("classpathSources");
            Path directory = file.toAbsolutePath().getParent();
            if (classpathNode.isTextual()) {
                classpathSources.add(directory.resolve(classpathNode.asText()));
            } else if (classpathNode.isArray()) {
                for (JsonNode path : classpathNode) {
                    if (!path.isTextual()) {
                        throw error("'classpathSources' must list paths, found " + path);
                    }
                    classpathSources.add(directory.resolve(path.asText()));
                }
            } else if (!classpathNode.isMissingNode() && !classpathNode.isNull()) {
                throw error("'classpathSources' must be a list of paths");
            }
            return new LockoptConfig(rules, exclude, targetJdk, confidence, classpathSources);
        }

        private RuleConfig ruleConfig(String id, JsonNode node) {
            Rule rule = registry.find(id).orElseThrow(() -> error("unknown rule '" + id
                    + "' under 'rules' (run 'lockopt rules' for the list)"));
            if (node == null || node.isNull()) {
                return new RuleConfig(Optional.empty(), Optional.empty(), Map.of());
            }
            requireObject(node, "'rules." + id + "'");
            Set<String> known = new java.util.HashSet<>(Arrays.asList(rule.info().options()));
            known.add(ENABLED);
            known.add(SEVERITY);
            unknownKeys(node, known, "rules." + id + ".");
            Optional<Boolean> enabled = Optional.empty();
            if (node.has(ENABLED)) {
                if (!node.get(ENABLED).isBoolean()) {
                    throw error("'rules." + id + ".enabled' must be true or false");
                }
                enabled = Optional.of(node.get(ENABLED).asBoolean());
            }
            Optional<Severity> severity = Optional.empty();
            if (node.has(SEVERITY)) {
                severity = Optional.of(severity(node.get(SEVERITY).asText(), "rules." + id + ".severity"));
            }
            Map<String, Object> options = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> option : node.properties()) {
                if (option.getKey().equals(ENABLED) || option.getKey().equals(SEVERITY)) {
                    continue;
                }
                JsonNode value = option.getValue();
                if (value.isNumber()) {
                    options.put(option.getKey(), value.numberValue());
                } else if (value.isBoolean()) {
                    options.put(option.getKey(), value.booleanValue());
                } else if (value.isTextual()) {
                    options.put(option.getKey(), value.textValue());
                } else {
                    throw error("'rules." + id + "." + option.getKey() + "' must be a number, boolean or string");
                }
            }
            return new RuleConfig(enabled, severity, options);
        }

        private Severity severity(String value, String key) {
            try {
                return Severity.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error("'" + key + "' must be error, warning or note, found '" + value + "'");
            }
        }

        private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw error("unknown key '" + prefix + name + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        private void requireObject(JsonNode node, String what) {
            if (!node.isObject()) {
                throw error(what + " must be a mapping of keys to values");
            }
        }

        private AnalysisInputException error(String message) {
            return new AnalysisInputException(file + ": " + message);
        }
    }
}
