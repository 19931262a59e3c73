package io.healthagent.http;

import fi.iki.elonen.NanoHTTPD;
import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.config.Options;
import io.healthagent.model.HealthStatus;
import io.healthagent.monitor.HealthMonitor;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.store.HistoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's port: /health, /health/detailed, /health/live, /health/ready and /metrics. Every answer
 * is made from the monitor's latest snapshot; nothing here runs a check. GET and HEAD only (405 with
 * Allow otherwise), 404 for other paths, 401 on protected paths when auth.token is set and the bearer
 * token is wrong; NanoHTTPD answers 400 to requests it cannot parse.
 */
public final class HealthHttpServer extends NanoHTTPD {
    private static final String JSON = "application/json";

    private final HealthMonitor monitor;
    private final HistoryStore store;
    private final long defaultStepSeconds;
    private final byte[] token;

    private HealthHttpServer(Options options, HealthMonitor monitor, HistoryStore store) {
        super(options.host, options.port);
        this.monitor = monitor;
        this.store = store;
        this.defaultStepSeconds = Math.max(1, options.checkInterval.getSeconds());
        this.token = options.authToken == null ? null : options.authToken.getBytes(StandardCharsets.UTF_8);
        setAsyncRunner(new BoundedRunner(4, 32));
        AgentErrors.register("http.endpoint");
    }

    /** Starts the endpoints, or logs one line and returns null (a busy port must not stop the host). */
    public static HealthHttpServer start(Options options, HealthMonitor monitor, HistoryStore store) {
        // NanoHTTPD logs broken client connections with stack traces through java.util.logging.
        Logger.getLogger(NanoHTTPD.class.getName()).setLevel(Level.OFF);
        HealthHttpServer server = new HealthHttpServer(options, monitor, store);
        try {
            server.start(NanoHTTPD.SOCKET_READ_TIMEOUT, true);
        } catch (IOException | RuntimeException e) {
            AgentLog.error("cannot listen on " + options.host + ":" + options.port + " (" + AgentLog.describe(e)
                    + "); health endpoints are off, the application keeps running. Set another port with port=N");
            return null;
        }
        AgentLog.info("health endpoints on http://" + options.host + ":" + server.getListeningPort() + "/health");
        return server;
    }

    @Override
    public Response serve(IHTTPSession session) {
        Response r;
        try {
            r = route(session);
        } catch (Throwable t) {
            AgentErrors.record("http.endpoint", t); // counted, and logged once rather than per request
            r = json(Response.Status.INTERNAL_ERROR, error("internal error"));
        }
        return session.getMethod() == Method.HEAD ? headOf(r) : r;
    }

    /** NanoHTTPD writes the body even for HEAD, which corrupts keep-alive connections: send the headers only. */
    private static Response headOf(Response get) {
        long length;
        try (java.io.InputStream body = get.getData()) {
            length = body == null ? 0 : body.readAllBytes().length;
        } catch (IOException e) {
            length = 0;
        }
        Response head = newFixedLengthResponse(get.getStatus(), get.getMimeType(),
                new java.io.ByteArrayInputStream(new byte[0]), length);
        head.addHeader("Cache-Control", "no-store");
        String allow = get.getHeader("Allow");
        if (allow != null) head.addHeader("Allow", allow);
        return head;
    }

    /** Bodies are small and scrapes frequent: compression would cost the host CPU for nothing. */
    @Override
    protected boolean useGzipWhenAccepted(Response r) {
        return false;
    }

    private Response route(IHTTPSession session) {
        String path = session.getUri();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean isProtected;
        switch (path) {
            case "/health":
            case "/health/live":
            case "/health/ready":
                isProtected = false;
                break;
            case "/health/detailed":
            case "/health/alerts":
            case "/health/history":
            case "/metrics":
                isProtected = true;
                break;
            default:
                return json(Response.Status.NOT_FOUND, error("not found; try /health, /health/detailed, "
                        + "/health/live, /health/ready, /health/alerts, /health/history or /metrics"));
        }
        if (session.getMethod() != Method.GET && session.getMethod() != Method.HEAD) {
            Response r = json(Response.Status.METHOD_NOT_ALLOWED, error("method not allowed; use GET"));
            r.addHeader("Allow", "GET, HEAD");
            return r;
        }
        if (isProtected && !authorized(session)) {
            Response r = json(Response.Status.UNAUTHORIZED, error("missing or wrong bearer token"));
            r.addHeader("WWW-Authenticate", "Bearer");
            return r;
        }
        HealthSnapshot snapshot = monitor.latest();
        if (path.equals("/health/live")) {
            return live(snapshot);
        }
        if (snapshot == null) {
            return json(Response.Status.SERVICE_UNAVAILABLE, error("starting: no health snapshot yet"));
        }
        switch (path) {
            case "/health":
                return health(snapshot.report);
            case "/health/detailed":
                return json(statusCode(snapshot.report), snapshot.report);
            case "/health/ready":
                return ready(snapshot);
            case "/health/alerts":
                return alerts(snapshot, session.getParms());
            case "/health/history":
                return history(session.getParms());
            default:
                Response r = newFixedLengthResponse(Response.Status.OK, PrometheusFormat.CONTENT_TYPE,
                        PrometheusFormat.render(snapshot));
                r.addHeader("Cache-Control", "no-store");
                return r;
        }
    }

