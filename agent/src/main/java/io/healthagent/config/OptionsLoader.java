package io.healthagent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads options from, in order of precedence: agent arguments ({@code key=value,key=value}), system
 * properties ({@code -Dhealth.agent.KEY}), environment ({@code HEALTH_AGENT_KEY}) and the properties
 * file named by {@code config}. A bad value never stops the host: it is reported in
 * {@link Options#problems} and the default is used (for {@code port}/{@code host}, the HTTP endpoints
 * stay off instead, since binding a port the operator did not ask for would be worse).
 */
public final class OptionsLoader {
    public static final String SYSTEM_PROPERTY_PREFIX = "health.agent.";
    public static final String ENV_PREFIX = "HEALTH_AGENT_";

    private static final Pattern CHECK_URL_KEY = Pattern.compile("check\\.([a-z0-9_-]+)\\.url");
    private static final Pattern CHECK_SETTING_KEY = Pattern.compile(
            "check\\.([a-z0-9_-]+)\\.(interval|timeout|max_response_time|max_failure_rate|max_consecutive_failures|expected_status)");
    private static final Pattern ENV_CHECK_KEY = Pattern.compile(
            "HEALTH_AGENT_CHECK_([A-Z0-9_]+?)_(URL|INTERVAL|TIMEOUT|MAX_RESPONSE_TIME|MAX_FAILURE_RATE|MAX_CONSECUTIVE_FAILURES|EXPECTED_STATUS)");
    /** Built-in check names, which check.NAME.url may not reuse. */
    static final Set<String> BUILT_IN_CHECKS = new LinkedHashSet<>(Arrays.asList(
            "cpu", "memory", "disk_space", "network", "database", "audio_directory", "cache", "websocket",
            "redis", "jaeger"));

    private static final List<String> FIXED_KEYS = Arrays.asList(
            "enabled", "port", "host", "service.name", "service.version", "check.interval", "config",
            "db.url", "db.user", "db.password", "redis.url", "jaeger.endpoint", "audio.dir", "cache.dir",
            "store.path", "auth.token", "cache.max_size", "websocket.max_connections", "alert.for", "alert.clear_margin", "store.max_size",
            "container.cpu_throttled_warning", "websocket.abnormal_close_warning", "readiness.checks",
            "status.http_mapping", "details", "routes", "alert.webhook.url", "alertmanager.url", "service.instance");

    private OptionsLoader() {
    }

    /** "20" or "20%", from 0 to 100. */
    private static double percentage(String value) {
        String num = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
        double v = Double.parseDouble(num);
        if (!(v >= 0 && v <= 100)) throw new NumberFormatException();
        return v;
    }

    public static Options load(String agentArgs, Properties systemProperties, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fromArgs = parseAgentArgs(agentArgs, problems);
        Map<String, String> fromSys = fromSystemProperties(systemProperties);
        Map<String, String> fromEnv = fromEnvironment(env, problems);

        String configPath = first("config", fromArgs, fromSys, fromEnv);
        Map<String, String> fromFile = configPath == null ? new LinkedHashMap<>() : fromFile(configPath, problems);

        // Lowest precedence first, so that later puts win.
        Map<String, String> merged = new TreeMap<>();
        merged.putAll(fromFile);
        merged.putAll(fromEnv);
        merged.putAll(fromSys);
        merged.putAll(fromArgs);
        return build(merged, problems);
    }

    private static String first(String key, Map<String, String> a, Map<String, String> b, Map<String, String> c) {
        if (a.containsKey(key)) return a.get(key);
        if (b.containsKey(key)) return b.get(key);
        return c.get(key);
    }

