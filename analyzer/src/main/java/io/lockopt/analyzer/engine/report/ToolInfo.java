package io.lockopt.analyzer.engine.report;

/** Name and version of the tool, as reports name it (SARIF {@code tool.driver}). */
public record ToolInfo(String name, String version) {
    public static ToolInfo lockopt(String version) {
        return new ToolInfo("lockopt", version == null || version.isBlank() ? "development" : version);
    }
}
