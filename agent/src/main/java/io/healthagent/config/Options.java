package io.healthagent.config;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every option of the agent, parsed and validated once at start. All parts read this one object.
 * Built by {@link OptionsLoader}; see DESIGN.md for the keys and their precedence.
 */
public final class Options {
    public final boolean enabled;
    /** -1 when the port option was invalid: the HTTP endpoints stay off, the rest runs. */
    public final int port;
    public final String host;
    public final String serviceName;
    /** null: read from the host jar's manifest at start, else "unknown". */
    public final String serviceVersion;
    public final Duration checkInterval;
    /** null: endpoints are open. */
    public final String authToken;

    public final String dbUrl;
    public final String dbUser;
    public final String dbPassword;
    public final String redisUrl;
    public final String jaegerEndpoint;
    public final String audioDir;
    public final String cacheDir;
    public final String storePath;
    /** The history store's file never grows past this (store.max_size). */
    public final long storeMaxBytes;
    /** Inside a CPU quota, the cpu check warns when more than this share of periods was throttled (percent). */
    public final double cpuThrottledWarning;
    /** The websocket check warns when more of the last 5 minutes' closes than this percentage were abnormal (1006). */
    public final double websocketAbnormalCloseWarning;
    /** Checks whose failure makes the server not ready (readiness.checks): by default the required ones. */
    public final java.util.Set<String> readinessChecks;
    /** Service status to HTTP code for /health and /health/detailed (status.http_mapping); empty: readiness decides. */
    public final java.util.Map<io.healthagent.model.ServiceStatus, Integer> statusHttpMapping;
    /** Who sees the detailed endpoints (details): always, when-authorized or never. */
    public final String details;
    /** Route patterns for servers without templates (routes, ';'-separated); empty: first path segment. */
    public final List<String> routes;
    /** check.NAME.url: NAME to URL, in key order. */
    public final Map<String, String> extraChecks;
    /** Largest size of cache.dir before the cache check warns (cache.max_size). */
    public final long cacheMaxBytes;
    /** WebSocket connections before the websocket check warns (websocket.max_connections); 0 = no check. */
    public final int websocketMaxConnections;
    /** How long a condition must hold before an alert is raised, escalated, lowered or resolved (alert.for). */
    public final Duration alertFor;
    /** A level clears only below its threshold less this share of it, in percent (alert.clear_margin). */
    public final double alertClearMargin;
    /** Where each alert transition is POSTed as JSON (alert.webhook.url); null: no webhook. */
    public final String webhookUrl;
    /** Alertmanager's base URL (alertmanager.url); null: not used. */
    public final String alertmanagerUrl;
    /** The {@code instance} label and the notifications' instance (service.instance); null: HOST:PORT. */
    public final String serviceInstance;
    /** How often active alerts are sent to Alertmanager again (alertmanager.resend). */
    public final Duration alertmanagerResend;
    /** First reminder of a Critical or Emergency alert; each next one waits twice as long, up to 8 times (alert.renotify). */
    public final Duration alertRenotify;
    /** Apdex's T (apdex.t): satisfied at most T, tolerating up to 4T. */
    public final Duration apdexT;
    /** Samples the trends, forecasts and the leak rule regress over (forecast.window). */
    public final Duration forecastWindow;
    /** Disk-full forecast levels: Info, Warning and Critical under these (forecast.disk.*). */
    public final Duration diskInfo;
    public final Duration diskWarning;
    public final Duration diskCritical;
    /** A disk-full Warning clears above this, a Critical above the other (Netdata's 48 h and 24 h). */
    public final Duration diskWarningClear;
    public final Duration diskCriticalClear;
    /** The recent stretch the pattern rules compare with the baseline before it (pattern.recent). */
    public final Duration patternRecent;
    /** POST /health/checks/run runs at most once per this (checks.run_min_interval); more get 429. */
    public final Duration runMinInterval;
    private final Map<String, CheckSettings> checkSettings;
    public final Thresholds thresholds;

