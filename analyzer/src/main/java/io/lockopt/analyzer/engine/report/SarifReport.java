package io.lockopt.analyzer.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lockopt.analyzer.engine.AnalysisResult;
import io.lockopt.analyzer.engine.Diagnostic;
import io.lockopt.analyzer.engine.Finding;
import io.lockopt.analyzer.engine.FindingStatus;
import io.lockopt.analyzer.engine.Fingerprint;
import io.lockopt.analyzer.engine.Region;
import io.lockopt.analyzer.engine.RuleRegistry;
import io.lockopt.analyzer.spi.Rule;
import io.lockopt.analyzer.spi.Severity;

/**
 * SARIF 2.1.0 through the model classes of {@code com.contrastsecurity:java-sarif}, shaped for
 * GitHub code scanning: every rule with its page as help, paths relative to {@code %SRCROOT%}
 * (the base directory), fingerprints as {@code partialFingerprints}, and files that could not be
 * analyzed as tool execution notifications. Findings suppressed in the source are left out unless
 * asked for, then listed with {@code suppressions}: code scanning ignores {@code suppressions} and
 * would show them as open alerts.
 */
final class SarifReport {
    static final String SRCROOT = "%SRCROOT%";
    /** A bold label line of a rule page, e.g. {@code **Severity:** error}. */
    private static final java.util.regex.Pattern METADATA = java.util.regex.Pattern.compile("\\*\\*[^*]+:\\*\\*.*");
    private static final URI SCHEMA = URI.create("https://json.schemastore.org/sarif-2.1.0.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(Result.class, ExplicitResultLevel.class)
            .addMixIn(ReportingConfiguration.class, ExplicitRuleLevel.class)
            .addMixIn(Notification.class, ExplicitNotificationLevel.class);

    // The generated model leaves out values equal to the schema default ("warning"); spelling the
    // level out on every result, rule and notification keeps the file readable without the schema.
    private abstract static class ExplicitResultLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Result.Level getLevel();
    }