    private Response health(HealthStatus report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status);
        body.put("timestamp", report.timestamp);
        body.put("uptime_seconds", report.uptime_seconds);
        body.put("service", report.service);
        body.put("version", report.version);
        return json(statusCode(report), body);
    }

    /** Alive when the monitor thread keeps publishing and no thread is deadlocked. External systems never count. */
    private Response live(HealthSnapshot snapshot) {
        Map<String, Object> body = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        // The monitor never waits for a check, so a snapshot older than a few intervals means it stopped.
        long staleAfter = 3 * monitor.intervalMillis() + 5_000;
        boolean monitorRuns = snapshot == null || now - snapshot.takenAtMillis < staleAfter;
        int deadlocked = snapshot == null ? 0 : snapshot.deadlockedThreads;
        boolean alive = monitorRuns && deadlocked == 0;
        body.put("status", alive ? "pass" : "fail");
        body.put("timestamp", now / 1000);
        body.put("monitor_running", monitorRuns);
        body.put("last_snapshot_age_seconds", snapshot == null ? null : (now - snapshot.takenAtMillis) / 1000);
        body.put("deadlocked_threads", deadlocked);
        return json(alive ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE, body);
    }

    private Response ready(HealthSnapshot snapshot) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", snapshot.ready ? "ready" : "not_ready");
        body.put("service_status", snapshot.report.status);
        body.put("timestamp", snapshot.report.timestamp);
        return json(snapshot.ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE, body);
    }

    /** The alert history, newest first, paged: {"alerts": [...], "next": CURSOR|null}. */
    private Response alerts(HealthSnapshot snapshot, Map<String, String> params) {
        AlertPage page;
        try {
            page = AlertPage.of(snapshot.alertHistory, params.get("since"), params.get("limit"), params.get("cursor"));
        } catch (IllegalArgumentException e) {
            return json(Response.Status.BAD_REQUEST, error(e.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alerts", page.alerts);
        body.put("next", page.next);
        return json(Response.Status.OK, body);
    }

    /** One stored metric: {"metric", "step_seconds", "points": [[TIMESTAMP, VALUE], ...]}. */
    private Response history(Map<String, String> params) {
        String metric = params.get("metric");
        if (metric == null || !HistoryStore.METRICS.contains(metric)) {
            return json(Response.Status.BAD_REQUEST, error("parameter 'metric' must be one of " + HistoryStore.METRICS));
        }
        long now = System.currentTimeMillis() / 1000;
        long since;
        long step;
        try {
            since = AlertPage.parse("since", params.get("since"), 0, Long.MAX_VALUE, now - 3600);
            step = AlertPage.parse("step", params.get("step"), 1, Long.MAX_VALUE, defaultStepSeconds);
        } catch (IllegalArgumentException e) {
            return json(Response.Status.BAD_REQUEST, error(e.getMessage()));
        }
        java.util.List<double[]> points;
        try {
            points = store.history(metric, since, step);
        } catch (java.sql.SQLException e) {
            return json(Response.Status.SERVICE_UNAVAILABLE, error("history store unavailable: " + store.status().reason));
        }
        java.util.List<Object[]> pairs = new java.util.ArrayList<>(points.size());
        for (double[] p : points) pairs.add(new Object[] {(long) p[0], p[1]});
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", metric);
        body.put("step_seconds", step);
        body.put("points", pairs);
        return json(Response.Status.OK, body);
    }

    private boolean authorized(IHTTPSession session) {
        if (token == null) {
            return true;
        }
        String header = session.getHeaders().get("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time
    }

    private static Response.Status statusCode(HealthStatus report) {
        return report.status.isServing() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE;
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return body;
    }

    private static Response json(Response.Status status, Object body) {
        Response r = newFixedLengthResponse(status, JSON, Json.write(body));
        r.addHeader("Cache-Control", "no-store");
        return r;
    }
}