    /** One human line per rejected or unknown option; the agent logs them at start. */
    public final List<String> problems;

    Options(OptionsLoader.Builder b) {
        this.enabled = b.enabled;
        this.port = b.port;
        this.host = b.host;
        this.serviceName = b.serviceName;
        this.serviceVersion = b.serviceVersion;
        this.checkInterval = b.checkInterval;
        this.authToken = b.authToken;
        this.dbUrl = b.dbUrl;
        this.dbUser = b.dbUser;
        this.dbPassword = b.dbPassword;
        this.redisUrl = b.redisUrl;
        this.jaegerEndpoint = b.jaegerEndpoint;
        this.audioDir = b.audioDir;
        this.cacheDir = b.cacheDir;
        this.storePath = b.storePath;
        this.storeMaxBytes = b.storeMaxBytes;
        this.cpuThrottledWarning = b.cpuThrottledWarning;
        this.websocketAbnormalCloseWarning = b.websocketAbnormalCloseWarning;
        this.readinessChecks = java.util.Collections.unmodifiableSet(b.readinessChecks != null ? b.readinessChecks
                : new java.util.LinkedHashSet<>(java.util.Arrays.asList("database", "audio_directory")));
        this.statusHttpMapping = b.statusHttpMapping == null ? java.util.Collections.emptyMap()
                : java.util.Collections.unmodifiableMap(b.statusHttpMapping);
        this.routes = Collections.unmodifiableList(new java.util.ArrayList<>(b.routes));
        this.details = b.details != null ? b.details : (b.authToken == null ? "always" : "when-authorized");
        this.extraChecks = Collections.unmodifiableMap(b.extraChecks);
        this.cacheMaxBytes = b.cacheMaxBytes;
        this.websocketMaxConnections = b.websocketMaxConnections;
        this.alertFor = b.alertFor != null ? b.alertFor : b.checkInterval.multipliedBy(3);
        this.alertClearMargin = b.alertClearMargin;
        this.webhookUrl = b.webhookUrl;
        this.alertmanagerUrl = b.alertmanagerUrl;
        this.serviceInstance = b.serviceInstance;
        this.alertmanagerResend = b.durations.get("alertmanager.resend");
        this.alertRenotify = b.durations.get("alert.renotify");
        this.apdexT = b.durations.get("apdex.t");
        this.forecastWindow = b.durations.get("forecast.window");
        this.diskInfo = b.durations.get("forecast.disk.info");
        this.diskWarning = b.durations.get("forecast.disk.warning");
        this.diskCritical = b.durations.get("forecast.disk.critical");
        this.diskWarningClear = b.durations.get("forecast.disk.warning_clear");
        this.diskCriticalClear = b.durations.get("forecast.disk.critical_clear");
        this.patternRecent = b.durations.get("pattern.recent");
        this.runMinInterval = b.durations.get("checks.run_min_interval");
        this.checkSettings = Collections.unmodifiableMap(b.checkSettings());
        this.thresholds = b.thresholds;
        this.problems = Collections.unmodifiableList(b.problems);
    }

    /** The timeout and thresholds of check {@code name}: its own options over the defaults. */
    public CheckSettings check(String name) {
        return checkSettings.getOrDefault(name, CheckSettings.DEFAULTS);
    }

    /** How often check {@code name} runs: check.NAME.interval, else check.interval. */
    public Duration intervalOf(String name) {
        Duration own = check(name).interval;
        return own != null ? own : checkInterval;
    }

    /** The filesystem the disk_space check and the disk-full forecast watch: audio.dir's, else the working directory's. */
    public java.nio.file.Path watchedDisk() {
        return java.nio.file.Paths.get(audioDir != null ? audioDir : System.getProperty("user.dir")).toAbsolutePath();
    }

    public boolean httpEnabled() {
        return port >= 0;
    }
}
