package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's port: DESIGN.md's contract for fields, status values, status codes, 404, 405 and auth. */
class EndpointsIT {
    private static final String TOKEN = "s3cret-t0ken-value";
    private static HostProcess host;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        host = HostProcess.streamServer("endpoints", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,service.name=radio-one,auth.token=" + TOKEN,
                port);
        agent = "http://127.0.0.1:" + agentPort;
        host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
        host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
        awaitSnapshot();
    }

    private static void awaitSnapshot() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Http.Reply r = Http.get(agent + "/health");
        while (r.body().contains("starting")) {
            assertTrue(System.nanoTime() < deadline, "no snapshot within 20 s: " + r.body());
            Thread.sleep(100);
            r = Http.get(agent + "/health");
        }
        assertTrue(r.json().get("status").isTextual(), r.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    private static void assertStatusCodeMatches(Http.Reply reply, String status) {
        boolean serving = status.equals("healthy") || status.equals("degraded");
        assertEquals(serving ? 200 : 503, reply.status(), "status " + status);
    }

    @Test
    void healthIsTheShortReport() throws Exception {
        Http.Reply r = Http.get(agent + "/health");
        JsonNode body = r.json();
        assertEquals(Set.of("status", "timestamp", "uptime_seconds", "service", "version"), fields(body));
        assertTrue(List.of("healthy", "degraded", "unhealthy", "critical").contains(body.get("status").asText()));
        assertStatusCodeMatches(r, body.get("status").asText());
        assertEquals("radio-one", body.get("service").asText());
        assertEquals("0.2.0", body.get("version").asText(), "from the stream server jar's manifest");
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(now - body.get("timestamp").asLong()) < 30, "timestamp is Unix seconds");
        assertTrue(r.raw().headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void detailedIsTheSpecificationsHealthStatus() throws Exception {
        Http.Reply r = Http.get(agent + "/health/detailed", "Authorization", "Bearer " + TOKEN);
        JsonNode body = r.json();
        assertEquals(Set.of("status", "timestamp", "service", "version", "uptime_seconds", "checks", "alerts",
                "performance", "routes", "websocket", "health_score", "health_score_parts", "analysis", "agent"), fields(body),
                "the specification's fields, and beside them the routes, WebSocket, score, analysis and agent blocks");
        assertEquals(0, body.get("agent").get("errors").asLong(), body.get("agent").toString());
        assertTrue(body.get("agent").get("error_sites").has("servlet.jakarta.exit"), "advice sites are listed at 0");
        assertTrue(body.get("agent").get("snapshot_sequence").asLong() >= 1);
        assertStatusCodeMatches(r, body.get("status").asText());
        assertTrue(body.get("alerts").isArray());
        JsonNode checks = body.get("checks");
        assertEquals(Set.of("cpu", "memory", "disk_space", "network"), fields(checks), "only the system checks: "
                + "nothing else is configured");
        for (String name : List.of("cpu", "memory", "disk_space", "network")) {
            JsonNode c = checks.get(name);
            assertEquals(Set.of("name", "status", "message", "duration_ms", "last_success", "last_failure",
                    "failure_count", "threshold"), fields(c), name);
            assertEquals(name, c.get("name").asText());
            assertTrue(List.of("pass", "warn", "fail").contains(c.get("status").asText()), name);
            assertFalse(c.get("message").asText().isEmpty(), name);
            assertEquals(Set.of("max_response_time_ms", "max_failure_rate", "max_consecutive_failures"),
                    fields(c.get("threshold")), name);
            assertTrue(c.get("last_success").isNumber() || c.get("last_failure").isNumber(), name);
        }
        JsonNode perf = body.get("performance");
        assertEquals(Set.of("cpu_usage_percent", "memory_usage_mb", "memory_usage_percent", "disk_usage_percent",
                "network_connections", "response_times", "error_rates"), fields(perf));
        assertEquals(Set.of("p50_ms", "p95_ms", "p99_ms", "average_ms"), fields(perf.get("response_times")));
        assertEquals(Set.of("rate_1min", "rate_5min", "rate_15min", "total_errors_24h"), fields(perf.get("error_rates")));
        assertTrue(perf.get("memory_usage_mb").asLong() > 0, "real memory reading");
        assertTrue(perf.get("memory_usage_percent").asDouble() > 0 && perf.get("memory_usage_percent").asDouble() < 100);
        assertTrue(perf.get("disk_usage_percent").asDouble() > 0 && perf.get("disk_usage_percent").asDouble() <= 100);
    }

    @Test
    void networkCountsEstablishedConnections() throws Exception {
        int appPort = Integer.parseInt(host.awaitOutput("listening on http://127.0.0.1:(\\d+)", Duration.ofSeconds(1)));
        List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) open.add(new java.net.Socket("127.0.0.1", appPort));
            long before = Http.get(agent + "/health").json().get("timestamp").asLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            JsonNode body;
            do { // a snapshot taken while the sockets are open
                assertTrue(System.nanoTime() < deadline, "no fresh snapshot within 20 s");
                Thread.sleep(200);
                body = Http.get(agent + "/health/detailed", "Authorization", "Bearer " + TOKEN).json();
            } while (body.get("timestamp").asLong() <= before + 1);
            // Both ends of each loopback connection are established sockets of this machine.
            int counted = body.get("performance").get("network_connections").asInt();
            assertTrue(counted >= 20, "network_connections = " + counted + " with 10 loopback connections open");
            assertTrue(body.get("checks").get("network").get("message").asText()
                    .matches(counted + " established TCP connections"), body.get("checks").get("network").toString());
        } finally {
            for (java.net.Socket s : open) s.close();
        }
    }

    @Test
    void liveAndReadyAnswerWithoutAuth() throws Exception {
        Http.Reply live = Http.get(agent + "/health/live");
        assertEquals(200, live.status(), live.body());
        assertEquals("pass", live.json().get("status").asText());
        assertEquals(0, live.json().get("deadlocked_threads").asInt());
        Http.Reply ready = Http.get(agent + "/health/ready");
        String service = ready.json().get("service_status").asText();
        assertStatusCodeMatches(ready, service);
        assertEquals(ready.status() == 200 ? "ready" : "not_ready", ready.json().get("status").asText());
    }

    @Test
    void protectedPathsNeedTheBearerToken() throws Exception {
        assertEquals(401, Http.get(agent + "/health/detailed").status());
        assertEquals(401, Http.get(agent + "/metrics").status());
        assertEquals(401, Http.get(agent + "/metrics", "Authorization", "Bearer wrong").status());
        Http.Reply metrics = Http.get(agent + "/metrics", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("# TYPE system_cpu_usage_percent gauge"));
        java.util.Map<String, Double> m = Http.prometheus(metrics.body());
        double runs = Http.value(m, "health_check_duration_seconds_count{check=\"memory\"}");
        assertTrue(runs >= 1, "the memory check has run");
        assertEquals(runs, Http.value(m, "health_check_duration_seconds_bucket{check=\"memory\",le=\"+Inf\"}"));
        assertTrue(Http.value(m, "health_check_duration_seconds_bucket{check=\"memory\",le=\"0.001\"}") <= runs);
        assertEquals(0, Http.value(m, "health_check_failures_total{check=\"memory\"}"));
        assertTrue(metrics.raw().headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    }

    @Test
    void runningTheChecksNowWantsTheTokenAndIsRateLimited() throws Exception {
        String run = agent + "/health/checks/run";
        assertEquals(401, Http.send("POST", run).status(), "an admin operation behind auth.token");
        Http.Reply get = Http.get(run, "Authorization", "Bearer " + TOKEN);
        assertEquals(405, get.status());
        assertEquals("POST", get.raw().headers().firstValue("allow").orElse(""));
        long before = System.currentTimeMillis() / 1000;
        long sequenceBefore = Http.get(agent + "/health/detailed", "Authorization", "Bearer " + TOKEN).json()
                .path("agent").path("snapshot_sequence").asLong();
        Http.Reply ran = Http.send("POST", run, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, ran.status(), ran.body());
        JsonNode report = ran.json();
        assertTrue(report.path("agent").path("snapshot_sequence").asLong() > sequenceBefore, "a fresh snapshot");
        for (JsonNode c : report.path("checks")) {
            long at = Math.max(c.path("last_success").asLong(0), c.path("last_failure").asLong(0));
            assertTrue(at >= before, "every check ran for this request: " + c);
        }
        assertTrue(report.has("health_score") && report.has("alerts"), "the whole report, analysed");
        Http.Reply again = Http.send("POST", run, "Authorization", "Bearer " + TOKEN);
        assertEquals(429, again.status(), again.body());
        int retryAfter = Integer.parseInt(again.raw().headers().firstValue("retry-after").orElse("0"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After within checks.run_min_interval (5 s): " + retryAfter);
        assertEquals(401, Http.get(agent + "/health/report").status(), "the report is a detailed endpoint");
        assertEquals(200, Http.get(agent + "/health/report?period=1h", "Authorization", "Bearer " + TOKEN).status());
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, Http.get(agent + "/nope").status());
        assertEquals(404, Http.get(agent + "/health/nope").status());
        Http.Reply post = Http.send("POST", agent + "/health");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.raw().headers().firstValue("allow").orElse(""));
        assertEquals(405, Http.send("DELETE", agent + "/health/ready").status());
        assertEquals(200, Http.send("HEAD", agent + "/health/live").status());
    }

    @Test
    void malformedRequestsGet4xxAndTheAgentKeepsServing() throws Exception {
        int agentPort = Integer.parseInt(agent.substring(agent.lastIndexOf(':') + 1));
        String garbage = Http.raw("127.0.0.1", agentPort, "NONSENSE\r\n\r\n");
        assertTrue(garbage.startsWith("HTTP/1.1 400"), "a request line without a URI gets 400, got: " + garbage);
        String badVerb = Http.raw("127.0.0.1", agentPort, "BREW /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(badVerb.startsWith("HTTP/1.1 4"), "got: " + badVerb);
        Http.Reply after = Http.get(agent + "/health");
        assertEquals(List.of("healthy", "degraded", "unhealthy", "critical").contains(after.json().get("status").asText()),
                true, after.body());
    }

    @Test
    void theTokenNeverAppearsInTheOutput() throws Exception {
        assertFalse(host.output().contains(TOKEN), "the auth token leaked into the host's output");
    }
}
