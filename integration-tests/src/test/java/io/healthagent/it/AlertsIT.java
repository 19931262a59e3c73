package io.healthagent.it;

import static io.healthagent.it.Reports.active;
import static io.healthagent.it.Reports.alert;
import static io.healthagent.it.Reports.awaitReport;
import static io.healthagent.it.Reports.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert engine on the real stream server: the specification's thresholds driven by real traffic and a
 * real redis-server, through raise, escalation, de-escalation and resolution, as /health/detailed and
 * /health/alerts report them. check.interval=1s, so alert.for is 3 s.
 */
class AlertsIT {

    /** The alert with this id in a report, or null. */
    /** The specification's Go client (src/test/go/client.go), built and run by the Go toolchain. */
    static String runGoClient(String agent) throws Exception {
        java.nio.file.Path work = HostProcess.WORK.resolve("go").toAbsolutePath();
        java.nio.file.Files.createDirectories(work);
        ProcessBuilder pb = new ProcessBuilder("go", "run", System.getProperty("go.client.source"), agent)
                .redirectErrorStream(true);
        pb.environment().put("GOCACHE", work.resolve("cache").toString());
        pb.environment().put("GOPATH", work.resolve("path").toString());
        pb.environment().put("GO111MODULE", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "go run did not finish");
        assertEquals(0, p.exitValue(), "the Go client failed:\n" + out);
        System.out.println("the specification's Go client: " + out.trim());
        return out;
    }

    @Test
    void errorRateRaisesCriticalLowersToWarningAndResolvesWithoutFlapping() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("alerts-errors", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,threshold.cpu.critical=100,"
                        + "threshold.cpu.emergency=100,threshold.cpu.warning=100", port)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            String id = "error_rate:threshold";

            // 15% of 100 requests fail: Critical (above 10%) once it has held 3 s.
            assertEquals(85, Http.load(app + "/api/ping", 85, 4).size());
            assertTrue(Http.load(app + "/api/fail", 15, 4).stream().allMatch(s -> s == 500));
            JsonNode critical = awaitReport(agent, r -> active(r, id, "Critical"), Duration.ofSeconds(15));
            JsonNode c = alert(critical, id);
            assertEquals("error_rate", c.get("component").asText());
            assertTrue(c.get("message").asText().matches(
                    "Error rate 15\\.0% over the last minute \\(Critical above 10%\\) since \\d\\d:\\d\\d:\\d\\d UTC"),
                    c.toString());
            assertEquals("unhealthy", critical.get("status").asText(), "a Critical alert makes the service unhealthy");
            String go = runGoClient(agent);
            assertTrue(go.contains("ALERT [Critical]: error_rate - Error rate 15.0% over the last minute"), go);
            assertTrue(go.contains("status=unhealthy service=stream-server"), go);

            // Diluted to 6%: below Critical's 9% clearing level, above Warning's 4.5%: lowered in place.
            Http.load(app + "/api/ping", 150, 4);
            JsonNode warning = awaitReport(agent, r -> active(r, id, "Warning"), Duration.ofSeconds(15));
            assertEquals(c.get("timestamp").asLong(), alert(warning, id).get("timestamp").asLong(), "the same alert");
            assertEquals("degraded", warning.get("status").asText());

            // Diluted to 3%: resolved, and still listed (resolved) in /health/detailed.
            Http.load(app + "/api/ping", 250, 4);
            JsonNode done = awaitReport(agent, r -> resolved(r, id), Duration.ofSeconds(15));
            assertEquals("healthy", done.get("status").asText(), done.toString());

            JsonNode page = Http.get(agent + "/health/alerts").json();
            JsonNode entry = page.get("alerts").get(0);
            assertEquals(id, entry.get("id").asText());
            assertTrue(entry.get("resolved").asBoolean());
            assertTrue(entry.get("resolved_at").isNumber());
            List<String> path = new ArrayList<>();
            for (JsonNode t : entry.get("transitions")) {
                path.add(t.get("from").asText("none") + ">" + t.get("to").asText());
                assertTrue(t.get("at").isNumber() && t.get("value").isNumber(), t.toString());
            }
            assertEquals(List.of("none>Critical", "Critical>Warning", "Warning>Resolved"), path,
                    "three transitions: no flapping");
            assertEquals(15.0, entry.get("transitions").get(0).get("value").asDouble(), 0.01);
            assertNull(page.get("next").textValue(), "one page");
            System.out.println("alert life as /health/alerts reported it: " + entry);
            assertEquals(400, Http.get(agent + "/health/alerts?limit=0").status());
            assertEquals(400, Http.get(agent + "/health/alerts?since=yesterday").status());
        }
    }

    @Test
    void responseTimeDiskAndAStoppedRedisRaiseTheirAlertsAndPagingWalksTheHistory() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        int redisPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (RedisServer redis = new RedisServer(redisPort, null).start();
             HostProcess host = HostProcess.streamServer("alerts-mixed", HostProcess.currentJavaHome(),
                     "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,threshold.cpu.critical=100,"
                             + "threshold.cpu.emergency=100,threshold.cpu.warning=100,"
                             + "threshold.response_time.warning=150ms,threshold.disk.warning=1,"
                             + "redis.url=redis://127.0.0.1:" + redisPort + ",check.redis.timeout=1s", port)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);

            // The filesystem is more than 1% full: a Warning on disk.
            JsonNode disk = awaitReport(agent, r -> active(r, "disk:threshold", "Warning"), Duration.ofSeconds(15));
            assertTrue(alert(disk, "disk:threshold").get("message").asText().contains("(Warning above 1%)"), disk.toString());

            // p95 of the last minute past 150 ms with the slow route.
            assertTrue(Http.load(app + "/api/slow?ms=200", 40, 4).stream().allMatch(s -> s == 200));
            JsonNode slow = awaitReport(agent, r -> active(r, "response_time:threshold", "Warning"), Duration.ofSeconds(15));
            assertTrue(alert(slow, "response_time:threshold").get("message").asText()
                    .matches("Response time p95 2\\d\\d ms \\(Warning above 150 ms\\) since .*"), slow.toString());

            redis.stop();
            JsonNode down = awaitReport(agent, r -> active(r, "redis:consecutive_failures", "Critical"),
                    Duration.ofSeconds(15));
            assertTrue(alert(down, "redis:consecutive_failures").get("message").asText()
                    .startsWith("redis failed 3 times in a row: "), down.toString());

            // Three alerts, one per page, newest first.
            List<String> ids = new ArrayList<>();
            String cursor = null;
            for (int i = 0; i < 10; i++) {
                JsonNode page = Http.get(agent + "/health/alerts?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).json();
                assertTrue(page.get("alerts").size() <= 1);
                if (page.get("alerts").size() == 1) ids.add(page.get("alerts").get(0).get("id").asText());
                cursor = page.get("next").textValue();
                if (cursor == null) break;
            }
            assertEquals(List.of("redis:consecutive_failures", "response_time:threshold", "disk:threshold"), ids);
        }
    }
}
