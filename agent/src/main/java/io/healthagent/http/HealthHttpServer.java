package io.healthagent.http;

import io.healthagent.AgentLog;
import io.healthagent.AgentVersion;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.model.HealthStatus;
import io.healthagent.model.ReportJson;
import io.healthagent.model.ServiceStatus;
import io.healthagent.monitor.CheckRuns;
import io.healthagent.monitor.HealthMonitor;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.monitor.Liveness;
import io.healthagent.report.HealthReport;
import io.healthagent.report.Reports;
import io.healthagent.store.HistoryStore;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The agent's endpoints: the dashboard at / ({@link Dashboard}), /health, /health/live, /health/ready (the
 * probes; these four answered on the port's own thread), /health/detailed, /health/alerts, /health/history and /metrics (on its workers). Every answer
 * is made from the monitor's latest snapshot; nothing here runs a check, and each snapshot is serialised
 * once ({@link SnapshotBodies}), not once per request.
 *
 * <p>Probe codes: the body always tells the truth; the code says whether to route traffic to this process
 * (ready) or restart it (live). {@code /health/ready} and, unless {@code status.http_mapping} says
 * otherwise, {@code /health} and {@code /health/detailed} answer 503 only when a check in
 * {@code readiness.checks} fails.
 */
public final class HealthHttpServer implements Endpoints {
    private static final String PATHS = "/ (the dashboard), /health, /health/detailed, /health/live, /health/ready, "
            + "/health/alerts, /health/history, /health/report, /metrics or POST /health/checks/run";
    static final String RUN = "/health/checks/run";

    private final HealthMonitor monitor;
    private final HistoryStore store;
    private final long defaultStepSeconds;
    private final byte[] token;
    private final String details;
    private final Map<ServiceStatus, Integer> statusMapping;
    /** An on-demand run holds a worker until every check answers: one at a time, or both workers could wait. */
    private final CheckRuns runs;
    private final long intervalSeconds;
    private final Dashboard dashboard;
    private volatile SnapshotBodies bodies;
    private AgentPort port;

    private HealthHttpServer(Options options, HealthMonitor monitor, HistoryStore store, CheckRuns runs) {
        this.monitor = monitor;
        this.runs = runs;
        this.store = store;
        this.defaultStepSeconds = Math.max(1, options.get(OptionTable.CHECK_INTERVAL).getSeconds());
        this.token = options.get(OptionTable.AUTH_TOKEN) == null ? null : options.get(OptionTable.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8);
        this.details = options.get(OptionTable.DETAILS);
        this.statusMapping = options.get(OptionTable.STATUS_HTTP_MAPPING);
        this.intervalSeconds = Math.max(1, options.get(OptionTable.CHECK_INTERVAL).getSeconds());
        this.dashboard = new Dashboard(options, AgentVersion.VERSION);
        AgentErrors.register("http.endpoint");
        AgentErrors.register("http.port");
    }

    /** Starts the endpoints, or logs one line and returns null (a busy port must not stop the host). */
    public static HealthHttpServer start(Options options, HealthMonitor monitor, HistoryStore store, CheckRuns runs) {
        HealthHttpServer server = new HealthHttpServer(options, monitor, store, runs);
        try {
            server.port = AgentPort.start(options.get(OptionTable.HOST), options.get(OptionTable.PORT_NUMBER), server);
        } catch (IOException | RuntimeException e) {
            AgentLog.error("cannot listen on " + options.get(OptionTable.HOST) + ":" + options.get(OptionTable.PORT_NUMBER) + " (" + AgentLog.describe(e)
                    + "); health endpoints are off, the application keeps running. Set another port with port=N");
            return null;
        }
        AgentLog.info("health endpoints on http://" + options.get(OptionTable.HOST) + ":" + server.port.port() + "/health");
        return server;
    }

    /** The port as bound. */
    public int port() {
        return port.port();
    }

    /** Probes, and every refusal (404, 401): cheap answers, on the port's own thread. */
    @Override
    public HttpReply fast(HttpRequest request) {
        boolean post = request.method.equals("POST");
        if (request.path.equals(RUN)) {
            if (!post) return HttpReply.error(405, "method not allowed; use POST").header("Allow", "POST");
            return admit(request);
        }
        if (post) return HttpReply.error(405, "method not allowed; use GET").header("Allow", "GET, HEAD");
        HttpReply page = dashboard.answer(request.path);
        if (page != null) return page;
        switch (request.path) {
            case "/health/live":
                return live(monitor.latest());
            case "/health":
            case "/health/ready": {
                SnapshotBodies b = bodiesOf(monitor.latest());
                if (b == null) return starting();
                return request.path.equals("/health") ? HttpReply.json(httpCode(b.snapshot), b.health())
                        : HttpReply.json(b.snapshot.ready ? 200 : 503, b.ready());
            }
            case "/health/detailed":
            case "/health/alerts":
            case "/health/history":
            case "/health/report":
            case "/metrics":
                if (details.equals("never")) {
                    return HttpReply.error(404, "not found: details are off (details=never); try /health, /health/live or /health/ready");
                }
                if (!authorized(request)) {
                    return HttpReply.error(401, "missing or wrong bearer token").header("WWW-Authenticate", "Bearer");
                }
                return null; // answered by a worker
            default:
                return HttpReply.error(404, "not found; try " + PATHS);
        }
    }

