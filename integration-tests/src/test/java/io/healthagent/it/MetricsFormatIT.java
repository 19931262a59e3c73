package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /metrics as Prometheus reads it, on the stream server with WebSocket listeners and its checks: the text
 * format passes `promtool check metrics` (Debian's promtool), OpenMetrics is negotiated when asked and ends
 * with `# EOF`, gzip when accepted.
 */
class MetricsFormatIT {
    @Test
    void theTextFormatIsCleanAndOpenMetricsIsNegotiated() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("metrics-format", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,websocket.max_connections=100", port,
                List.of("--simulate", "2"))) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            Http.load("http://127.0.0.1:" + port + "/api/tracks", 5, 1);
            Http.awaitMetrics(agent, m -> Http.count(m, "/api/tracks") >= 5
                    && m.keySet().stream().anyMatch(k -> k.startsWith("websocket_connections_opened_total")), Duration.ofSeconds(30));

            Http.Reply text = Http.get(agent + "/metrics");
            assertEquals("text/plain; version=0.0.4; charset=utf-8", text.raw().headers().firstValue("content-type").orElse(""));
            Process lint = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            lint.getOutputStream().write(text.body().getBytes(StandardCharsets.UTF_8));
            lint.getOutputStream().close();
            String problems = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(lint.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, lint.exitValue(), "promtool check metrics: " + problems);
            assertEquals("", problems.trim(), "promtool has nothing to say");
            System.out.println("series in one scrape of the stream server: "
                    + text.body().lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).count());

            Http.Reply open = Http.get(agent + "/metrics", "Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
            assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                    open.raw().headers().firstValue("content-type").orElse(""));
            assertTrue(open.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
            assertTrue(open.body().contains("# TYPE health_agent info\n"), "an info family in OpenMetrics");

            java.net.http.HttpResponse<byte[]> zipped = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(agent + "/metrics"))
                            .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", zipped.headers().firstValue("content-encoding").orElse(""));
            String unzipped = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(unzipped.contains("# TYPE health_status gauge"), unzipped);
            assertTrue(zipped.body().length < unzipped.length() / 3, "compressed: " + zipped.body().length);
            Http.assertNoAgentErrors(agent);
        }
    }
}