    private abstract static class ExplicitRuleLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract ReportingConfiguration.Level getLevel();
    }

    private abstract static class ExplicitNotificationLevel {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Notification.Level getLevel();
    }

    private final ToolInfo tool;
    private final RuleRegistry registry;
    private final Measurements measured;
    private final boolean includeSuppressed;

    SarifReport(ToolInfo tool, RuleRegistry registry, Measurements measured, boolean includeSuppressed) {
        this.tool = tool;
        this.registry = registry;
        this.measured = measured;
        this.includeSuppressed = includeSuppressed;
    }

    void write(AnalysisResult result, Writer out) throws IOException {
        out.write(JSON.writeValueAsString(build(result)));
        out.write('\n');
    }

    SarifSchema210 build(AnalysisResult result) {
        List<ReportingDescriptor> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Rule rule : registry.rules()) {
            ruleIndex.put(rule.id(), rules.size());
            rules.add(descriptor(rule));
        }
        List<Result> results = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (finding.status() == FindingStatus.SUPPRESSED && !includeSuppressed) {
                continue;
            }
            Result sarif = result(finding, ruleIndex.get(finding.ruleId()), result.baselineUsed());
            measured.of(finding).ifPresent(m -> withMeasured(sarif, m));
            results.add(sarif);
        }
        if (!measured.hotLocks().isEmpty()) {
            ruleIndex.put(Measurements.HOT_LOCK_RULE, rules.size());
            rules.add(hotLockDescriptor());
        }
        for (Measurements.HotLock hot : measured.hotLocks()) {
            Result sarif = new Result()
                    .withRuleId(Measurements.HOT_LOCK_RULE)
                    .withRuleIndex(ruleIndex.get(Measurements.HOT_LOCK_RULE))
                    .withLevel(Result.Level.NOTE)
                    .withMessage(new Message().withText(hot.lock() + " measured hot, no static finding: "
                            + hot.measured().line()))
                    .withLocations(List.of(location(hot.location().path(), hot.location().region(), null)))
                    .withProperties(new PropertyBag().withAdditionalProperty("lock", hot.lock()));
            results.add(withMeasured(sarif, hot.measured()));
        }
        List<Notification> notifications = new ArrayList<>();
        boolean rulesCompleted = true;
        for (Diagnostic diagnostic : result.diagnostics()) {
            notifications.add(notification(diagnostic));
            rulesCompleted &= diagnostic.kind() != Diagnostic.Kind.RULE_FAILURE;
        }
        Invocation invocation = new Invocation().withExecutionSuccessful(rulesCompleted);
        if (!notifications.isEmpty()) {
            invocation.setToolExecutionNotifications(notifications);
        }
        Run run = new Run()
                .withTool(new Tool().withDriver(new ToolComponent()
                        .withName(tool.name())
                        .withVersion(tool.version())
                        .withRules(new LinkedHashSet<>(rules))))
                .withOriginalUriBaseIds(new OriginalUriBaseIds().withAdditionalProperty(SRCROOT,
                        new ArtifactLocation().withUri(directoryUri(result))))
                .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
                .withInvocations(List.of(invocation))
                .withResults(results);
        return new SarifSchema210()
                .with$schema(SCHEMA)
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    private static ReportingDescriptor descriptor(Rule rule) {
        String summary = rule.info().summary();
        String page = RuleRegistry.page(rule).orElse(summary);
        return new ReportingDescriptor()
                .withId(rule.id())
                .withName(rule.id())
                .withShortDescription(new MultiformatMessageString().withText(summary))
                .withFullDescription(new MultiformatMessageString().withText(firstParagraph(page, summary)))
                .withHelp(new MultiformatMessageString().withText(page).withMarkdown(page))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(level(rule.info().severity())))
                .withProperties(new PropertyBag().withTags(Set.of("concurrency")));
    }

    /**
     * The first prose paragraph of a rule page: headings, code fences and metadata lines such as
     * {@code **Severity:** error} are skipped; {@code fallback} when there is none.
     */
    static String firstParagraph(String page, String fallback) {
        StringBuilder paragraph = new StringBuilder();
        boolean inCode = false;
        for (String line : page.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                inCode = !inCode;
                if (paragraph.length() > 0) {
                    break;
                }
                continue;
            }
            boolean prose = !inCode && !trimmed.isEmpty() && !trimmed.startsWith("#") && !METADATA.matcher(trimmed).matches();
            if (prose) {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(trimmed);
            } else if (paragraph.length() > 0) {
                break;
            }
        }
        return paragraph.length() == 0 ? fallback : paragraph.toString();
    }

    private static Result result(Finding finding, Integer ruleIndex, boolean baselineUsed) {
        Result result = new Result()
                .withRuleId(finding.ruleId())
                .withRuleIndex(ruleIndex)
                .withLevel(Result.Level.fromValue(finding.severity().label()))
                .withMessage(new Message().withText(finding.message()))
                .withLocations(List.of(location(finding.path(), finding.region(), null)))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty(Fingerprint.SARIF_KEY, finding.fingerprint()));
        if (!finding.related().isEmpty()) {
            Set<Location> related = new LinkedHashSet<>();
            int id = 1;
            for (var location : finding.related()) {
                related.add(location(location.path(), location.region(), location.message()).withId(id++));
            }
            result.setRelatedLocations(related);
        }
        if (finding.status() == FindingStatus.SUPPRESSED) {
            result.setSuppressions(Set.of(new Suppression().withKind(Suppression.Kind.IN_SOURCE)));
        }
        if (baselineUsed && finding.status() != FindingStatus.SUPPRESSED) {
            result.setBaselineState(finding.status() == FindingStatus.BASELINED
                    ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW);
        }
        PropertyBag properties = new PropertyBag().withAdditionalProperty("enclosing", finding.enclosing());
        finding.properties().forEach(properties::withAdditionalProperty);
        result.setProperties(properties);
        return result;
    }

    /** SARIF's own {@code rank} (0-100, the measured cost) and the figures as {@code properties.evidence}. */
    private static Result withMeasured(Result result, Measurements.Measured measured) {
        result.setRank((double) measured.rank());
        result.getProperties().withAdditionalProperty("evidence", measured.evidence());
        return result;
    }

    private static ReportingDescriptor hotLockDescriptor() {
        String text = "A lock the profile measured hot (its waits and holds cost the most) on which no static rule"
                + " reported anything; its evidence says how it was used.";
        return new ReportingDescriptor()
                .withId(Measurements.HOT_LOCK_RULE)
                .withName(Measurements.HOT_LOCK_RULE)
                .withShortDescription(new MultiformatMessageString().withText("A lock measured hot at runtime"))
                .withFullDescription(new MultiformatMessageString().withText(text))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(ReportingConfiguration.Level.NOTE))
                .withProperties(new PropertyBag().withTags(Set.of("concurrency", "profile")));
    }

    private static Notification notification(Diagnostic diagnostic) {
        Notification notification = new Notification()
                .withLevel(diagnostic.kind() == Diagnostic.Kind.RULE_FAILURE
                        ? Notification.Level.ERROR : Notification.Level.WARNING)
                .withMessage(new Message().withText(diagnostic.message()))
                .withDescriptor(new ReportingDescriptorReference().withId(diagnostic.kind().label()));
        if (!diagnostic.path().isEmpty()) {
            notification.setLocations(Set.of(location(diagnostic.path(), diagnostic.region(), null)));
        }
        if (diagnostic.ruleId() != null) {
            notification.setAssociatedRule(new ReportingDescriptorReference().withId(diagnostic.ruleId()));
        }
        if (diagnostic.cause() != null) {
            notification.setException(exception(diagnostic.cause()));
        }
        return notification;
    }

    /** A SARIF exception: kind, message and the stack as frames with logical (method) locations. */
    private static com.contrastsecurity.sarif.Exception exception(Throwable cause) {
        List<com.contrastsecurity.sarif.StackFrame> frames = new ArrayList<>();
        for (StackTraceElement element : cause.getStackTrace()) {
            frames.add(new com.contrastsecurity.sarif.StackFrame().withLocation(new Location()
                    .withLogicalLocations(Set.of(new com.contrastsecurity.sarif.LogicalLocation()
                            .withFullyQualifiedName(element.getClassName() + "." + element.getMethodName())))
                    .withMessage(new Message().withText(element.toString()))));
        }
        com.contrastsecurity.sarif.Exception exception = new com.contrastsecurity.sarif.Exception()
                .withKind(cause.getClass().getName())
                .withMessage(cause.getMessage() == null ? cause.toString() : cause.getMessage())
                .withStack(new com.contrastsecurity.sarif.Stack().withFrames(frames));
        if (cause.getCause() != null && cause.getCause() != cause) {
            exception.setInnerExceptions(List.of(exception(cause.getCause())));
        }
        return exception;
    }

    private static Location location(String path, Region region, String message) {
        Location location = new Location().withPhysicalLocation(new PhysicalLocation()
                .withArtifactLocation(new ArtifactLocation().withUri(relativeUri(path)).withUriBaseId(SRCROOT))
                .withRegion(new com.contrastsecurity.sarif.Region()
                        .withStartLine(region.line())
                        .withStartColumn(region.column())
                        .withEndLine(region.endLine())
                        .withEndColumn(region.endColumn())));
        if (message != null) {
            location.setMessage(new Message().withText(message));
        }
        return location;
    }

    /** A relative URI reference for a forward-slash path: spaces and non-ASCII percent-encoded. */
    static String relativeUri(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot express path as a URI: " + path, e);
        }
    }

    private static String directoryUri(AnalysisResult result) {
        String uri = result.baseDirectory().toAbsolutePath().normalize().toUri().toASCIIString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static ReportingConfiguration.Level level(Severity severity) {
        return ReportingConfiguration.Level.fromValue(severity.label());
    }
}
