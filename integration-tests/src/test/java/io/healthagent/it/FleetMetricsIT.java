package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The fleet's view: a real Prometheus (Debian's) scrapes three agents, one of whose hosts answers /slow ten
 * times slower than the others, and computes the fleet's p95 from their histograms, as the reference tells
 * operators to; it lands in the bucket of the true p95 of all three replicas' requests merged, which no
 * average of per-replica quantiles could give. The rules file that ships with the agent evaluates in that
 * Prometheus, and passes its own unit tests.
 */
class FleetMetricsIT {
    static final Path RULES_DIR = Paths.get("../deploy/prometheus").toAbsolutePath().normalize();
    static final String SERVICE = "fleet";
    static final int PER_REPLICA = 100;

    @Test
    void theRulesFilePassesItsUnitTests() throws Exception {
        Process test = new ProcessBuilder("promtool", "test", "rules", "health-agent.rules.test.yml")
                .directory(RULES_DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(test.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, test.exitValue(), "promtool test rules: " + out);
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void prometheusComputesTheFleetsP95FromThreeReplicasHistograms() throws Exception {
        List<HostProcess> hosts = new ArrayList<>();
        List<String> apps = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                int port = HostProcess.freePort();
                int agentPort = HostProcess.freePort();
                hosts.add(HostProcess.jdkHttpHost("fleet-" + i, HostProcess.currentJavaHome(),
                        "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,service.name=" + SERVICE, port));
                apps.add("http://127.0.0.1:" + port);
                agents.add("http://127.0.0.1:" + agentPort);
            }
            for (int i = 0; i < 3; i++) {
                hosts.get(i).awaitOutput("jdk-host listening", Duration.ofSeconds(60));
                Http.awaitSettledAgent(agents.get(i));
                // One request first, so that the route's series exist before Prometheus's first scrape and
                // rate() sees every request of the load as an increase.
                assertEquals(200, Http.get(apps.get(i) + "/slow?ms=1").status());
                Http.awaitMetrics(agents.get(i), m -> Http.count(m, "/slow") == 1, Duration.ofSeconds(30));
            }
            try (Prometheus prometheus = new Prometheus(agents)) {
                prometheus.await("sum(http_server_request_duration_seconds_count{route=\"/slow\"})", v -> v == 3,
                        Duration.ofSeconds(60));

                // Replicas 0 and 1 answer in 20..39 ms, replica 2 in 200..398 ms.
                List<long[]> delays = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    long[] d = new long[PER_REPLICA];
                    for (int j = 0; j < PER_REPLICA; j++) d[j] = i < 2 ? 20 + j % 20 : 200 + 2 * j;
                    delays.add(d);
                }
                ExecutorService clients = Executors.newFixedThreadPool(24);
                try {
                    List<Future<Integer>> answers = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        for (long ms : delays.get(i)) {
                            String url = apps.get(i) + "/slow?ms=" + ms;
                            answers.add(clients.submit(() -> Http.get(url).status()));
                        }
                    }
                    for (Future<Integer> a : answers) assertEquals(200, a.get(60, TimeUnit.SECONDS));
                } finally {
                    clients.shutdownNow();
                }
                prometheus.await("sum(http_server_request_duration_seconds_count{route=\"/slow\"})",
                        v -> v == 3 + 3 * PER_REPLICA, Duration.ofSeconds(60));

                // The truth: the p95 of all 300 requests merged (nearest rank), as the hosts slept; what the
                // agent measures is a little more (the handler around the sleep), so both must share a bucket.
                long[] all = delays.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                double truth = all[(int) Math.ceil(0.95 * all.length) - 1] / 1000.0;
                double[] bucket = bucketOf(truth);
                assertEquals(bucketOf(truth + 0.005)[0], bucket[0], "the truth is not at a bucket's edge");

                double fleet = prometheus.value("histogram_quantile(0.95, sum by (le) "
                        + "(rate(http_server_request_duration_seconds_bucket{route=\"/slow\"}[1m])))");
                System.out.printf("fleet p95: Prometheus %.3f s, truth %.3f s, bucket (%s, %s]%n", fleet, truth, bucket[0],
                        bucket[1]);
                assertTrue(fleet > bucket[0] && fleet <= bucket[1],
                        "histogram_quantile " + fleet + " within the bucket of the true p95 " + truth);
                // Each fast replica's own p95 is ten times lower: the fleet's is not an average of theirs.
                JsonNode perReplica = prometheus.query("histogram_quantile(0.95, sum by (instance, le) "
                        + "(rate(http_server_request_duration_seconds_bucket{route=\"/slow\"}[1m])))");
                int fast = 0;
                for (JsonNode r : perReplica) {
                    if (Double.parseDouble(r.get("value").get(1).asText()) <= 0.05) fast++;
                }
                assertEquals(2, fast, "two replicas' own p95 within 50 ms: " + perReplica);

                // The shipped rules evaluate here: the fleet's p95, no errors, three replicas ready.
                double recorded = prometheus.await(
                        "service_route:http_server_request_duration_seconds:p95{service=\"" + SERVICE + "\",route=\"/slow\"}",
                        v -> v > bucket[0], Duration.ofSeconds(30));
                assertTrue(recorded <= bucket[1], "the recording rule's p95 " + recorded);
                assertEquals(0, prometheus.await("service_route:http_server_error_ratio:rate1m{service=\"" + SERVICE
                        + "\",route=\"/slow\"}", v -> true, Duration.ofSeconds(30)));
                assertEquals(3, prometheus.await("service:health_ready_replicas:sum{service=\"" + SERVICE + "\"}",
                        v -> v == 3, Duration.ofSeconds(30)));
            }
            for (String agent : agents) Http.assertNoAgentErrors(agent);
        } finally {
            for (HostProcess h : hosts) h.close();
        }
    }

    /** The bounds (lower, upper] of the histogram bucket holding {@code seconds}. */
    private static double[] bucketOf(double seconds) {
        double[] upper = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60};
        double lower = 0;
        for (double u : upper) {
            if (seconds <= u) return new double[] {lower, u};
            lower = u;
        }
        return new double[] {lower, Double.POSITIVE_INFINITY};
    }

    /** Debian's Prometheus on a free port, scraping the agents every second, with the shipped rules. */
    static final class Prometheus implements AutoCloseable {
        final Process process;
        final String base;
        final Path log;

        Prometheus(List<String> agents) throws Exception {
            int port = HostProcess.freePort();
            Path dir = HostProcess.WORK.resolve("prometheus").toAbsolutePath();
            HostProcess.deleteTree(dir);
            Files.createDirectories(dir);
            StringBuilder targets = new StringBuilder();
            for (String a : agents) targets.append(targets.length() == 0 ? "" : ", ").append('\'').append(a.substring(7)).append('\'');
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                    + "rule_files:\n  - " + RULES_DIR.resolve("health-agent.rules.yml") + "\n"
                    + "scrape_configs:\n  - job_name: stream\n    static_configs:\n      - targets: [" + targets + "]\n");
            log = dir.resolve("prometheus.log");
            process = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            base = "http://127.0.0.1:" + port;
            Http.awaitReady(base + "/-/ready", process, log, Duration.ofSeconds(30));
        }

        /** An instant query's result vector. */
        JsonNode query(String promql) throws Exception {
            JsonNode reply = Http.get(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).json();
            assertEquals("success", reply.path("status").asText(), promql + ": " + reply);
            return reply.path("data").path("result");
        }

        /** The single value of an instant query, which must have one. */
        double value(String promql) throws Exception {
            JsonNode result = query(promql);
            assertEquals(1, result.size(), promql + ": " + result);
            return Double.parseDouble(result.get(0).get("value").get(1).asText());
        }

        /** Polls {@code promql} until it has one value that {@code done} accepts; returns it. */
        double await(String promql, Predicate<Double> done, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                last = query(promql);
                if (last.size() == 1) {
                    double v = Double.parseDouble(last.get(0).get("value").get(1).asText());
                    if (done.test(v)) return v;
                }
                Thread.sleep(250);
            }
            throw new AssertionError(promql + " did not reach the expected value within " + timeout + "; last: " + last
                    + "\n" + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }
}
