package io.lockopt.agent.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of the always-on agent, given on the command line as
 * {@code -javaagent:lockopt-agent.jar=key=value,key=value} (nothing after the jar: all defaults).
 * Lists (include, exclude) are separated by {@code :}, so the whole string needs no shell quoting.
 * A session started by {@code lockopt profile} passes {@link AgentOptions} instead, recognised by its
 * {@code dir=} key. {@code agent-jar=} (URL-encoded) is for the agent's entry point, as in a session's.
 *
 * @param includes instrument only these packages or classes (empty: everything but the JDK and lockopt)
 * @param excludes never instrument these
 * @param maxLocks how many lock instances to track at most
 * @param jfrEvents whether the io.lockopt JFR events are emitted (they cost nothing until a recording enables them)
 * @param jmx whether one MXBean per lock is registered on the platform MBeanServer
 * @param heldThresholdNanos a timed hold at least this long is a {@code io.lockopt.LockHeld} event
 * @param holdsWhenContendedOnly whether holds are timed only on locks that have been contended at least once,
 *     so that an uncontended lock costs only its counters
 * @param jmxRefreshMillis how often locks seen since are registered as MXBeans, and how old the figures an
 *     MXBean shows may be
 */
public record AlwaysOnOptions(List<String> includes, List<String> excludes, int maxLocks, boolean jfrEvents,
        boolean jmx, long heldThresholdNanos, boolean holdsWhenContendedOnly, long jmxRefreshMillis) {

    private static final Set<String> KEYS = Set.of("include", "exclude", "max-locks", "jfr", "jmx", "held-threshold",
            "holds", "jmx-refresh", "agent-jar");
    /** Set in the target once the always-on agent runs: how a client that loaded it by attach knows it started. */
    public static final String RUNNING_PROPERTY = "lockopt.agent.always-on";

    public AlwaysOnOptions {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /** Whether {@code arguments} are the always-on agent's (anything but a profile session's). */
    public static boolean isAlwaysOn(String arguments) {
        return arguments == null || Arrays.stream(arguments.split(";")).noneMatch(pair -> pair.startsWith("dir="));
    }

    /**
     * The argument string for loading the always-on agent by attach ({@code lockopt profile --continuous}):
     * {@code agent-jar} names the jar exactly (read by the agent's entry point, URL-encoded) and the
     * lists are joined with {@code :}.
     */
    public static String encode(Path agentJar, List<String> includes, List<String> excludes) {
        StringBuilder text = new StringBuilder("agent-jar=")
                .append(URLEncoder.encode(agentJar.toString(), StandardCharsets.UTF_8));
        if (!includes.isEmpty()) {
            text.append(",include=").append(String.join(":", includes));
        }
        if (!excludes.isEmpty()) {
            text.append(",exclude=").append(String.join(":", excludes));
        }
        return text.toString();
    }

    public static AlwaysOnOptions defaults() {
        return parse(null);
    }

    /** Parses {@code key=value,...}; an unknown key or a malformed value is an {@link IllegalArgumentException}. */
    public static AlwaysOnOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown lockopt agent option '" + key + "' (known: "
                            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
                if (eq < 0) {
                    throw new IllegalArgumentException("lockopt agent option '" + key + "' needs a value");
                }
                values.put(key, pair.substring(eq + 1).strip());
            }
        }
        String holds = values.getOrDefault("holds", "contended");
        if (!holds.equals("contended") && !holds.equals("all")) {
            throw new IllegalArgumentException("holds=" + holds + ": give holds=contended or holds=all");
        }
        return new AlwaysOnOptions(list(values.get("include")), list(values.get("exclude")),
                Integer.parseInt(values.getOrDefault("max-locks", Integer.toString(AgentOptions.DEFAULT_MAX_LOCKS))),
                bool(values, "jfr"), bool(values, "jmx"),
                millisOrUnit(values.getOrDefault("held-threshold", "20ms")) * 1_000_000L,
                holds.equals("contended"), millisOrUnit(values.getOrDefault("jmx-refresh", "5s")));
    }

    private static boolean bool(Map<String, String> values, String key) {
        String value = values.getOrDefault(key, "true");
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + "=" + value + ": give true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, or a bare number of milliseconds. */
    static long millisOrUnit(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Long.parseLong(text.substring(0, text.length() - 2));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1))).toMillis();
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1))).toMillis();
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + value + " (e.g. 250ms, 5s, 2m)");
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(":")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
