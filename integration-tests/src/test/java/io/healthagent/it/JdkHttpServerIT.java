package io.healthagent.it;

import static io.healthagent.it.Http.count;
import static io.healthagent.it.Http.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK's HttpServer, with lambda and class handlers and a user filter, measured the same way as
 * servlets; the host bundles Jackson and HdrHistogram of other versions than the agent's and keeps
 * using its own.
 */
class JdkHttpServerIT {

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void jdkHttpServerIsMeasuredAndTheHostKeepsItsOwnLibraries(String jdk, Path javaHome) throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.jdkHttpHost("jdk-host-jdk" + jdk, javaHome,
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port)) {
            String app = "http://127.0.0.1:" + port;
            String agent = "http://127.0.0.1:" + agentPort;
            host.awaitOutput("jdk-host listening", Duration.ofSeconds(30));
            host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);

            // Warm the host's own Jackson up first: its first use takes tens of milliseconds, which the
            // agent would rightly report in the percentiles.
            assertEquals(200, Http.get(app + "/versions").status());
            List<Integer> slow = Http.load(app + "/slow?ms=100", 60, 3);
            List<Integer> fail = Http.load(app + "/fail", 10, 2);
            for (int i = 0; i < 5; i++) {
                // The JDK server closes the connection without a status; a raw socket, so no client retries.
                Http.raw("127.0.0.1", port, "GET /crash HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            }
            assertTrue(slow.stream().allMatch(s -> s == 200), "slow answered: " + slow);
            assertTrue(fail.stream().allMatch(s -> s == 503), "fail answered 503: " + fail);

            Map<String, Double> m = Http.awaitMetrics(agent,
                    metrics -> count(metrics, "/versions") == 1 && count(metrics, "/slow") == 60 && count(metrics, "/fail") == 10
                            && count(metrics, "/crash") == 5, Duration.ofSeconds(30));
            assertEquals(10, value(m, "http_server_errors_total{route=\"/fail\"}"));
            assertEquals(5, value(m, "http_server_errors_total{route=\"/crash\"}"), "escaped exceptions count");
            assertEquals(0, value(m, "http_server_errors_total{route=\"/slow\"}"));
            Http.assertNear(100, 1000 * Http.quantile(agent, "/slow", "0.5"), "p50");
            Http.assertNear(100, 1000 * Http.quantile(agent, "/slow", "0.95"), "p95");

            // The host's own libraries, not the agent's, serve the host.
            JsonNode versions = Http.get(app + "/versions").json();
            assertEquals(System.getProperty("host.jackson.version"), versions.get("jackson").asText());
            assertTrue(versions.get("jackson_from").asText().contains("host-libs"), versions.toString());
            assertTrue(versions.get("hdrhistogram_from").asText().contains("HdrHistogram-2.1.12"), versions.toString());
            assertEquals(60, versions.get("own_histogram_count").asLong());
            assertEquals(2, count(Http.awaitMetrics(agent, metrics -> count(metrics, "/versions") == 2,
                    Duration.ofSeconds(30)), "/versions"));
            assertEquals(100, versions.get("own_histogram_p50").asLong());
            // Its own Byte Buddy, JNA, sqlite-jdbc and OSHI, older than the agent's, work for it beside the agent's.
            assertTrue(!versions.has("own_libraries_error"), versions.toString());
            assertEquals("io.healthagent.it.hosts.MadeByTheHostsByteBuddy", versions.get("bytebuddy_made").asText());
            assertTrue(versions.get("bytebuddy_from").asText().contains("byte-buddy-" + System.getProperty("host.bytebuddy.version")),
                    versions.toString());
            assertTrue(versions.get("jna_from").asText().contains("jna-" + System.getProperty("host.jna.version")), versions.toString());
            assertTrue(versions.get("sqlite_from").asText().contains("sqlite-jdbc-" + System.getProperty("host.sqlite.version")),
                    versions.toString());
            assertTrue(versions.get("oshi_from").asText().contains("oshi-core-" + System.getProperty("host.oshi.version")),
                    versions.toString());
            assertTrue(versions.get("oshi_memory_total").asLong() > 1L << 28, "the host's OSHI reads the machine: " + versions);
            // The agent's own sqlite-jdbc keeps its store (on JDK 24 and later it leaves native code alone unless the
            // host allows it, and says so).
            JsonNode store = Http.get(agent + "/health/detailed").json().get("agent").get("store");
            assertTrue(store.get("status").asText().equals("ok") || store.path("reason").asText().contains("native code"),
                    store.toString());

            // Pipelined on one keep-alive connection: the next request replaces the connection's context while
            // the previous exchange is ending. Each must still count under its own route.
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                pipelined.append("GET /versions HTTP/1.1\r\nHost: x\r\n\r\nGET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            pipelined.append("GET /fail HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String answers = Http.raw("127.0.0.1", port, pipelined.toString());
            assertEquals(51, answers.split("HTTP/1.1 ", -1).length - 1, "51 answers on one connection");
            Map<String, Double> after = Http.awaitMetrics(agent,
                    metrics -> count(metrics, "/versions") + count(metrics, "/fail") >= 2 + 10 + 51, Duration.ofSeconds(30));
            assertEquals(2 + 25, count(after, "/versions"), "pipelined requests counted under their own route");
            assertEquals(10 + 26, count(after, "/fail"));

            // A stream: its time to first byte is when sendResponseHeaders committed it, its total its length.
            List<Integer> streams = Http.load(app + "/stream?ms=1500", 2, 2);
            assertTrue(streams.stream().allMatch(s -> s == 200), "streams answered: " + streams);
            Map<String, Double> st = Http.awaitMetrics(agent, metrics -> count(metrics, "/stream") == 2, Duration.ofSeconds(30));
            double firstByte = 1000 * Http.quantile(agent, "/stream", "0.5");
            assertTrue(firstByte < 50, "time to first byte of a stream that commits at once: " + firstByte + " ms");
            double total = 1000 * Http.totalQuantile(agent, "/stream", "0.5");
            assertTrue(total >= 1500 && total < 1500 * 1.05, "total of a 1.5 s stream: " + total + " ms");
            // The same on /metrics, in the histograms' buckets.
            assertEquals(2, value(st, Http.getKey("http_server_time_to_first_byte_seconds_bucket", "/stream", "le=\"0.05\"")));
            assertEquals(0, value(st, Http.getKey("http_server_request_duration_seconds_bucket", "/stream", "le=\"1.0\"")));
            assertEquals(2, value(st, Http.getKey("http_server_request_duration_seconds_bucket", "/stream", "le=\"2.5\"")));

            // The host's output on either JDK: its own line, the agent's [health-agent] lines and the JVM's line
            // about class data sharing (the bridge is appended to the bootstrap class path); no line from Byte
            // Buddy, Jackson or any library of the agent's (on JDK 24 and later: no sun.misc.Unsafe warning).
            // On JDK 24 and later the JVM's warnings about the host's own native calls (its JNA, loaded from host-libs)
            // are the host's too.
            String out = host.output();
            boolean hostNative = out.contains("has been called by com.sun.jna.Native in an unnamed module (file:")
                    && out.contains("host-libs/jna-");
            for (String line : out.split("\n")) {
                if (hostNative && (line.equals("WARNING: A restricted method in java.lang.System has been called")
                        || line.matches("WARNING: java\\.lang\\.System::load has been called by .* \\(file:.*host-libs/.*\\)")
                        || line.startsWith("WARNING: Use --enable-native-access=ALL-UNNAMED")
                        || line.startsWith("WARNING: Restricted methods will be blocked"))) {
                    continue;
                }
                // SLF4J(W): the host's own slf4j-api (OSHI's logging), without a provider, says so when OSHI first logs.
                assertTrue(line.isBlank() || line.startsWith("[health-agent]") || line.startsWith("jdk-host listening")
                        || line.startsWith("SLF4J(W): ")
                        || line.endsWith("Sharing is only supported for boot loader classes because bootstrap classpath has been appended"),
                        "a line neither the host's, the agent's nor the JVM's own: " + line + "\nin:\n" + host.output());
            }
        }
    }
}
