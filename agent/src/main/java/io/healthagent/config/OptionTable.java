package io.healthagent.config;

import static io.healthagent.config.ValueReaders.bool;
import static io.healthagent.config.ValueReaders.checkNames;
import static io.healthagent.config.ValueReaders.checkUrl;
import static io.healthagent.config.ValueReaders.duration;
import static io.healthagent.config.ValueReaders.expectedStatus;
import static io.healthagent.config.ValueReaders.namePatterns;
import static io.healthagent.config.ValueReaders.fraction;
import static io.healthagent.config.ValueReaders.host;
import static io.healthagent.config.ValueReaders.httpUrl;
import static io.healthagent.config.ValueReaders.oneOf;
import static io.healthagent.config.ValueReaders.percentage;
import static io.healthagent.config.ValueReaders.port;
import static io.healthagent.config.ValueReaders.routePatterns;
import static io.healthagent.config.ValueReaders.severity;
import static io.healthagent.config.ValueReaders.size;
import static io.healthagent.config.ValueReaders.statusMapping;
import static io.healthagent.config.ValueReaders.text;
import static io.healthagent.config.ValueReaders.threshold;
import static io.healthagent.config.ValueReaders.token;
import static io.healthagent.config.ValueReaders.wholeAbove0;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.ServiceStatus;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every option of the agent, declared once: key, default, how a value is read and bounded, what a bad
 * value falls back to, and its row in docs/configuration.md (generated from this table, see
 * {@link ConfigurationPage}). Adding an option is one declaration here plus its use through
 * {@link Options#get(Option)}.
 */
public final class OptionTable {
    private static final List<Option<?>> DECLARED = new ArrayList<>();

    /** Built-in check names, which check.NAME.url may not reuse. */
    static final Set<String> BUILT_IN_CHECKS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "cpu", "memory", "disk_space", "network", "database", "audio_directory", "cache", "websocket",
            "redis", "jaeger")));

    static final String PORT = "The agent, its port and who may read it";
    static final String SERVICE = "The service: names, readiness, routes";
    static final String CHECKS = "Checks: schedule, timeouts, thresholds, extra probes";
    static final String DEPENDENCIES = "The stream server's dependencies and system checks";
    static final String APP_CHECKS = "The application's own checks";
    static final String ALERTS = "Alerts";
    static final String NOTIFICATIONS = "Notifications";
    static final String HISTORY = "History store";
    static final String TRENDS = "Trends, forecasts and the health score";

    // ---- The agent, its port and who may read it

    public static final Option<Boolean> ENABLED = declare(new Option<>(PORT, "enabled", true, "`true`", bool(),
            "`false`: nothing is instrumented, no thread, no port"));
    public static final Option<Integer> PORT_NUMBER = declare(new Option<>(PORT, "port", 8082, "`8082`", port(),
            "the agent's HTTP port; `0` picks a free one (the chosen port is logged). A bad value turns the endpoints off")
            .onBad("the HTTP endpoints are off", -1));
    public static final Option<String> HOST = declare(new Option<>(PORT, "host", "0.0.0.0", "`0.0.0.0`", host(),
            "bind address of the agent's port; `127.0.0.1` keeps it on the machine. A bad value turns the endpoints off")
            .onBad("the HTTP endpoints are off"));
    public static final Option<String> AUTH_TOKEN = declare(new Option<String>(PORT, "auth.token", null, "none", token(),
            "when set (and `details` is `when-authorized`, its default then), `/health/detailed`, `/health/alerts`,"
                    + " `/health/history`, `/health/report` and `/metrics` need `Authorization: Bearer TOKEN` (compared in"
                    + " constant time); `/health`, `/health/live`, `/health/ready` stay open for probes and carry no"
                    + " check details")
            .secret());
    public static final Option<String> DETAILS = declare(new Option<String>(PORT, "details", null,
            "`always` without `auth.token`, `when-authorized` with it", oneOf("always", "when-authorized", "never"),
            "who gets the detailed endpoints: `always` everyone, `when-authorized` the bearer of `auth.token`"
                    + " (401 otherwise), `never` nobody (404)")
            .derivedDefault(o -> o.get(OptionTable.AUTH_TOKEN) == null ? "always" : "when-authorized")
            .onBad("using the default"));
    public static final Option<Duration> RUN_MIN_INTERVAL = declare(new Option<>(PORT, "checks.run_min_interval",
            Duration.ofSeconds(5), "`5s`", duration(Duration.ZERO),
            "`POST /health/checks/run` runs the checks at most once per this; sooner gets 429 with `Retry-After`"));
    public static final Option<Boolean> JMX_ENABLED = declare(new Option<>(PORT, "jmx.enabled", true, "`true`", bool(),
            "MXBeans under `io.healthagent` in the platform MBean server, with notifications ([JMX](jmx.md));"
                    + " `false`: none, and the platform MBean server is not started for the agent"));
    public static final Option<String> CONFIG = declare(new Option<String>(PORT, "config", null, "none", text(),
            "a properties file of options (`key=value` lines), read below the environment in precedence")
            .emptyIsUnset());

    // ---- The service

    public static final Option<String> SERVICE_NAME = declare(new Option<>(SERVICE, "service.name", "stream-server",
            "`stream-server`", text(), "`service` in every report").emptyIsUnset());
    public static final Option<String> SERVICE_VERSION = declare(new Option<String>(SERVICE, "service.version", null,
            "the host jar's `Implementation-Version`, else `unknown`", text(), "`version` in every report").emptyIsUnset());
    public static final Option<String> SERVICE_INSTANCE = declare(new Option<String>(SERVICE, "service.instance", null,
            "`HOST:PORT` (the agent port, as bound)", text(),
            "the `instance` of notifications and of Alertmanager's label").emptyIsUnset());
    public static final Option<Set<String>> READINESS_CHECKS = declare(new Option<Set<String>>(SERVICE,
            "readiness.checks", Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList("database", "audio_directory"))),
            "`database;audio_directory`", checkNames(),
            "the checks the server needs in order to serve, separated by `;` (agent arguments split on commas): one"
                    + " of them failing makes `/health/ready` (and by default `/health`) 503. Optional dependencies and"
                    + " load figures never count ([probe codes](endpoints.md#probe-codes))"));
    public static final Option<Map<ServiceStatus, Integer>> STATUS_HTTP_MAPPING = declare(
            new Option<Map<ServiceStatus, Integer>>(SERVICE, "status.http_mapping", Collections.emptyMap(), "none",
                    statusMapping(),
                    "maps the service status to the HTTP code of `/health` and `/health/detailed`, as `STATUS:CODE`"
                            + " pairs separated by `;` (`unhealthy:503;critical:503`); unlisted statuses answer 200."
                            + " Without it, those two answer 503 exactly when `/health/ready` does")
                    .onBad("/health follows readiness"));
    public static final Option<List<String>> ROUTES = declare(new Option<List<String>>(SERVICE, "routes",
            Collections.emptyList(), "none", routePatterns(),
            "route patterns for servers that have no templates of their own (Netty, Undertow's handlers without a"
                    + " `RoutingHandler`, NanoHTTPD), separated by `;`: `routes=/api/tracks/{id};/stream/*`. `{name}` or"
                    + " `*` matches one segment, a final `/*` the rest; the first that matches names the request,"
                    + " otherwise its first path segment does (`/api/*`). See [servers](servers.md#routes)")
            .onBad("routes are first path segments"));

    // ---- Checks

    public static final Option<Duration> CHECK_INTERVAL = declare(new Option<>(CHECKS, "check.interval",
            Duration.ofSeconds(10), "`10s`", duration(Duration.ofMillis(100)),
            "how often a snapshot is published, and how often each check runs unless it has its own interval (at"
                    + " least `100ms`)"));
    public static final Option<Duration> CHECK_OWN_INTERVAL = declare(new Option<Duration>(CHECKS,
            "check.NAME.interval", null, "`check.interval`", duration(Duration.ofMillis(100)),
            "how often check NAME runs (any check, system ones included: `check.disk_space.interval=1m`; at least"
                    + " `100ms`)")
            .onBad("using the default"));
    public static final Option<Duration> CHECK_TIMEOUT = declare(new Option<>(CHECKS, "check.NAME.timeout",
            Duration.ofSeconds(5), "`5s`", duration(Duration.ofMillis(10)),
            "how long check NAME may take before it fails (any check, built-in or extra; at least `10ms`)")
            .onBad("using the default"));
    public static final Option<Duration> CHECK_MAX_RESPONSE_TIME = declare(new Option<>(CHECKS,
            "check.NAME.max_response_time", Duration.ofSeconds(1), "`1s`", duration(Duration.ZERO),
            "a check slower than this warns (`max_response_time_ms` in its record)")
            .onBad("using the default"));
    public static final Option<Integer> CHECK_MAX_CONSECUTIVE_FAILURES = declare(new Option<>(CHECKS,
            "check.NAME.max_consecutive_failures", 3, "`3`", wholeAbove0(),
            "failures in a row that raise the component's alert").onBad("using the default"));
    public static final Option<Float> CHECK_MAX_FAILURE_RATE = declare(new Option<>(CHECKS,
            "check.NAME.max_failure_rate", 0.1f, "`0.1`", fraction(),
            "more than this share of the check's last 20 runs failing raises a Warning (a fraction)")
            .onBad("using the default"));
    public static final Option<String> CHECK_EXPECTED_STATUS = declare(new Option<>(CHECKS,
            "check.NAME.expected_status", "2xx", "`2xx`", expectedStatus(),
            "for HTTP checks: `2xx` or one status such as `204`").onBad("using the default"));
    public static final Option<String> CHECK_URL = declare(new Option<String>(CHECKS, "check.NAME.url", null, "none",
            checkUrl(BUILT_IN_CHECKS),
            "an extra check named NAME: `http(s)://...`, `tcp://host:port`, a JDBC URL, or `redis://...`"
                    + " (the specification's custom check; any number of them)"));

    // ---- The stream server's dependencies and system checks

    public static final Option<String> DB_URL = declare(new Option<String>(DEPENDENCIES, "db.url", null, "none", text(),
            "the `database` check: a JDBC URL (`jdbc:sqlite:PATH` through the agent's own sqlite-jdbc; any other URL"
                    + " through the driver the host ships)").emptyIsUnset());
    public static final Option<String> DB_USER = declare(new Option<String>(DEPENDENCIES, "db.user", null, "none",
            text(), "the `database` check's user").emptyIsUnset());
    public static final Option<String> DB_PASSWORD = declare(new Option<String>(DEPENDENCIES, "db.password", null,
            "none", text(), "the `database` check's password (better in `HEALTH_AGENT_DB_PASSWORD` than on the"
                    + " command line); never shown").emptyIsUnset().secret());
    public static final Option<String> AUDIO_DIR = declare(new Option<String>(DEPENDENCIES, "audio.dir", null, "none",
            text(), "the `audio_directory` check; also the filesystem `disk_space` and the disk-full forecast watch"
                    + " (else the working directory's)").emptyIsUnset());
    public static final Option<String> CACHE_DIR = declare(new Option<String>(DEPENDENCIES, "cache.dir", null, "none",
            text(), "the `cache` check").emptyIsUnset());
    public static final Option<Long> CACHE_MAX_SIZE = declare(new Option<>(DEPENDENCIES, "cache.max_size", 1L << 30,
            "`1g`", size(0, "0"), "the cache size the `cache` check warns near (at 90%); `512k`, `100m`, `2g`"));
    public static final Option<String> REDIS_URL = declare(new Option<String>(DEPENDENCIES, "redis.url", null, "none",
            text(), "the `redis` check: `redis://[user:password@]host:port[/db]`, `rediss://` for TLS").emptyIsUnset());
    public static final Option<String> JAEGER_ENDPOINT = declare(new Option<String>(DEPENDENCIES, "jaeger.endpoint",
            null, "none", text(), "the `jaeger` check: Jaeger's admin health URL, e.g. `http://jaeger:14269/`")
            .emptyIsUnset());
    public static final Option<Integer> WEBSOCKET_MAX_CONNECTIONS = declare(new Option<Integer>(DEPENDENCIES,
            "websocket.max_connections", null, "none", wholeAbove0(),
            "turns the `websocket` check on, with this limit: it warns from 90% of it and fails above it")
            .onBad("no websocket check"));
    public static final Option<Double> WEBSOCKET_ABNORMAL_CLOSE_WARNING = declare(new Option<>(DEPENDENCIES,
            "websocket.abnormal_close_warning", 10.0, "`10%`", percentage(100, true, "10%"),
            "the `websocket` check warns when more of the last 5 minutes' closes than this were abnormal (1006:"
                    + " dropped without a close handshake), once there were at least 10"));
    public static final Option<Double> CPU_THROTTLED_WARNING = declare(new Option<>(DEPENDENCIES,
            "container.cpu_throttled_warning", 20.0, "`20%`", percentage(100, true, "20%"),
            "inside a CPU quota, the `cpu` check warns when more of the scheduling periods than this were throttled"));

    // ---- Alerts

    public static final Option<Double> THRESHOLD = declare(new Option<Double>(ALERTS, "threshold.METRIC.SEVERITY", null,
            "the specification's table ([alerts](alerts.md#thresholds))", threshold(),
            "METRIC `cpu`, `memory`, `disk`, `error_rate` (percentages, `70` or `70%`), `response_time` (p95, a"
                    + " duration); SEVERITY `warning`, `critical`, `emergency`; they must rise in that order")
            .placeholder("METRIC", "cpu|memory|disk|error_rate|response_time")
            .placeholder("SEVERITY", "warning|critical|emergency")
            .onBad("using the default"));
    public static final Option<Duration> ALERT_FOR = declare(new Option<Duration>(ALERTS, "alert.for", null,
            "3 × `check.interval`", duration(Duration.ZERO),
            "how long a condition must hold before an alert is raised, escalated, lowered or resolved")
            .derivedDefault(o -> o.get(OptionTable.CHECK_INTERVAL).multipliedBy(3))
            .onBad("using three check intervals"));
    public static final Option<Double> ALERT_CLEAR_MARGIN = declare(new Option<>(ALERTS, "alert.clear_margin", 10.0,
            "`10%`", percentage(100, false, "10%"),
            "a level is left downwards only below its threshold less this share of it (a Warning at 70% CPU clears"
                    + " below 63%)"));
    public static final Option<Duration> ALERT_RENOTIFY = declare(new Option<>(ALERTS, "alert.renotify",
            Duration.ofMinutes(3), "`3m`", duration(Duration.ofSeconds(1)),
            "a Critical or Emergency alert is notified again this long after it was last told, then after twice, 4"
                    + " and 8 times that (3, 6, 12, 24, 24... minutes)"));

    // ---- The application's own checks

    public static final Option<Boolean> APP_CHECKS_ENABLED = declare(new Option<>(APP_CHECKS, "app_checks.enabled", true,
            "`true`", bool(), "run the checks the application declares in its framework (Spring Boot Actuator,"
                    + " MicroProfile Health, Dropwizard Metrics) as the agent's own ([application checks](app-checks.md))"));
    public static final Option<Set<String>> APP_CHECKS_INCLUDE = declare(new Option<Set<String>>(APP_CHECKS,
            "app_checks.include", Collections.<String>emptySet(), "all", namePatterns(),
            "only the application checks whose names match one of these patterns, separated by `;` (`*` matches"
                    + " any characters)"));
    public static final Option<Set<String>> APP_CHECKS_EXCLUDE = declare(new Option<Set<String>>(APP_CHECKS,
            "app_checks.exclude", Collections.<String>emptySet(), "none", namePatterns(),
            "leave out the application checks whose names match one of these patterns, separated by `;`"));
    public static final Option<Boolean> APP_CHECKS_INCLUDE_BUILTIN = declare(new Option<>(APP_CHECKS,
            "app_checks.include_builtin", false, "`false`", bool(),
            "`true`: also run the framework's own indicators (Actuator's disk space, ping, datasources), which the"
                    + " agent's own checks measure already"));
    public static final Option<Boolean> LIVENESS_APP_CHECKS = declare(new Option<>(APP_CHECKS, "liveness.app_checks", false,
            "`false`", bool(), "`true`: a failing application check the application marks for liveness (MicroProfile"
                    + " `@Liveness`, Actuator's `liveness` group) fails `/health/live`. By default it only degrades the"
                    + " status: a failing dependency must not restart a pod"));

    // ---- Notifications

    public static final Option<String> WEBHOOK_URL = declare(new Option<String>(NOTIFICATIONS, "alert.webhook.url",
            null, "none", httpUrl(),
            "POST one JSON document per alert transition and reminder here ([notifications](alerts.md#webhook));"
                    + " its path and query are never logged")
            .emptyIsUnset().secret());
    public static final Option<Integer> WEBHOOK_QUEUE = declare(new Option<>(NOTIFICATIONS, "alert.webhook.queue",
            1000, "`1000`", wholeAbove0(),
            "notifications waiting for a slow webhook at most; past it the oldest are dropped, counted in"
                    + " `health_agent_notifications_total{outcome=\"dropped\"}` and logged once"));
    public static final Option<String> ALERTMANAGER_URL = declare(new Option<String>(NOTIFICATIONS, "alertmanager.url",
            null, "none", httpUrl(),
            "Alertmanager's base URL (`http://alertmanager:9093`): active alerts go to its API v2"
                    + " ([Alertmanager](alerts.md#alertmanager))")
            .emptyIsUnset().secret());
    public static final Option<Duration> ALERTMANAGER_RESEND = declare(new Option<>(NOTIFICATIONS,
            "alertmanager.resend", Duration.ofMinutes(1), "`1m`", duration(Duration.ofSeconds(1)),
            "how often active alerts are sent to Alertmanager again; `endsAt` is 4 of these ahead"));
    public static final Option<AlertSeverity> ALERTMANAGER_MIN_SEVERITY = declare(new Option<>(NOTIFICATIONS,
            "alertmanager.min_severity", AlertSeverity.WARNING, "`Warning`", severity(),
            "the least severe alerts sent to Alertmanager: `Info`, `Warning`, `Critical` or `Emergency` (any case);"
                    + " Info notes such as `COMPONENT:recovery` stay in the agent's log by default"));

    // ---- History store

    public static final Option<String> STORE_PATH = declare(new Option<>(HISTORY, "store.path",
            Paths.get("health-agent-data", "health.db").toString(), "`health-agent-data/health.db` (under the working"
                    + " directory)", text(), "the history store's SQLite file ([history](history.md))").emptyIsUnset());
    public static final Option<Long> STORE_MAX_SIZE = declare(new Option<>(HISTORY, "store.max_size", 50L << 20, "`50m`",
            size(1 << 20, "1m"), "the store's file never grows past this (at least `1m`); the oldest samples go first"));

    // ---- Trends, forecasts and the health score

    public static final Option<Duration> APDEX_T = declare(new Option<>(TRENDS, "apdex.t", Duration.ofMillis(500),
            "`500ms`", duration(Duration.ofMillis(1)),
            "Apdex's T for the health score: satisfied at most T, tolerating up to 4T (times to first byte)"));
    public static final Option<Duration> FORECAST_WINDOW = declare(new Option<>(TRENDS, "forecast.window",
            Duration.ofHours(1), "`1h`", duration(Duration.ofSeconds(10)),
            "the recent samples trends, forecasts and patterns read (at least `10s`)"));
    public static final Option<Duration> DISK_INFO = declare(new Option<>(TRENDS, "forecast.disk.info",
            Duration.ofDays(3), "`3d`", duration(Duration.ofSeconds(1)),
            "an Info note when the disk fills within this at the recent rate"));
    public static final Option<Duration> DISK_WARNING = declare(new Option<>(TRENDS, "forecast.disk.warning",
            Duration.ofHours(8), "`8h`", duration(Duration.ofSeconds(1)),
            "a Warning when the disk fills within this"));
    public static final Option<Duration> DISK_CRITICAL = declare(new Option<>(TRENDS, "forecast.disk.critical",
            Duration.ofHours(2), "`2h`", duration(Duration.ofSeconds(1)),
            "a Critical alert when the disk fills within this"));
    public static final Option<Duration> DISK_WARNING_CLEAR = declare(new Option<>(TRENDS,
            "forecast.disk.warning_clear", Duration.ofHours(48), "`48h`", duration(Duration.ofSeconds(1)),
            "a disk-full Warning clears only when the forecast is above this (Netdata's default)"));
    public static final Option<Duration> DISK_CRITICAL_CLEAR = declare(new Option<>(TRENDS,
            "forecast.disk.critical_clear", Duration.ofHours(24), "`24h`", duration(Duration.ofSeconds(1)),
            "a disk-full Critical clears only when the forecast is above this (Netdata's default)"));
    public static final Option<Duration> PATTERN_RECENT = declare(new Option<>(TRENDS, "pattern.recent",
            Duration.ofMinutes(5), "`5m`", duration(Duration.ofSeconds(1)),
            "the recent stretch the pattern rules leave out of their baseline (the latency-drift rule compares it"
                    + " with the rest of `forecast.window`); at least twice `alert.for` (a shorter value is raised to"
                    + " that, with a line when it was set)"));

    private OptionTable() {
    }

    private static <T> Option<T> declare(Option<T> option) {
        DECLARED.add(option);
        return option;
    }

    /** Every option, in the order of docs/configuration.md. */
    public static List<Option<?>> all() {
        return Collections.unmodifiableList(DECLARED);
    }

    /** The option {@code key} names (a template's instance included), or null. */
    static Option<?> find(String key) {
        for (Option<?> o : DECLARED) {
            if (!o.isTemplate() && o.key.equals(key)) return o;
        }
        for (Option<?> o : DECLARED) {
            if (o.isTemplate() && o.matches(key)) return o;
        }
        return null;
    }

    /** The option key an environment variable names, or null. */
    static String keyOfEnvironment(String variable) {
        for (Option<?> o : DECLARED) {
            if (!o.isTemplate() && o.keyOfEnvironment(variable) != null) return o.key;
        }
        for (Option<?> o : DECLARED) {
            String key = o.isTemplate() ? o.keyOfEnvironment(variable) : null;
            if (key != null) return key;
        }
        return null;
    }

    /** The declared key nearest an unknown one (a template filled with the unknown key's own names), or null. */
    static String nearest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String[] segments = unknown.split("\\.", -1);
        for (Option<?> o : DECLARED) {
            String candidate = o.key;
            if (o.isTemplate()) {
                String[] own = o.key.split("\\.");
                if (own.length != segments.length) continue;
                StringBuilder filled = new StringBuilder();
                for (int i = 0; i < own.length; i++) {
                    if (i > 0) filled.append('.');
                    filled.append(own[i].matches("[A-Z]+") ? segments[i] : own[i]);
                }
                candidate = filled.toString();
            }
            int d = distance(unknown, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        // A near miss: a typo or two, not another word.
        return best != null && bestDistance > 0 && bestDistance <= Math.max(2, unknown.length() / 5) ? best : null;
    }

    /** The environment variable nearest an unknown one, or null. */
    static String nearestEnvironment(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Option<?> o : DECLARED) {
            if (o.isTemplate()) continue;
            int d = distance(unknown, o.environmentName());
            if (d < bestDistance) {
                bestDistance = d;
                best = o.environmentName();
            }
        }
        return best != null && bestDistance <= Math.max(2, unknown.length() / 8) ? best : null;
    }

    /** Levenshtein distance, with a swap of neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The option tables of docs/configuration.md, one per group, as this table declares them. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        String group = null;
        for (Option<?> o : DECLARED) {
            if (!o.group.equals(group)) {
                group = o.group;
                if (out.length() > 0) out.append('\n');
                out.append("### ").append(group).append("\n\n");
                out.append("| key | default | meaning |\n|---|---|---|\n");
            }
            out.append("| `").append(o.key).append("` | ").append(o.defaultText).append(" | ")
                    .append(o.description.replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
