package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The health score, its Apdex and the report on the stream server with real traffic: before an incident
 * and during one (half the requests failing, some slow), recomputed from the parts the report gives, and
 * the period's report built from the history store. check.interval=1s, apdex.t=100ms.
 */
class ScoreAndReportIT {

    /** docs/history.md's formula, from the parts /health/detailed gives. */
    static double recompute(JsonNode parts) {
        int pass = parts.path("checks_passing").asInt();
        int warn = parts.path("checks_warning").asInt();
        int fail = parts.path("checks_failing").asInt();
        double checks = Math.round(10_000.0 * (pass + warn / 2.0) / (pass + warn + fail)) / 10_000.0;
        JsonNode a = parts.path("apdex");
        long n = a.path("satisfied").asLong() + a.path("tolerating").asLong() + a.path("frustrated").asLong();
        double apdex = n == 0 ? 1 : Math.round(10_000.0 * (a.path("satisfied").asLong() + a.path("tolerating").asLong() / 2.0) / n)
                / 10_000.0;
        double alerts = Math.round(10_000.0 * Math.max(0, 1 - 0.1 * parts.path("alerts_warning").asInt()
                - 0.25 * parts.path("alerts_critical").asInt() - 0.5 * parts.path("alerts_emergency").asInt())) / 10_000.0;
        return Math.round(10 * (40 * checks + 30 * apdex + 30 * alerts)) / 10.0;
    }