    /** The detailed endpoints, authorised already: serialising, paging, reading the store. */
    @Override
    public HttpReply slow(HttpRequest request) {
        SnapshotBodies b = bodiesOf(monitor.latest());
        if (b == null) return starting();
        switch (request.path) {
            case "/health/detailed":
                return HttpReply.json(httpCode(b.snapshot), b.detailed());
            case "/health/alerts":
                return alerts(b.snapshot, request.query);
            case "/health/history":
                return history(request.query);
            case "/health/report":
                return report(b.snapshot, request);
            case RUN:
                return runChecks();
            default:
                return metrics(b, request);
        }
    }

    /** GET /metrics: the text format, or OpenMetrics when the scraper asks; gzipped when it accepts that. */
    private static HttpReply metrics(SnapshotBodies b, HttpRequest request) {
        ExpositionFormatWriter writer = MetricsWriter.forAccept(request.headers.get("accept"));
        boolean gzip = MetricsWriter.acceptsGzip(request.headers.get("accept-encoding"));
        HttpReply reply = new HttpReply(200, writer.getContentType(), b.metrics(writer, gzip));
        return gzip ? reply.header("Content-Encoding", "gzip") : reply;
    }

    /**
     * POST /health/checks/run: an admin operation. With auth.token set it always wants the token (whatever
     * {@code details} says); details=never turns it off; at most one run per checks.run_min_interval.
     */
    private HttpReply admit(HttpRequest request) {
        if (details.equals("never")) {
            return HttpReply.error(404, "not found: details are off (details=never)");
        }
        if (token != null && !bearerMatches(request)) {
            return HttpReply.error(401, "missing or wrong bearer token").header("WWW-Authenticate", "Bearer");
        }
        try {
            runs.admit();
        } catch (CheckRuns.Refused r) {
            return HttpReply.error(429, r.getMessage()).header("Retry-After", String.valueOf(r.retryAfterSeconds));
        }
        return null; // run by a worker
    }

    /** Every check now, then the fresh report (the specification's run_health_checks and analyze_and_alert). */
    private HttpReply runChecks() {
        try {
            HealthSnapshot s = runs.run();
            return HttpReply.json(httpCode(s), ReportJson.write(s.report));
        } catch (TimeoutException e) {
            return HttpReply.error(503, e.getMessage());
        } catch (Exception e) {
            return HttpReply.error(503, "the checks could not run: " + AgentLog.describe(e));
        }
    }

    /** GET /health/report?period=24h[&format=text]: JSON, or plain text when asked (format=text or Accept: text/plain). */
    private HttpReply report(HealthSnapshot snapshot, HttpRequest request) {
        long periodSeconds;
        try {
            periodSeconds = Reports.periodSeconds(request.query.get("period"));
        } catch (IllegalArgumentException e) {
            return HttpReply.error(400, "parameter 'period' " + e.getMessage());
        }
        String format = request.query.get("format");
        if (format != null && !format.equals("json") && !format.equals("text")) {
            return HttpReply.error(400, "parameter 'format' must be json or text");
        }
        String accept = request.headers.getOrDefault("accept", "");
        boolean text = "text".equals(format) || (format == null && accept.contains("text/plain") && !accept.contains("json"));
        HealthReport r = Reports.build(snapshot, store, periodSeconds, intervalSeconds);
        if (text) {
            return new HttpReply(200, "text/plain; charset=utf-8",
                    Reports.text(r).getBytes(StandardCharsets.UTF_8));
        }
        return HttpReply.json(200, ReportJson.write(r));
    }

    private static HttpReply starting() {
        return HttpReply.error(503, "starting: no health snapshot yet");
    }

    /** The bodies of this snapshot, made once (the holder is replaced when a newer snapshot is asked for). */
    private SnapshotBodies bodiesOf(HealthSnapshot snapshot) {
        if (snapshot == null) return null;
        SnapshotBodies b = bodies;
        if (b == null || b.snapshot != snapshot) {
            b = new SnapshotBodies(snapshot);
            bodies = b;
        }
        return b;
    }

    /** 503 only when the service cannot serve (readiness), unless status.http_mapping maps its status. */
    private int httpCode(HealthSnapshot s) {
        if (!statusMapping.isEmpty()) {
            Integer code = statusMapping.get(s.report.status);
            return code == null ? 200 : code;
        }
        return s.ready ? 200 : 503;
    }

