package io.lockopt.agent.wire;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent argument string: {@code key=value} pairs joined by {@code ;}, values
 * URL-encoded. The client builds it with {@link #encode}; the agent parses it with
 * {@link #parse}. Lists (include, exclude) are comma separated.
 *
 * @param agentJar the agent jar being loaded (null: where the agent's classes come from)
 * @param sessionDir the private directory to talk through
 * @param secret the per-session secret every file must carry
 * @param intervalMillis how often to write a snapshot
 * @param durationMillis end the session after this long (0: only when told or when the client goes)
 * @param heartbeatTimeoutMillis end the session when the client's heartbeat is older than this
 * @param maxLocks how many lock instances to track at most
 * @param jfr whether the waits of {@code synchronized} methods may be measured with JFR in the target
 */
public record AgentOptions(Path agentJar, Path sessionDir, String secret, long intervalMillis, long durationMillis,
        long heartbeatTimeoutMillis, int maxLocks, List<String> includes, List<String> excludes, boolean jfr) {

    /** Each tracked lock keeps HdrHistogram recorders of some tens of KB once its values spread widely. */
    public static final int DEFAULT_MAX_LOCKS = 2_000;

    public AgentOptions {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /** Options with JFR allowed. */
    public AgentOptions(Path agentJar, Path sessionDir, String secret, long intervalMillis, long durationMillis,
            long heartbeatTimeoutMillis, int maxLocks, List<String> includes, List<String> excludes) {
        this(agentJar, sessionDir, secret, intervalMillis, durationMillis, heartbeatTimeoutMillis, maxLocks, includes,
                excludes, true);
    }

    public String encode() {
        Map<String, String> values = new LinkedHashMap<>();
        if (agentJar != null) {
            values.put("agent-jar", agentJar.toString());
        }
        values.put("dir", sessionDir.toString());
        values.put("secret", secret);
        values.put("interval", Long.toString(intervalMillis));
        values.put("duration", Long.toString(durationMillis));
        values.put("heartbeat-timeout", Long.toString(heartbeatTimeoutMillis));
        values.put("max-locks", Integer.toString(maxLocks));
        values.put("include", String.join(",", includes));
        values.put("exclude", String.join(",", excludes));
        values.put("jfr", Boolean.toString(jfr));
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return text.toString();
    }

    public static AgentOptions parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no agent arguments (lockopt starts the agent with a session directory)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed agent argument: " + pair);
            }
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String dir = required(values, "dir");
        String secret = required(values, "secret");
        String jar = values.get("agent-jar");
        return new AgentOptions(jar == null ? null : Path.of(jar), Path.of(dir), secret,
                Long.parseLong(values.getOrDefault("interval", "1000")),
                Long.parseLong(values.getOrDefault("duration", "0")),
                Long.parseLong(values.getOrDefault("heartbeat-timeout", "10000")),
                Integer.parseInt(values.getOrDefault("max-locks", Integer.toString(DEFAULT_MAX_LOCKS))),
                list(values.get("include")), list(values.get("exclude")),
                Boolean.parseBoolean(values.getOrDefault("jfr", "false")));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("agent argument missing: " + key);
        }
        return value;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