    @Test
    void theScoreFallsDuringAnIncidentAsItsFormulaSaysAndTheReportTellsTheIncident() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("score-report", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,apdex.t=100ms,threshold.cpu.warning=100,"
                        + "threshold.cpu.critical=100,threshold.cpu.emergency=100,threshold.memory.warning=100,"
                        + "threshold.memory.critical=100,threshold.memory.emergency=100,threshold.disk.warning=100,"
                        + "threshold.disk.critical=100,threshold.disk.emergency=100,forecast.window=20s,pattern.recent=8s", port)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);

            // Before: 50 fast requests, every check passing, no alert.
            assertEquals(50, Http.load(app + "/api/ping", 50, 4).stream().filter(s -> s == 200).count());
            // ... and long enough for an error-rate baseline (five samples before the last pattern.recent, 8 s:
            // longer than alert.for, so that the burst is not in its own baseline by the time it is raised).
            JsonNode before = awaitReport(agent, r -> r.path("health_score_parts").path("apdex").path("satisfied").asLong() >= 50
                    && r.path("analysis").path("patterns").path("error_rate_baseline_percent").isNumber(), Duration.ofSeconds(20));
            assertEquals(0.0, before.path("analysis").path("patterns").path("error_rate_baseline_percent").asDouble(), 0.0);
            JsonNode p0 = before.path("health_score_parts");
            System.out.println("score before the incident: " + before.path("health_score") + " " + p0);
            assertEquals(recompute(p0), before.path("health_score").asDouble(), 1e-9, p0.toString());
            assertEquals(1.0, p0.path("apdex").path("score").asDouble(), 1e-9, p0.toString());
            assertEquals(0, p0.path("checks_failing").asInt(), p0.toString());

            // During: 40 failures and 20 requests of 250 ms (tolerating: over T, under 4T) beside the 50.
            assertTrue(Http.load(app + "/api/fail", 40, 4).stream().allMatch(s -> s == 500));
            assertTrue(Http.load(app + "/api/slow?ms=250", 20, 10).stream().allMatch(s -> s == 200));
            JsonNode during = awaitReport(agent, r -> Reports.active(r, "error_rate:threshold", "Emergency")
                    && Reports.active(r, "error_rate:burst", "Warning"), Duration.ofSeconds(20));
            JsonNode burst = Reports.alert(during, "error_rate:burst");
            assertTrue(burst.path("message").asText().matches("Error burst: 36\\.4% over the last minute against a baseline of 0\\.00%.*"),
                    "a pattern the error-rate baseline shows: " + burst);
            JsonNode p1 = during.path("health_score_parts");
            System.out.println("score during the incident: " + during.path("health_score") + " " + p1);
            JsonNode apdex = p1.path("apdex");
            assertEquals(100.0, apdex.path("t_ms").asDouble(), 1e-9);
            assertEquals(50, apdex.path("satisfied").asLong(), apdex.toString());
            assertEquals(20, apdex.path("tolerating").asLong(), apdex.toString());
            assertEquals(40, apdex.path("frustrated").asLong(), "errors are frustrated: " + apdex);
            assertEquals((50 + 10) / 110.0, apdex.path("score").asDouble(), 1e-4, apdex.toString());
            assertTrue(p1.path("alerts_emergency").asInt() >= 1 && p1.path("alerts_warning").asInt() >= 1, p1.toString());
            assertEquals(recompute(p1), during.path("health_score").asDouble(), 1e-9, p1.toString());
            assertTrue(during.path("health_score").asDouble() < before.path("health_score").asDouble() - 20,
                    "the incident costs the score: " + before.path("health_score") + " -> " + during.path("health_score"));
            Map<String, Double> metrics = Http.prometheus(Http.get(agent + "/metrics").body());
            assertTrue(metrics.get("health_score") <= before.path("health_score").asDouble() - 20, metrics.toString());
            assertTrue(metrics.get("health_alerts_active{severity=\"Emergency\"}") >= 1, metrics.toString());

            // The history keeps the score; the report tells the incident.
            JsonNode history = Http.get(agent + "/health/history?metric=score&step=1").json();
            double lowest = 100;
            for (JsonNode point : history.path("points")) lowest = Math.min(lowest, point.get(1).asDouble());
            assertTrue(lowest < 100 && history.path("points").size() >= 3, history.toString());
            JsonNode report = Http.get(agent + "/health/report?period=1h").json();
            System.out.println("report: " + report);
            assertEquals(3600, report.path("period_seconds").asLong());
            assertEquals(110, report.path("requests").path("total").asLong(), report.toString());
            assertEquals(40, report.path("requests").path("errors").asLong(), report.toString());
            assertEquals(100.0, report.path("availability").path("percent").asDouble(), 1e-9,
                    "the service could serve all along (readiness): " + report.path("availability"));
            boolean found = false;
            for (JsonNode i : report.path("incidents")) {
                if (i.path("id").asText().equals("error_rate:threshold")) {
                    found = true;
                    assertEquals("Emergency", i.path("severity").asText(), i.toString());
                    assertTrue(i.path("active").asBoolean(), i.toString());
                    assertTrue(i.path("duration_seconds").asLong() >= 0, i.toString());
                }
            }
            assertTrue(found, "the error-rate Emergency is an incident of the period: " + report.path("incidents"));
            assertTrue(report.path("health_score").path("min").asDouble() < 100, report.path("health_score").toString());
            // Seconds of samples make no trend: a slope over them, extrapolated to an hour, would be noise.
            assertTrue(report.path("p95_ms").path("samples").asLong() >= 2, report.toString());
            assertTrue(report.path("p95_ms").path("slope_per_hour").isMissingNode()
                    || report.path("p95_ms").path("slope_per_hour").isNull(), report.path("p95_ms").toString());
            assertTrue(report.path("error_rate_percent").path("slope_per_hour").isMissingNode()
                    || report.path("error_rate_percent").path("slope_per_hour").isNull(), report.toString());
            Http.Reply text = Http.get(agent + "/health/report?period=1h", "Accept", "text/plain");
            assertTrue(text.raw().headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            assertTrue(text.body().contains("Requests: 110, errors 40"), text.body());
            assertTrue(text.body().contains("no trend yet (it needs 10 minutes of samples)"), text.body());
            assertTrue(text.body().matches("(?s).*Incidents: \\d+\\n.*Emergency  error_rate:threshold.*"), text.body());
            System.out.println(text.body());
            assertEquals(400, Http.get(agent + "/health/report?period=forever").status());
            assertEquals(0, Http.get(agent + "/health/detailed").json().path("agent").path("errors").asLong());
        }
    }
}
