package io.healthagent.it;

import static io.healthagent.it.Http.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The host's faults and neighbours, each in a reduced form bounded in time: the agent given twice, its
 * jar replaced after start (an upgrade in place), and a server on virtual threads (JDK 25). The host keeps
 * serving and the figures stay right; the agent catches no error of its own.
 */
class NeighboursIT {

    /** {@code -javaagent} twice: one agent runs, one line says the second start was ignored. */
    @Test
    void theAgentGivenTwiceRunsOnce() throws Exception {
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String jar = HostProcess.AGENT_JAR.toAbsolutePath().toString();
        try (HostProcess host = HostProcess.idle("twice", "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", false,
                List.of("-javaagent:" + jar + "=port=" + HostProcess.freePort()))) {
            host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            host.awaitOutput("already running in this JVM; the second start is ignored", Duration.ofSeconds(10));
            String out = host.output();
            assertEquals(1, out.split("health endpoints on", -1).length - 1, "one agent's endpoints: " + out);
            assertEquals(1, out.split("the second start is ignored", -1).length - 1, out);
            Http.assertNoAgentErrors(agent);
        }
    }

    /**
     * The agent's jar replaced by another file, then deleted, after start: classes the host loads later (its
     * first WebSocket connection, a servlet's first request) are still instrumented, from what the agent opened.
     */
    @Test
    void theJarReplacedAfterStartKeepsInstrumenting() throws Exception {
        Path dir = Files.createTempDirectory(HostProcess.WORK.toAbsolutePath(), "upgrade-");
        Path jar = dir.resolve("health-agent.jar");
        Files.copy(HostProcess.AGENT_JAR, jar);
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        try (HostProcess host = HostProcess.streamServer("upgrade", HostProcess.currentJavaHome(), null, port,
                "-javaagent:" + jar + "=port=" + agentPort + ",host=127.0.0.1,check.interval=1s")) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            // An upgrade in place: a new file moved over the old name, then removed altogether.
            Path next = dir.resolve("next.jar");
            Files.write(next, new byte[] {'P', 'K', 3, 4, 0, 0});
            Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(jar);

            Http.load(app + "/api/slow?ms=20", 10, 2);      // the first requests of these servlets
            Http.load(app + "/api/async?ms=20", 5, 1);
            try (WsClient ws = WsClient.open("ws://127.0.0.1:" + port + "/ws/echo")) { // the first WebSocket connection
                ws.send("hello");
                assertEquals("hello", ws.next());
            }
            Map<String, Double> m = Http.awaitMetrics(agent, x -> count(x, "/api/slow") == 10 && count(x, "/api/async") == 5
                    && Http.ws(x, "websocket_connections_opened_total", "/ws/echo") == 1, Duration.ofSeconds(30));
            assertEquals(1, Http.ws(m, "websocket_messages_total", "/ws/echo", "direction=\"in\""), "the message counted");
            assertEquals(1, Http.ws(m, "websocket_messages_total", "/ws/echo", "direction=\"out\""));
            Http.assertNoAgentErrors(agent);
        }
    }

    /** The JDK server with a virtual thread per exchange, 200 requests at once: each counted once, on its route, in its time. */
    @Test
    void virtualThreadsAreMeasuredLikePlatformThreads() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        try (HostProcess host = HostProcess.jdkHttpHost("virtual-jdk25", Jdks.jdk25(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port, "virtual")) {
            host.awaitOutput("jdk-host listening", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/slow?ms=1", 20, 4); // warm
            Http.twoHundredAtOnce(app + "/slow?ms=100", agent, "/slow", 20);
        }
    }

    /**
     * Another agent in the same JVM, on the stream server: the OpenTelemetry Java agent before ours on the
     * command line, Elastic's APM agent after it. The host answers every request, ours measures them as
     * alone (p50 of 100 ms sleeps within a few percent), no VerifyError, no error of ours.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("otherAgents")
    void anotherAgentInTheSameJvm(String which) throws Exception {
        Path peers = Paths.get(System.getProperty("peer.agents"));
        Files.createDirectories(HostProcess.WORK);
        Files.deleteIfExists(HostProcess.WORK.toAbsolutePath().resolve("elastic-apm.log"));
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        String ours = "-javaagent:" + HostProcess.AGENT_JAR.toAbsolutePath() + "=port=" + agentPort + ",host=127.0.0.1,check.interval=1s";
        List<String> other = which.startsWith("opentelemetry")
                ? List.of("-javaagent:" + peers.resolve("opentelemetry-javaagent.jar"), "-Dotel.traces.exporter=none",
                        "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")
                : List.of("-javaagent:" + peers.resolve("elastic-apm-agent.jar"), "-Delastic.apm.service_name=stream",
                        "-Delastic.apm.disable_send=true", "-Delastic.apm.central_config=false", "-Delastic.apm.log_level=INFO",
                        "-Delastic.apm.log_file=" + HostProcess.WORK.toAbsolutePath().resolve("elastic-apm.log"),
                        "-Delastic.apm.cloud_provider=NONE", "-Delastic.apm.metrics_interval=0s");
        List<String> jvm = new ArrayList<>();
        if (which.endsWith("-before")) jvm.addAll(other);
        jvm.add(ours);
        if (which.endsWith("-after")) jvm.addAll(other);
        try (HostProcess host = HostProcess.streamServer("neighbour-" + which, HostProcess.currentJavaHome(), null, port,
                jvm.toArray(new String[0]))) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(120));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/api/slow?ms=100", 5, 1); // warm
            List<Integer> slow = Http.load(app + "/api/slow?ms=100", 20, 2);
            List<Integer> tracks = Http.load(app + "/api/tracks", 20, 2);
            assertTrue(slow.stream().allMatch(s -> s == 200) && tracks.stream().allMatch(s -> s == 200), slow + " " + tracks);
            Map<String, Double> m = Http.awaitMetrics(agent, x -> count(x, "/api/slow") == 25 && count(x, "/api/tracks") == 20,
                    Duration.ofSeconds(30));
            assertEquals(25, count(m, "/api/slow"));
            double p50 = 1000 * Http.quantile(agent, "/api/slow", "0.5");
            System.out.printf("%s: %d requests answered, p50 of 100 ms sleeps %.1f ms%n", which, slow.size() + tracks.size() + 5, p50);
            Http.assertNear(100, p50, which + " p50");
            String out = host.output();
            assertFalse(out.contains("VerifyError") || out.contains("LinkageError"), out);
            // The other agent did run.
            String theirs = which.startsWith("opentelemetry") ? out
                    : Files.readString(HostProcess.WORK.toAbsolutePath().resolve("elastic-apm.log"));
            assertTrue(theirs.contains(which.startsWith("opentelemetry") ? "opentelemetry-javaagent - version: 2.31.1"
                    : "Starting Elastic APM 1.52.0"), theirs.length() > 2000 ? theirs.substring(0, 2000) : theirs);
            Http.assertNoAgentErrors(agent);
        }
    }

    /** The other agents, before or after ours on the command line: one order each in the suite, both in scripts/faults.sh. */
    static java.util.stream.Stream<String> otherAgents() {
        return Faults.full() ? java.util.stream.Stream.of("opentelemetry-before", "opentelemetry-after", "elastic-before", "elastic-after")
                : java.util.stream.Stream.of("opentelemetry-before", "elastic-after");
    }

    /**
     * A route scanner on the stream server, whose servlet mappings name its routes: every unknown path is
     * counted under the default servlet's "/", no route is made, and the heap stays where it was (2,000
     * requests in the suite, where Netty's path routes take the 10,000; 100,000 in scripts/faults.sh).
     */
    @Test
    void aRouteScannerOnTheStreamServerLeavesNothingBehind() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("stream-scanner", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            RouteScan.leavesNothingBehind("stream-scanner", host, port, agent, Faults.scale(2_000, 100_000), "/");
        }
    }

    /** Jetty 12 with its virtual-thread pool (the stream server, JDK 25): 200 requests at once, each counted once. */
    @Test
    void jettyOnVirtualThreadsIsMeasured() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        try (HostProcess host = HostProcess.streamServer("virtual-jetty-jdk25", Jdks.jdk25(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port, List.of("--virtual-threads"))) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/api/slow?ms=1", 19, 4); // warm
            assertTrue(Http.get(app + "/api/slow?ms=1").json().get("virtual_thread").asBoolean(), "the servlet runs on a virtual thread");
            Http.twoHundredAtOnce(app + "/api/slow?ms=100", agent, "/api/slow", 20);
        }
    }

    /**
     * A read-only root file system (a container's, /tmp and the working directory with it): the agent writes
     * nowhere, says once that its history is in memory, serves /health/history and reports from there, and
     * measures and checks as ever.
     */
    @Test
    void aReadOnlyFileSystemKeepsTheHistoryInMemory() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        try (HostProcess host = HostProcess.jdkHttpHost("read-only-root", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port, HostProcess.readOnlyRoot())) {
            host.awaitOutput("jdk-host listening", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);
            List<Integer> answers = Http.load(app + "/slow?ms=5", 50, 4);
            assertTrue(answers.stream().allMatch(s -> s == 200), answers.toString());
            Map<String, Double> m = Http.awaitMetrics(agent, x -> count(x, "/slow") == 50, Duration.ofSeconds(30));
            assertEquals(50, count(m, "/slow"));

            JsonNode detailed = Http.get(agent + "/health/detailed").json();
            JsonNode store = detailed.path("agent").path("store");
            assertEquals("unavailable", store.path("status").asText(), store.toString());
            assertTrue(store.path("reason").asText().contains("Read-only file system"), store.toString());
            for (String check : List.of("cpu", "memory", "disk_space", "network")) {
                String status = detailed.path("checks").path(check).path("status").asText();
                assertTrue(status.equals("pass") || status.equals("warn"), check + " still measures: " + detailed.path("checks"));
            }
            // The history of this run, from memory: every request of the load, once the snapshots after it are in.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            JsonNode history;
            double requests;
            do {
                Thread.sleep(500);
                history = Http.get(agent + "/health/history?metric=requests&step=60").json();
                requests = 0;
                for (JsonNode p : history.path("points")) requests += p.get(1).asDouble();
            } while (requests < 50 && System.nanoTime() < deadline);
            assertEquals("memory", history.path("source").asText(), history.toString());
            assertEquals(50, requests, 0.0, "the load, from the samples in memory: " + history);
            System.out.printf("read-only root: 50 requests answered and counted; store %s; history from %s%n", store,
                    history.path("source").asText());
            Http.Reply report = Http.get(agent + "/health/report?period=1h");
            assertEquals(200, report.status(), report.body());
            assertTrue(report.json().path("note").asText().contains("this run's samples in memory"), report.body());
            assertEquals(50, report.json().path("requests").path("total").asLong(), report.body());

            String out = host.output();
            assertEquals(1, out.split("this run's history is kept in memory", -1).length - 1, "said once:\n" + out);
            assertFalse(out.contains("Exception"), out);
            Http.assertNoAgentErrors(agent);
        }
    }

    /**
     * The host runs out of heap (a stream-server handler fills a 96 MB heap and holds it full for 3 s, then
     * lets go; Jetty's threads outlive it, where the JDK server's dispatcher thread dies): the
     * agent's threads are all there after it, its port and snapshots come back as soon as memory is, the host's
     * later requests are measured, and whatever the agent lost is counted in health_agent_errors_total as an
     * OutOfMemoryError, nothing else.
     */
    @Test
    void theHostRunningOutOfHeapLeavesTheAgentWhole() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        try (HostProcess host = HostProcess.streamServer("out-of-heap", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", port, "-Xmx96m", "-XX:+UseSerialGC")) {
            host.expectAgentErrors("OutOfMemoryError");
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/api/slow?ms=1", 20, 2);
            java.util.Set<String> threadsBefore = agentThreads(host.pid());
            long heapBefore = LiveHeap.of(host.pid()).totalBytes;

            int oom;
            try {
                oom = Http.get(app + "/api/oom?ms=3000").status();
            } catch (java.io.IOException dropped) {
                oom = -1; // the host could not even answer: the test is about what follows
            }
            long released = System.nanoTime();
            // Back as soon as memory is: a new snapshot within a few check intervals.
            long seq = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    JsonNode d = Http.get(agent + "/health/detailed").json();
                    long at = d.path("agent").path("snapshot_at_ms").asLong();
                    if (at > System.currentTimeMillis() - 1500 && System.nanoTime() - released > 1_500_000_000L) {
                        seq = d.path("agent").path("snapshot_sequence").asLong();
                        break;
                    }
                } catch (Exception notYet) {
                    // the port may refuse while the heap is still full
                }
                Thread.sleep(200);
            }
            assertTrue(seq > 0, "a fresh snapshot within 30 s of the release:\n" + host.output());
            System.out.printf("out of heap: /oom answered %d; back %.1f s after; ", oom, (System.nanoTime() - released) / 1e9);

            List<Integer> after = Http.load(app + "/api/slow?ms=1", 20, 2);
            assertTrue(after.stream().allMatch(x -> x == 200), after.toString());
            Map<String, Double> m = Http.awaitMetrics(agent, x -> count(x, "/api/slow") == 40, Duration.ofSeconds(30));
            assertEquals(40, count(m, "/api/slow"), "the requests before and after, each once");
            java.util.Set<String> threadsAfter = agentThreads(host.pid());
            assertEquals(threadsBefore, threadsAfter, "the agent's threads survived (or came back)");
            double errors = Http.sumOf(m, "health_agent_errors_total{");
            String lines = host.output().lines().filter(l -> l.contains(HostProcess.AGENT_ERROR))
                    .collect(java.util.stream.Collectors.joining("\n"));
            System.out.printf("agent errors %.0f; threads %s; live heap %d KB before, %d KB after%n%s%n", errors, threadsAfter,
                    heapBefore / 1024, LiveHeap.of(host.pid()).totalBytes / 1024, lines);
            // Three seconds of a full heap meet the agent's threads (the monitor runs every second): counted, and
            // said once per site when the heap allowed (close() fails the test on any other error).
            assertTrue(errors >= 1 && lines.contains("OutOfMemoryError"), "what was lost is counted as such: " + errors + " " + lines);
        }
    }

    /** The names of the agent's own long-lived threads in the host, from jcmd Thread.print. */
    private static java.util.Set<String> agentThreads(long pid) throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\"(health-agent[^\"]*)\"").matcher(out);
        while (m.find()) {
            if (!m.group(1).matches(".*-\\d+$")) names.add(m.group(1)); // pools' threads come and go as work does
        }
        assertFalse(names.isEmpty(), out);
        return names;
    }
}
