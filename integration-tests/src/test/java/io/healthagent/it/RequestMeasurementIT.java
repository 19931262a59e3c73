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
 * The stream server with the agent attached, under a known mix of requests: the agent's percentiles,
 * counts and error rates must match what the server really did, on JDK 17 and JDK 25.
 */
class RequestMeasurementIT {
    private static final int SLOW_MS = 200;
    private static final int ASYNC_MS = 150;
    private static final int SLOW_COUNT = 100;
    private static final int ASYNC2_MS = 75;
    private static final int TIMEOUT_MS = 100;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void percentilesCountsAndErrorRatesMatchTheServersRealWork(String jdk, Path javaHome) throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("measure-jdk" + jdk, javaHome,
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port)) {
            String app = "http://127.0.0.1:" + port;
            String agent = "http://127.0.0.1:" + agentPort;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);

            List<Integer> ping = Http.load(app + "/api/ping", 20, 2);
            // 100 samples, so that p95 describes the steady state rather than the host's first (cold) requests.
            List<Integer> slow = Http.load(app + "/api/slow?ms=" + SLOW_MS, SLOW_COUNT, 4);
            List<Integer> async = Http.load(app + "/api/async?ms=" + ASYNC_MS, 10, 2);
            List<Integer> tracks = Http.load(app + "/api/tracks", 100, 3);
            List<Integer> fail = Http.load(app + "/api/fail", 10, 2);
            List<Integer> crash = Http.load(app + "/api/crash", 5, 1);
            List<Integer> latest = Http.load(app + "/api/latest", 5, 1);
            // Two async cycles (dispatch, then startAsync again), and async requests the container times out.
            List<Integer> async2 = Http.load(app + "/api/async2?ms=" + ASYNC2_MS, 10, 2);
            List<Integer> timeout = Http.load(app + "/api/timeout?ms=" + TIMEOUT_MS, 5, 1);
            assertTrue(slow.stream().allMatch(s -> s == 200) && async.stream().allMatch(s -> s == 200), "host answers");
            assertTrue(async2.stream().allMatch(s -> s == 200), "two async cycles answer 200: " + async2);
            assertTrue(fail.stream().allMatch(s -> s == 500) && crash.stream().allMatch(s -> s == 500)
                    && timeout.stream().allMatch(s -> s == 500), "errors are 500: " + timeout);
            int total = ping.size() + slow.size() + async.size() + tracks.size() + fail.size() + crash.size()
                    + latest.size() + async2.size() + timeout.size();
            int errors = fail.size() + crash.size() + timeout.size();

            Map<String, Double> m = Http.awaitMetrics(agent, metrics -> routesTotal(metrics) == total,
                    Duration.ofSeconds(30));

            // Every request counted once under its servlet mapping: the filter in front of every servlet,
            // HttpServlet.service calling service, and the forward of /api/latest are not counted again.
            assertEquals(SLOW_COUNT, count(m, "/api/slow"));
            assertEquals(100, count(m, "/api/tracks"));
            assertEquals(5, count(m, "/api/latest"));
            assertEquals(10, count(m, "/api/async"));
            assertEquals(10, count(m, "/api/async2"), "a request with two async cycles is recorded once");
            assertEquals(5, count(m, "/api/timeout"), "an async timeout ends the request");
            assertEquals(5, value(m, "http_server_errors_total{route=\"/api/timeout\"}"), "a timeout is an error");
            assertEquals(10, value(m, "http_server_errors_total{route=\"/api/fail\"}"));
            assertEquals(5, value(m, "http_server_errors_total{route=\"/api/crash\"}"), "escaped exceptions count");
            assertEquals(0, value(m, "http_server_errors_total{route=\"/api/tracks\"}"));

            Http.assertNear(SLOW_MS, 1000 * Http.quantile(agent, "/api/slow", "0.5"), "slow p50");
            Http.assertNear(SLOW_MS, 1000 * Http.quantile(agent, "/api/slow", "0.95"), "slow p95");
            // Async requests end when the async context completes, not when service() returns.
            Http.assertNear(ASYNC_MS, 1000 * Http.quantile(agent, "/api/async", "0.5"), "async p50");
            // Recorded when the last cycle completes: both cycles' time.
            Http.assertNear(2 * ASYNC2_MS, 1000 * Http.quantile(agent, "/api/async2", "0.5"), "two-cycle async p50");
            assertTrue(1000 * Http.quantile(agent, "/api/timeout", "0.5") >= TIMEOUT_MS, "a timed-out request lasts its timeout");

            JsonNode perf = Http.get(agent + "/health/detailed").json().get("performance");
            JsonNode rates = perf.get("error_rates");
            double expectedRate = 100.0 * errors / total;
            assertEquals(expectedRate, rates.get("rate_1min").asDouble(), 0.01, "rate_1min");
            assertEquals(expectedRate, rates.get("rate_5min").asDouble(), 0.01, "rate_5min");
            assertEquals(expectedRate, rates.get("rate_15min").asDouble(), 0.01, "rate_15min");
            assertEquals(errors, rates.get("total_errors_24h").asLong());

            // Globally: 125 of 265 requests took 100-200 ms, so p95 is a slow one and p50 a fast one.
            JsonNode times = perf.get("response_times");
            Http.assertNear(SLOW_MS, times.get("p95_ms").asDouble(), "global p95");
            assertTrue(times.get("p50_ms").asDouble() < 50, "global p50 is a fast request: " + times);
            double expectedAverage = ((double) SLOW_COUNT * SLOW_MS + 10.0 * ASYNC_MS + 10.0 * 2 * ASYNC2_MS
                    + 5.0 * TIMEOUT_MS) / total;
            double average = times.get("average_ms").asDouble();
            assertTrue(average >= expectedAverage && average < expectedAverage * 1.05 + 5,
                    "average " + average + " vs at least " + expectedAverage);
            JsonNode agentBlock = Http.get(agent + "/health/detailed").json().get("agent");
            assertEquals(0, agentBlock.get("errors").asLong());
            // The history store is SQLite, native code. On JDK 17 it runs. On JDK 25 the stream server loads its
            // own sqlite-jdbc at start (the JVM warns about the host's jar, once for all unnamed modules), after
            // which native access counts as granted and the store runs too; had the store opened first, it
            // would be off with its reason (StoreIT shows that on a host without SQLite). Never a warning.
            JsonNode storeStatus = agentBlock.get("store");
            assertTrue(storeStatus.get("status").asText().equals("ok") || (jdk.equals("25")
                    && storeStatus.get("reason").asText().contains("--enable-native-access=ALL-UNNAMED")),
                    agentBlock.toString());
            assertNoWarningFromTheAgent(host.output());
            assertTrue(!host.output().contains("at demo.streamserver"), "the demo's crashes flood no stack trace");
        }
    }

    /**
     * The host's output has no line from the agent or its libraries but the agent's own
     * {@code [health-agent]} lines: no JVM "WARNING:" block (deprecated Unsafe, native code loaded without
     * permission on JDK 24 and later) naming the agent's jar or packages, no SLF4J or library chatter. The
     * stream server's own sqlite-jdbc, loaded by the host, prints its own warning naming the host's jar.
     */
    static void assertNoWarningFromTheAgent(String output) {
        for (String line : (output + "\n").split("\n")) {
            if (line.startsWith("[health-agent]")) {
                continue;
            }
            for (String agentCode : List.of("health-agent.jar", "net.bytebuddy", "Byte Buddy", "org.objectweb.asm", "com.sun.jna", "oshi.", "io.healthagent",
                    "SLF4J", "org.slf4j", "fi.iki.elonen", "org.HdrHistogram", "com.fasterxml")) {
                assertTrue(!line.contains(agentCode), "a line caused by the agent: " + line + "\nin:\n" + output);
            }
        }
    }

    private static double routesTotal(Map<String, Double> metrics) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith("http_server_request_duration_seconds_count"))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