    static Map<String, String> parseAgentArgs(String args, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.trim().isEmpty()) {
            return out;
        }
        String[] parts = args.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.trim().isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                // Not echoed: a stray fragment may well be part of a password.
                problems.add("agent argument #" + (i + 1) + " is not of the form key=value; ignored");
                continue;
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    private static Map<String, String> fromSystemProperties(Properties props) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
                out.put(name.substring(SYSTEM_PROPERTY_PREFIX.length()), props.getProperty(name).trim());
            }
        }
        return out;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env, List<String> problems) {
        Map<String, String> envNameToKey = new LinkedHashMap<>();
        for (String key : knownKeys()) {
            envNameToKey.put(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_'), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = envNameToKey.get(name);
            Matcher m = ENV_CHECK_KEY.matcher(name);
            if (key == null && m.matches()) {
                key = "check." + m.group(1).toLowerCase(Locale.ROOT) + "." + m.group(2).toLowerCase(Locale.ROOT);
            }
            if (key == null) {
                problems.add("unknown environment variable " + name + "; ignored");
                continue;
            }
            out.put(key, e.getValue().trim());
        }
        return out;
    }

    private static Map<String, String> fromFile(String path, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            problems.add("option 'config': cannot read properties file '" + path + "' (" + e.getClass().getSimpleName()
                    + "); its options are not used");
            return out;
        }
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name).trim());
        }
        return out;
    }

    /** Duration options with their defaults and least values, in README order. */
    static final Map<String, Duration[]> DURATIONS = new LinkedHashMap<>();

    static {
        duration("alertmanager.resend", Duration.ofMinutes(1), Duration.ofSeconds(1));
        duration("alert.renotify", Duration.ofMinutes(3), Duration.ofSeconds(1));
        duration("apdex.t", Duration.ofMillis(500), Duration.ofMillis(1));
        duration("forecast.window", Duration.ofHours(1), Duration.ofSeconds(10));
        duration("forecast.disk.info", Duration.ofDays(3), Duration.ofSeconds(1));
        duration("forecast.disk.warning", Duration.ofHours(8), Duration.ofSeconds(1));
        duration("forecast.disk.critical", Duration.ofHours(2), Duration.ofSeconds(1));
        duration("forecast.disk.warning_clear", Duration.ofHours(48), Duration.ofSeconds(1));
        duration("forecast.disk.critical_clear", Duration.ofHours(24), Duration.ofSeconds(1));
        duration("pattern.recent", Duration.ofMinutes(5), Duration.ofSeconds(1));
        duration("checks.run_min_interval", Duration.ofSeconds(5), Duration.ZERO);
    }

    private static void duration(String key, Duration defaultValue, Duration least) {
        DURATIONS.put(key, new Duration[] {defaultValue, least});
    }

    static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(FIXED_KEYS);
        keys.addAll(DURATIONS.keySet());
        for (Thresholds.Metric m : Thresholds.Metric.values()) {
            for (String s : Thresholds.SEVERITIES) {
                keys.add("threshold." + m.key + "." + s);
            }
        }
        return keys;
    }

    private static Options build(Map<String, String> raw, List<String> problems) {
        Builder b = new Builder(problems);
        Set<String> known = new LinkedHashSet<>(knownKeys());
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            Matcher check = CHECK_URL_KEY.matcher(key);
            Matcher setting = CHECK_SETTING_KEY.matcher(key);
            if (setting.matches()) {
                b.setCheckSetting(key, setting.group(1), setting.group(2), value);
            } else if (check.matches() && !key.equals("check.interval")) {
                String name = check.group(1);
                if (BUILT_IN_CHECKS.contains(name)) {
                    problems.add("option '" + key + "': '" + name + "' is a built-in check name; choose another NAME");
                } else if (value.isEmpty()) {
                    problems.add("option '" + key + "' is empty; expected http(s)://..., tcp://host:port or a JDBC URL");
                } else {
                    b.extraChecks.put(name, value);
                }
            } else if (!known.contains(key)) {
                problems.add("unknown option '" + key + "'; ignored");
            } else {
                b.set(key, value);
            }
        }
        b.finishThresholds();
        b.finishForecastLevels();
        return new Options(b);
    }

    /** Mutable state while parsing; only {@link Options} escapes. */
    static final class Builder {
        boolean enabled = true;
        int port = 8082;
        String host = "0.0.0.0";
        String serviceName = "stream-server";
        String serviceVersion;
        Duration checkInterval = Duration.ofSeconds(10);
        String authToken;
        String dbUrl;
        String dbUser;
        String dbPassword;
        String redisUrl;
        String jaegerEndpoint;
        String audioDir;
        String cacheDir;
        String storePath = Paths.get("health-agent-data", "health.db").toString();
        final Map<String, String> extraChecks = new LinkedHashMap<>();
        long cacheMaxBytes = 1L << 30;
        int websocketMaxConnections;
        /** null: three check intervals. */
        Duration alertFor;
        double alertClearMargin = 10;
        long storeMaxBytes = 50L << 20;
        double cpuThrottledWarning = 20;
        double websocketAbnormalCloseWarning = 10;
        /** Checks whose failure makes the server not ready; null: the required ones. */
        java.util.Set<String> readinessChecks;
        /** Service status to the HTTP code of /health and /health/detailed; null: readiness decides. */
        java.util.Map<io.healthagent.model.ServiceStatus, Integer> statusHttpMapping;
        /** always, when-authorized, never; null: always without auth.token, when-authorized with it. */
        String details;
        final List<String> routes = new java.util.ArrayList<>();
        String webhookUrl;
        String alertmanagerUrl;
        String serviceInstance;
        /** Every duration option of {@link #DURATIONS}, its default until set. */
        final Map<String, Duration> durations = new LinkedHashMap<>();
        private final Set<String> explicit = new LinkedHashSet<>();
        Thresholds thresholds;
        private final Map<String, Map<String, String>> checkSettingValues = new TreeMap<>();
        final List<String> problems;
        private final Map<Thresholds.Metric, double[]> levels = new EnumMap<>(Thresholds.Metric.class);
        private final Map<Thresholds.Metric, Boolean> levelsSet = new EnumMap<>(Thresholds.Metric.class);

        Builder(List<String> problems) {
            this.problems = problems;
            for (Map.Entry<String, Duration[]> d : DURATIONS.entrySet()) durations.put(d.getKey(), d.getValue()[0]);
            Thresholds d = Thresholds.defaults();
            for (Thresholds.Metric m : Thresholds.Metric.values()) {
                levels.put(m, new double[] {d.warning(m), d.critical(m), d.emergency(m)});
            }
        }

        void set(String key, String value) {
            Duration[] duration = DURATIONS.get(key);
            if (duration != null) {
                try {
                    Duration d = Durations.parse(value);
                    if (d.compareTo(duration[1]) < 0) {
                        throw new IllegalArgumentException("expected at least " + Durations.format(duration[1]));
                    }
                    durations.put(key, d);
                    explicit.add(key);
                } catch (IllegalArgumentException e) {
                    problems.add(bad(key, value, e.getMessage(), "using " + Durations.format(duration[0])));
                }
                return;
            }
            switch (key) {
                case "alert.webhook.url":
                case "alertmanager.url": {
                    String v = emptyToNull(value);
                    if (v != null && !v.matches("https?://[^\\s/]+.*")) {
                        // Not echoed: a webhook URL often carries a token.
                        problems.add("option '" + key + "' is invalid: expected an http:// or https:// URL; not used");
                    } else if (key.equals("alertmanager.url")) {
                        alertmanagerUrl = v;
                    } else {
                        webhookUrl = v;
                    }
                    return;
                }
                case "service.instance":
                    serviceInstance = emptyToNull(value);
                    return;
                case "enabled":
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        enabled = Boolean.parseBoolean(value);
                    } else {
                        problems.add(bad(key, value, "expected true or false", "using true"));
                    }
                    return;
                case "port":
                    port = parsePort(key, value);
                    return;
                case "host":
                    if (value.isEmpty() || value.matches(".*[\\s/,].*")) {
                        problems.add(bad(key, value, "expected an address like 0.0.0.0 or 127.0.0.1",
                                "the HTTP endpoints are off"));
                        port = -1;
                    } else {
                        host = value;
                    }
                    return;
                case "service.name":
                    if (!value.isEmpty()) serviceName = value;
                    return;
                case "service.version":
                    if (!value.isEmpty()) serviceVersion = value;
                    return;
                case "check.interval":
                    try {
                        Duration d = Durations.parse(value);
                        if (d.toMillis() < 100) throw new IllegalArgumentException("expected at least 100ms");
                        checkInterval = d;
                    } catch (IllegalArgumentException e) {
                        problems.add(bad(key, value, e.getMessage(), "using 10s"));
                    }
                    return;
                case "auth.token":
                    // Never echo a token back, even a malformed one.
                    if (value.isEmpty()) problems.add("option 'auth.token' is empty; endpoints stay open");
                    else authToken = value;
                    return;
                case "config":
                    return; // already used to find the file
                case "db.url": dbUrl = emptyToNull(value); return;
                case "db.user": dbUser = emptyToNull(value); return;
                case "db.password": dbPassword = emptyToNull(value); return;
                case "redis.url": redisUrl = emptyToNull(value); return;
                case "jaeger.endpoint": jaegerEndpoint = emptyToNull(value); return;
                case "audio.dir": audioDir = emptyToNull(value); return;
                case "cache.dir": cacheDir = emptyToNull(value); return;
                case "store.path":
                    if (!value.isEmpty()) storePath = value;
                    return;
                case "store.max_size":
                    try {
                        long v = Sizes.parse(value);
                        if (v < (1 << 20)) throw new IllegalArgumentException("expected at least 1m");
                        storeMaxBytes = v;
                    } catch (IllegalArgumentException e) {
                        problems.add(bad(key, value, e.getMessage(), "using 50m"));
                    }
                    return;
                case "container.cpu_throttled_warning":
                    try {
                        cpuThrottledWarning = percentage(value);
                    } catch (NumberFormatException e) {
                        problems.add(bad(key, value, "expected a percentage from 0 to 100, like 20%", "using 20%"));
                    }
                    return;
                case "readiness.checks": {
                    java.util.Set<String> names = new java.util.LinkedHashSet<>();
                    boolean ok = true;
                    for (String n : value.split(";")) {
                        String name = n.trim();
                        if (name.isEmpty()) continue;
                        if (!name.matches("[a-z0-9_-]+")) ok = false;
                        names.add(name);
                    }
                    if (ok) readinessChecks = names;
                    else problems.add(bad(key, value, "expected check names separated by ';', like database;audio_directory",
                            "using database;audio_directory"));
                    return;
                }
                case "status.http_mapping": {
                    java.util.Map<io.healthagent.model.ServiceStatus, Integer> mapping =
                            new java.util.EnumMap<>(io.healthagent.model.ServiceStatus.class);
                    try {
                        for (String pair : value.split(";")) {
                            if (pair.trim().isEmpty()) continue;
                            String[] kv = pair.split(":", 2);
                            io.healthagent.model.ServiceStatus status = null;
                            for (io.healthagent.model.ServiceStatus st : io.healthagent.model.ServiceStatus.values()) {
                                if (st.wire().equals(kv[0].trim())) status = st;
                            }
                            int code = Integer.parseInt(kv[1].trim());
                            if (status == null || code < 200 || code > 599) throw new NumberFormatException();
                            mapping.put(status, code);
                        }
                        statusHttpMapping = mapping;
                    } catch (RuntimeException e) {
                        problems.add(bad(key, value, "expected STATUS:CODE pairs separated by ';', like unhealthy:503;critical:503",
                                "/health follows readiness"));
                    }
                    return;
                }
                case "routes": {
                    // Agent arguments split on commas, so the patterns are separated by ';'.
                    List<String> patterns = new java.util.ArrayList<>();
                    String problem = null;
                    for (String p : value.split(";")) {
                        String pattern = p.trim();
                        if (pattern.isEmpty()) continue;
                        String why = io.healthagent.metrics.PathRoutes.problemWith(pattern);
                        if (why != null && problem == null) problem = why;
                        patterns.add(pattern);
                    }
                    if (problem == null) {
                        routes.clear();
                        routes.addAll(patterns);
                    } else {
                        problems.add(bad(key, value, "expected paths separated by ';', like /api/tracks/{id};/stream/* ("
                                + problem + ")", "routes are first path segments"));
                    }
                    return;
                }
                case "details":
                    if (value.equals("always") || value.equals("when-authorized") || value.equals("never")) details = value;
                    else problems.add(bad(key, value, "expected always, when-authorized or never", "using the default"));
                    return;
                case "websocket.abnormal_close_warning":
                    try {
                        websocketAbnormalCloseWarning = percentage(value);
                    } catch (NumberFormatException e) {
                        problems.add(bad(key, value, "expected a percentage from 0 to 100, like 10%", "using 10%"));
                    }
                    return;
                case "alert.for":
                    try {
                        alertFor = Durations.parse(value);
                    } catch (IllegalArgumentException e) {
                        problems.add(bad(key, value, e.getMessage(), "using three check intervals"));
                    }
                    return;
                case "alert.clear_margin":
                    try {
                        String num = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
                        double v = Double.parseDouble(num);
                        if (!(v >= 0 && v < 100)) throw new NumberFormatException();
                        alertClearMargin = v;
                    } catch (NumberFormatException e) {
                        problems.add(bad(key, value, "expected a percentage from 0 to 99, like 10%", "using 10%"));
                    }
                    return;
                case "cache.max_size":
                    try {
                        cacheMaxBytes = Sizes.parse(value);
                    } catch (IllegalArgumentException e) {
                        problems.add(bad(key, value, e.getMessage(), "using 1g"));
                    }
                    return;
                case "websocket.max_connections":
                    try {
                        websocketMaxConnections = Integer.parseInt(value);
                        if (websocketMaxConnections < 1) throw new NumberFormatException();
                    } catch (NumberFormatException e) {
                        websocketMaxConnections = 0;
                        problems.add(bad(key, value, "expected a whole number above 0", "no websocket check"));
                    }
                    return;
                default:
                    setThreshold(key, value);
            }
        }

        private int parsePort(String key, String value) {
            try {
                int p = Integer.parseInt(value);
                if (p >= 0 && p <= 65535) {
                    return port < 0 ? port : p; // a bad host already turned HTTP off
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(bad(key, value, "expected a number from 0 to 65535 (0 picks a free port)",
                    "the HTTP endpoints are off"));
            return -1;
        }

        private void setThreshold(String key, String value) {
            String[] parts = key.split("\\.");
            Thresholds.Metric metric = null;
            for (Thresholds.Metric m : Thresholds.Metric.values()) {
                if (m.key.equals(parts[1])) metric = m;
            }
            int level = Arrays.asList(Thresholds.SEVERITIES).indexOf(parts[2]);
            if (metric == null || level < 0) {
                problems.add("unknown option '" + key + "'; ignored");
                return;
            }
            try {
                double v;
                if (metric.isDuration()) {
                    v = Durations.parse(value).toMillis();
                } else {
                    String num = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
                    v = Double.parseDouble(num);
                    if (!(v >= 0 && v <= 100)) throw new NumberFormatException();
                }
                levels.get(metric)[level] = v;
                levelsSet.put(metric, true);
            } catch (IllegalArgumentException e) {
                String form = metric.isDuration() ? "expected a duration like 500ms, 1s or 3s"
                        : "expected a percentage from 0 to 100";
                problems.add(bad(key, value, form, "using the default"));
            }
        }

        void setCheckSetting(String key, String check, String setting, String value) {
            checkSettingValues.computeIfAbsent(check, c -> new LinkedHashMap<>()).put(setting, value);
        }

        /** Validates every check.NAME.SETTING; a bad one is reported and its default kept. */
        Map<String, CheckSettings> checkSettings() {
            Map<String, CheckSettings> out = new LinkedHashMap<>();
            CheckSettings d = CheckSettings.DEFAULTS;
            for (Map.Entry<String, Map<String, String>> e : checkSettingValues.entrySet()) {
                Duration timeout = d.timeout;
                Duration interval = d.interval;
                long maxResponse = d.threshold.max_response_time_ms;
                float maxFailureRate = d.threshold.max_failure_rate;
                int maxConsecutive = d.threshold.max_consecutive_failures;
                String expected = d.expectedStatus;
                for (Map.Entry<String, String> s : e.getValue().entrySet()) {
                    String key = "check." + e.getKey() + "." + s.getKey();
                    String value = s.getValue();
                    try {
                        switch (s.getKey()) {
                            case "interval":
                                interval = Durations.parse(value);
                                if (interval.toMillis() < 100) throw new IllegalArgumentException("expected at least 100ms");
                                break;
                            case "timeout":
                                timeout = Durations.parse(value);
                                if (timeout.toMillis() < 10) throw new IllegalArgumentException("expected at least 10ms");
                                break;
                            case "max_response_time":
                                maxResponse = Durations.parse(value).toMillis();
                                break;
                            case "max_failure_rate":
                                maxFailureRate = Float.parseFloat(value);
                                if (!(maxFailureRate >= 0 && maxFailureRate <= 1)) {
                                    throw new IllegalArgumentException("expected a fraction from 0 to 1, like 0.1");
                                }
                                break;
                            case "max_consecutive_failures":
                                maxConsecutive = Integer.parseInt(value);
                                if (maxConsecutive < 1) throw new IllegalArgumentException("expected a whole number above 0");
                                break;
                            default: // expected_status
                                if (!value.equalsIgnoreCase("2xx") && !value.matches("[1-5]\\d\\d")) {
                                    throw new IllegalArgumentException("expected 2xx or a status code like 204");
                                }
                                expected = value.toLowerCase(Locale.ROOT);
                        }
                    } catch (IllegalArgumentException ex) {
                        String form = ex instanceof NumberFormatException ? "expected a number" : ex.getMessage();
                        problems.add(bad(key, value, form, "using the default"));
                    }
                }
                out.put(e.getKey(), new CheckSettings(interval, timeout,
                        new io.healthagent.model.HealthThreshold(maxResponse, maxFailureRate, maxConsecutive), expected));
            }
            return out;
        }

        /** The disk-full horizons must widen from critical to warning to info, and each clear lie beyond its level. */
        void finishForecastLevels() {
            // A burst must not be in its own baseline by the time it has held alert.for.
            Duration hold = alertFor != null ? alertFor : checkInterval.multipliedBy(3);
            if (durations.get("pattern.recent").compareTo(hold.multipliedBy(2)) < 0) {
                if (explicit.contains("pattern.recent")) {
                    problems.add("option 'pattern.recent' = '" + Durations.format(durations.get("pattern.recent"))
                            + "' is too short: it must outlast alert.for twice (" + Durations.format(hold) + "); using "
                            + Durations.format(hold.multipliedBy(2)));
                }
                durations.put("pattern.recent", hold.multipliedBy(2));
            }
            Duration critical = durations.get("forecast.disk.critical");
            Duration warning = durations.get("forecast.disk.warning");
            Duration info = durations.get("forecast.disk.info");
            boolean ok = critical.compareTo(warning) <= 0 && warning.compareTo(info) <= 0
                    && durations.get("forecast.disk.warning_clear").compareTo(warning) >= 0
                    && durations.get("forecast.disk.critical_clear").compareTo(critical) >= 0;
            if (!ok) {
                problems.add("options 'forecast.disk.*' must widen from critical to warning to info, each clear at or"
                        + " above its level; using the defaults (2h, 8h, 3d; clear 24h, 48h)");
                for (String key : Arrays.asList("forecast.disk.critical", "forecast.disk.warning", "forecast.disk.info",
                        "forecast.disk.warning_clear", "forecast.disk.critical_clear")) {
                    durations.put(key, DURATIONS.get(key)[0]);
                }
            }
        }

        void finishThresholds() {
            Thresholds d = Thresholds.defaults();
            for (Thresholds.Metric m : Thresholds.Metric.values()) {
                double[] l = levels.get(m);
                if (levelsSet.containsKey(m) && !(l[0] <= l[1] && l[1] <= l[2])) {
                    problems.add("options 'threshold." + m.key + ".*' must rise from warning to critical to emergency;"
                            + " using the defaults for " + m.key);
                    levels.put(m, new double[] {d.warning(m), d.critical(m), d.emergency(m)});
                }
            }
            thresholds = new Thresholds(levels);
        }

        private static String emptyToNull(String s) {
            return s.isEmpty() ? null : s;
        }

        private static String bad(String key, String value, String expected, String consequence) {
            return "option '" + key + "' = '" + value + "' is invalid: " + expected + "; " + consequence;
        }
    }
}