    /**
     * Alive when the monitor thread keeps publishing and no thread is deadlocked, judged now (a stopped
     * monitor is seen). External systems and load never count.
     */
    private HttpReply live(HealthSnapshot snapshot) {
        long now = System.currentTimeMillis();
        Liveness l = Liveness.of(snapshot, monitor.intervalMillis(), now);
        // Made by hand: the probe Kubernetes calls most, answered on the port's own thread.
        String body = "{\"status\":\"" + (l.alive ? "pass" : "fail") + "\",\"timestamp\":" + now / 1000
                + ",\"monitor_running\":" + l.monitorRuns + ",\"last_snapshot_age_seconds\":"
                + (l.snapshotAgeSeconds < 0 ? "null" : String.valueOf(l.snapshotAgeSeconds))
                + ",\"deadlocked_threads\":" + l.deadlockedThreads
                + (l.failingChecks.isEmpty() ? "" : ",\"failing_checks\":"
                        + new String(ReportJson.write(l.failingChecks), StandardCharsets.UTF_8)) + "}";
        return HttpReply.json(l.alive ? 200 : 503, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The alert history, newest first, paged: {"alerts": [...], "next": CURSOR|null}. */
    private static HttpReply alerts(HealthSnapshot snapshot, Map<String, String> params) {
        AlertPage page;
        try {
            page = AlertPage.of(snapshot.alertHistory, params.get("since"), params.get("limit"), params.get("cursor"));
        } catch (IllegalArgumentException e) {
            return HttpReply.error(400, e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alerts", page.alerts);
        body.put("next", page.next);
        return HttpReply.json(200, ReportJson.write(body));
    }

    /** One stored metric: {"metric", "step_seconds", "points": [[TIMESTAMP, VALUE], ...]}. */
    private HttpReply history(Map<String, String> params) {
        String metric = params.get("metric");
        if (metric == null || !HistoryStore.METRICS.contains(metric)) {
            return HttpReply.error(400, "parameter 'metric' must be one of " + HistoryStore.METRICS);
        }
        long now = System.currentTimeMillis() / 1000;
        long since;
        long step;
        try {
            since = AlertPage.parse("since", params.get("since"), 0, Long.MAX_VALUE, now - 3600);
            step = AlertPage.parse("step", params.get("step"), 1, Long.MAX_VALUE, defaultStepSeconds);
        } catch (IllegalArgumentException e) {
            return HttpReply.error(400, e.getMessage());
        }
        java.util.List<double[]> points;
        try {
            points = store.history(metric, since, step);
        } catch (java.sql.SQLException e) {
            return HttpReply.error(503, "history store unavailable: " + store.status().reason);
        }
        java.util.List<Object[]> pairs = new java.util.ArrayList<>(points.size());
        for (double[] p : points) pairs.add(new Object[] {(long) p[0], p[1]});
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", metric);
        body.put("step_seconds", step);
        if (store.inMemory()) body.put("source", "memory"); // this run's samples only: the file cannot be used
        body.put("points", pairs);
        return HttpReply.json(200, ReportJson.write(body));
    }

    /** details=always opens the detailed endpoints; when-authorized wants the bearer token (constant-time compare). */
    private boolean authorized(HttpRequest request) {
        return token == null || details.equals("always") || bearerMatches(request);
    }

    private boolean bearerMatches(HttpRequest request) {
        String header = request.headers.get("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    /**
     * What one snapshot's endpoints answer, serialised once. The probes' small bodies are made at once
     * (on whichever thread first asks: the port's own, for a probe); the large ones when first asked, on
     * a worker, each under its own lock so that a probe never waits for /metrics.
     */
    private static final class SnapshotBodies {
        final HealthSnapshot snapshot;
        private final byte[] health;
        private final byte[] ready;
        private final Object detailedLock = new Object();
        private final Object metricsLock = new Object();
        private byte[] detailed;
        private MetricSnapshots metrics;
        /** The body in each format asked for, plain and gzipped (four at most). */
        private final Map<String, byte[]> metricsBodies = new java.util.HashMap<>(4);

        SnapshotBodies(HealthSnapshot snapshot) {
            this.snapshot = snapshot;
            HealthStatus r = snapshot.report;
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", r.status);
            h.put("timestamp", r.timestamp);
            h.put("uptime_seconds", r.uptime_seconds);
            h.put("service", r.service);
            h.put("version", r.version);
            this.health = ReportJson.write(h);
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("status", snapshot.ready ? "ready" : "not_ready");
            ready.put("service_status", r.status);
            ready.put("timestamp", r.timestamp);
            this.ready = ReportJson.write(ready);
        }

        byte[] health() {
            return health;
        }

        byte[] ready() {
            return ready;
        }

        byte[] detailed() {
            synchronized (detailedLock) {
                if (detailed == null) detailed = ReportJson.write(snapshot.report);
                return detailed;
            }
        }

        /** This snapshot's body in a format, gzipped or not: each made once, however many scrapes ask. */
        byte[] metrics(ExpositionFormatWriter writer, boolean gzip) {
            synchronized (metricsLock) {
                if (metrics == null) metrics = MetricsExposition.of(snapshot);
                byte[] plain = metricsBodies.computeIfAbsent(writer.getContentType(), t -> MetricsWriter.write(metrics, writer));
                return gzip ? metricsBodies.computeIfAbsent(writer.getContentType() + ";gzip", t -> MetricsWriter.gzip(plain))
                        : plain;
            }
        }
    }
}
