package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Notifications reaching real receivers: a webhook (an HTTP server in this test that fails twice before it
 * accepts) and Debian's prometheus-alertmanager with three agents. The alert is an extra check's
 * consecutive failures against a port nobody listens on, resolved by listening on it: check.interval=1s,
 * so it is raised after three failed runs and resolved alert.for (3 s) after the first pass.
 */
class NotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERT = "api:consecutive_failures";
    /** The machine's own load never raises an alert here: only the api check's. */
    private static final String QUIET = "threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100,"
            + "threshold.memory.warning=100,threshold.memory.critical=100,threshold.memory.emergency=100,";

    /** A webhook receiver: every POST body kept, and the first {@code failures} answered 500. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger posts = new AtomicInteger();

        Receiver(int failures) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int n = posts.incrementAndGet();
                int status = n <= failures ? 500 : 200;
                if (status == 200) bodies.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        JsonNode await(Predicate<JsonNode> done, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (String b : bodies) {
                    JsonNode n = JSON.readTree(b);
                    if (done.test(n)) return n;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no webhook body matched within " + timeout + "; got " + bodies);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void aWebhookGetsEachTransitionAndRemindersRetriedThroughFailuresWithItsSecretsMasked() throws Exception {
        int agentPort = HostProcess.freePort();
        int apiPort = HostProcess.freePort(); // nobody listens yet: the api check fails
        String agent = "http://127.0.0.1:" + agentPort;
        try (Receiver hook = new Receiver(2)) {
            String url = "http://127.0.0.1:" + hook.port() + "/hooks/T0001/B0002/s3cretPathToken?token=s3cretQueryToken";
            try (HostProcess host = HostProcess.idle("notify-webhook", "port=" + agentPort + ",host=127.0.0.1,"
                    + QUIET + "check.interval=1s,check.api.url=tcp://127.0.0.1:" + apiPort + ",alert.renotify=3s,"
                    + "service.name=radio-eu,alert.webhook.url=" + url, false)) {
                host.awaitSnapshot(agent, Duration.ofSeconds(60));
                long started = Instant.now().getEpochSecond();

                // Raised: delivered after two 500s (pauses of 1 s and 2 s), the same body each time.
                JsonNode raised = hook.await(b -> b.path("kind").asText().equals("raised")
                        && b.path("alert").path("id").asText().equals(ALERT), Duration.ofSeconds(30));
                assertTrue(hook.posts.get() >= 3, "two refused attempts, then the accepted one: " + hook.posts.get());
                assertEquals("radio-eu", raised.path("service").asText());
                assertTrue(raised.path("instance").asText().endsWith(":" + agentPort),
                        "the instance is HOST:PORT of the agent port: " + raised);
                assertEquals("Critical", raised.path("transition").path("to").asText());
                assertTrue(raised.path("transition").path("from").isNull(), raised.toString());
                assertEquals("Critical", raised.path("alert").path("severity").asText());
                assertEquals("api", raised.path("alert").path("component").asText());
                assertTrue(raised.path("alert").path("message").asText().contains("failed 3 times in a row"),
                        raised.toString());
                assertTrue(raised.path("sent_at").asLong() >= started, raised.toString());
                assertFalse(raised.has("reminder"), "a transition is not a reminder: " + raised);
                System.out.println("a webhook's body: " + raised);

                // Still Critical 3 s later: reminded, with its number.
                JsonNode reminder = hook.await(b -> b.path("kind").asText().equals("reminder")
                        && b.path("alert").path("id").asText().equals(ALERT), Duration.ofSeconds(20));
                assertEquals(1, reminder.path("reminder").asInt());
                assertEquals(ALERT, reminder.path("alert").path("id").asText());
                assertTrue(reminder.path("sent_at").asLong() - raised.path("sent_at").asLong() >= 3,
                        "the first reminder waits alert.renotify: " + raised + " then " + reminder);

                // The dependency comes back: resolved, with the whole history.
                try (ServerSocket api = new ServerSocket(apiPort, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                    JsonNode resolved = hook.await(b -> b.path("kind").asText().equals("resolved")
                            && b.path("alert").path("id").asText().equals(ALERT), Duration.ofSeconds(30));
                    assertEquals("Resolved", resolved.path("transition").path("to").asText());
                    assertEquals("Critical", resolved.path("transition").path("from").asText());
                    assertTrue(resolved.path("alert").path("resolved").asBoolean(), resolved.toString());
                    assertEquals(2, resolved.path("alert").path("transitions").size(), resolved.toString());
                }
                String log = host.output();
                assertTrue(log.contains("WARN webhook http://127.0.0.1:" + hook.port() + "/*** failed: HTTP 500; retrying"),
                        log);
                assertTrue(log.contains("webhook http://127.0.0.1:" + hook.port() + "/*** is accepting notifications again"),
                        log);
                assertTrue(log.contains("alert " + ALERT + " raised Critical"), log);
                assertTrue(log.contains("alert " + ALERT + " still Critical (reminder 1)"), log);
                assertFalse(log.contains("s3cretPathToken") || log.contains("s3cretQueryToken"),
                        "the webhook's secrets never reach the log:\n" + log);
                JsonNode detailed = Http.get(agent + "/health/detailed").json();
                assertFalse(detailed.toString().contains("s3cret"), "nor a report");
            }
        }
    }

    /** Debian's Alertmanager on a free port, grouping by alertname, with a receiver that sends nothing. */
    static final class Alertmanager implements AutoCloseable {
        final Process process;
        final String base;
        final Path log;

        Alertmanager() throws Exception {
            int port = HostProcess.freePort();
            Path dir = HostProcess.WORK.resolve("alertmanager").toAbsolutePath();
            HostProcess.deleteTree(dir);
            Files.createDirectories(dir);
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, "route:\n  receiver: nowhere\n  group_by: [alertname]\n  group_wait: 1s\n"
                    + "  group_interval: 1s\n  repeat_interval: 1h\nreceivers:\n  - name: nowhere\n");
            log = dir.resolve("alertmanager.log");
            process = new ProcessBuilder("prometheus-alertmanager", "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            base = "http://127.0.0.1:" + port;
            Http.awaitReady(base + "/-/ready", process, log, Duration.ofSeconds(30));
        }

        /** GET /api/v2/alerts: the alerts it holds as active. */
        JsonNode alerts() throws Exception {
            return Http.get(base + "/api/v2/alerts").json();
        }

        JsonNode awaitAlerts(Predicate<JsonNode> done, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                last = alerts();
                if (done.test(last)) return last;
                Thread.sleep(200);
            }
            throw new AssertionError("Alertmanager's alerts did not reach the expected state within " + timeout + ": " + last);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * An error-rate alert that rises Warning then Critical and resolves: Alertmanager sees the Warning label
     * set resolved when the alert leaves it, and nothing active once the agent resolves it, long before the
     * 40 s of endsAt would have expired them.
     */
    @Test
    void aSeverityChangeResolvesTheLevelLeftInAlertmanager() throws Exception {
        String alert = "error_rate:threshold";
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        try (Alertmanager am = new Alertmanager();
             HostProcess host = HostProcess.jdkHttpHost("notify-levels", HostProcess.currentJavaHome(),
                     "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,alert.for=1s," + QUIET
                             + "alertmanager.url=" + am.base + ",alertmanager.resend=10s", port)) {
            host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/slow?ms=0", 100, 4);
            Http.load(app + "/fail", 8, 2);                  // 7.4 %: Warning
            am.awaitAlerts(a -> active(a, alert).equals(List.of("warning")), Duration.ofSeconds(20));
            Http.load(app + "/fail", 12, 2);                 // 16.7 %: Critical
            am.awaitAlerts(a -> active(a, alert).equals(List.of("critical")), Duration.ofSeconds(20));
            Http.load(app + "/slow?ms=0", 2000, 8);          // under 1 %: resolved
            Reports.awaitReport(agent, rep -> Reports.resolved(rep, alert), Duration.ofSeconds(20));
            am.awaitAlerts(a -> active(a, alert).isEmpty(), Duration.ofSeconds(10));
            Http.assertNoAgentErrors(agent);
        }
    }

    /** The severities of {@code alertname}'s active alerts in Alertmanager. */
    private static List<String> active(JsonNode alerts, String alertname) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : alerts) {
            if (a.path("labels").path("alertname").asText().equals(alertname) && a.path("status").path("state").asText().equals("active")) {
                out.add(a.path("labels").path("severity").asText());
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    private static int named(JsonNode alerts, String alertname) {
        int n = 0;
        for (JsonNode a : alerts) {
            if (a.path("labels").path("alertname").asText().equals(alertname)) n++;
        }
        return n;
    }

    /** A receiver that accepts connections and never reads nor answers: a webhook or an Alertmanager that hangs. */
    static final class Hang implements AutoCloseable {
        final ServerSocket socket;
        final List<java.net.Socket> held = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        Hang() throws Exception {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(() -> {
                try {
                    while (true) held.add(socket.accept());
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "hang");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (java.net.Socket s : held) s.close();
        }
    }

    /**
     * A webhook and an Alertmanager that accept and never answer, while four dependencies are down and their
     * alerts are reminded every second: the agent's snapshots keep their pace and its port answers, the
     * webhook's queue stays at {@code alert.webhook.queue} (2 here) and the rest are dropped, counted in
     * /metrics and the agent block, and said once in the log.
     */
    @Test
    void aTargetThatHangsSlowsNothingAndItsDropsAreCounted() throws Exception {
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        StringBuilder down = new StringBuilder();
        for (String name : List.of("api", "db", "cache", "search")) {
            down.append("check.").append(name).append(".url=tcp://127.0.0.1:").append(HostProcess.freePort()).append(',');
        }
        try (Hang hook = new Hang(); Hang am = new Hang();
             HostProcess host = HostProcess.idle("notify-hang", "port=" + agentPort + ",host=127.0.0.1," + QUIET
                     + "check.interval=1s," + down + "alert.renotify=1s,alert.webhook.queue=2,alert.webhook.url="
                     + hook.url("/hooks/s3cret") + ",alertmanager.url=" + am.url("") + ",alertmanager.resend=1s", false)) {
            host.awaitSnapshot(agent, Duration.ofSeconds(60));
            Map<String, Double> m = Http.awaitMetrics(agent,
                    x -> x.getOrDefault("health_agent_notifications_total{channel=\"webhook\",outcome=\"dropped\"}", 0.0) >= 3
                            && x.getOrDefault("health_agent_notifications_total{channel=\"alertmanager\",outcome=\"dropped\"}", 0.0) >= 3,
                    Duration.ofSeconds(40));
            assertEquals(2, m.get("health_agent_notifications_queued{channel=\"webhook\"}"), "the webhook's queue stays at 2");
            assertEquals(1, m.get("health_agent_notifications_queued{channel=\"alertmanager\"}"), "Alertmanager's at 1 (whole states)");
            assertEquals(0, m.get("health_agent_notifications_total{channel=\"webhook\",outcome=\"sent\"}"));

            // Ten seconds more of hanging targets: the snapshots keep their one-second pace, the port answers.
            long before = Http.get(agent + "/health/detailed").json().path("agent").path("snapshot_sequence").asLong();
            long start = System.nanoTime();
            long slowest = 0;
            while (System.nanoTime() - start < 10_000_000_000L) {
                long t = System.nanoTime();
                assertEquals(200, Http.get(agent + "/health/live").status());
                slowest = Math.max(slowest, System.nanoTime() - t);
                Thread.sleep(250);
            }
            JsonNode detailed = Http.get(agent + "/health/detailed").json();
            long snapshots = detailed.path("agent").path("snapshot_sequence").asLong() - before;
            System.out.printf("hanging targets: %d snapshots in 10 s, slowest /health/live %d ms, agent block %s%n",
                    snapshots, slowest / 1_000_000, detailed.path("agent").path("notifications"));
            assertTrue(snapshots >= 7, "snapshots keep their pace (1 s) while the targets hang: " + snapshots + " in 10 s");
            JsonNode webhook = detailed.path("agent").path("notifications").get(0);
            assertEquals("webhook", webhook.path("channel").asText());
            assertEquals("http://127.0.0.1:" + hook.socket.getLocalPort() + "/***", webhook.path("target").asText());
            assertTrue(webhook.path("dropped").asLong() > m.get(
                    "health_agent_notifications_total{channel=\"webhook\",outcome=\"dropped\"}"), "still dropping: " + webhook);
            String log = host.output();
            assertEquals(1, log.split("does not keep up", -1).length - 1, "the drops are said once:\n" + log);
            assertTrue(log.contains("WARN webhook at http://127.0.0.1:" + hook.socket.getLocalPort()
                    + "/*** does not keep up (2 notifications waiting)"), log);
            assertTrue(log.contains("still Critical (reminder 3)"), "the log channel keeps telling: " + log);
            assertFalse(log.contains("s3cret") || detailed.toString().contains("s3cret"), "the webhook's path is never shown");
            Http.assertNoAgentErrors(agent);
        }
    }

    @Test
    void threeAgentsAlertOneAlertmanagerWhichGroupsTheirAlertAndSeesItResolve() throws Exception {
        int apiPort = HostProcess.freePort(); // one dependency of all three, down
        try (Alertmanager am = new Alertmanager()) {
            List<HostProcess> hosts = new ArrayList<>();
            List<String> agents = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    int agentPort = HostProcess.freePort();
                    agents.add("http://127.0.0.1:" + agentPort);
                    hosts.add(HostProcess.idle("notify-am-" + i, "port=" + agentPort + ",host=127.0.0.1,check.interval=1s," + QUIET
                            + "check.api.url=tcp://127.0.0.1:" + apiPort + ",alertmanager.url=" + am.base
                            + ",alertmanager.resend=10s", false));
                }
                JsonNode firing = am.awaitAlerts(a -> named(a, ALERT) == 3, Duration.ofSeconds(60));
                Set<String> instances = new HashSet<>();
                for (JsonNode a : firing) {
                    JsonNode labels = a.path("labels");
                    if (!labels.path("alertname").asText().equals(ALERT)) continue; // the disk's own, say
                    assertEquals(ALERT, labels.path("alertname").asText());
                    assertEquals("stream-server", labels.path("service").asText());
                    assertEquals("api", labels.path("component").asText());
                    assertEquals("critical", labels.path("severity").asText());
                    instances.add(labels.path("instance").asText());
                    assertEquals("active", a.path("status").path("state").asText(), a.toString());
                    assertTrue(a.path("annotations").path("summary").asText().startsWith("Critical " + ALERT + " on stream-server"),
                            a.toString());
                    assertTrue(a.path("annotations").path("description").asText().contains("failed 3 times in a row"),
                            a.toString());
                    // endsAt a few resend periods ahead: a dead agent's alert expires by itself.
                    long ahead = Instant.parse(a.path("endsAt").asText()).getEpochSecond() - Instant.now().getEpochSecond();
                    assertTrue(ahead > 20 && ahead <= 4 * 10 + 2, "endsAt about 4 resends (40 s) ahead: " + a);
                }
                assertEquals(3, instances.size(), "one alert per agent, told apart by instance: " + instances);
                for (String agent : agents) {
                    String port = agent.substring(agent.lastIndexOf(':'));
                    assertTrue(instances.stream().anyMatch(i -> i.endsWith(port)), "instance is HOST:PORT of each agent port: "
                            + instances);
                }
                JsonNode groups = Http.get(am.base + "/api/v2/alerts/groups").json();
                int grouped = 0;
                for (JsonNode g : groups) {
                    if (g.path("labels").path("alertname").asText().equals(ALERT)) grouped = g.path("alerts").size();
                }
                assertEquals(3, grouped, "Alertmanager groups the three agents' alert into one group: " + groups);
                for (JsonNode a : firing) {
                    if (a.path("labels").path("alertname").asText().equals(ALERT)) {
                        System.out.println("an alert as Alertmanager's API reported it: " + a);
                        break;
                    }
                }

                // The dependency comes back: each agent resolves and tells Alertmanager at once (endsAt now),
                // long before the 40 s of endsAt would have expired the alerts by themselves.
                try (ServerSocket api = new ServerSocket(apiPort, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                    for (String agent : agents) {
                        JsonNode r = Reports.awaitReport(agent, rep -> Reports.resolved(rep, ALERT),
                                Duration.ofSeconds(15));
                        assertEquals(0, r.path("agent").path("errors").asLong());
                    }
                    am.awaitAlerts(a -> named(a, ALERT) == 0, Duration.ofSeconds(10));
                }
            } finally {
                for (HostProcess h : hosts) h.close();
            }
        }
    }
}
