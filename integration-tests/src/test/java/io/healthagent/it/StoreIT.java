package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The history store with a real SQLite file: what was committed survives kill -9; a corrupt file is moved
 * aside; an unwritable directory or a file another process locks leave the host serving, the agent block
 * saying why, and the status what the checks make it.
 */
class StoreIT {
    private static final String QUIET_CPU = "threshold.cpu.critical=100,threshold.cpu.emergency=100,threshold.cpu.warning=100";

    private static JsonNode store(JsonNode report) {
        return report.get("agent").get("store");
    }

    /**
     * Two agents started with one store file (two JVMs from one directory): the first holds it, the second
     * writes a file of its own beside it and says so; neither sees the other's history.
     */
    @Test
    void aSecondAgentOnTheSameFileWritesItsOwn() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-store-");
        Path file = dir.resolve("health.db");
        int firstPort = HostProcess.freePort();
        int secondPort = HostProcess.freePort();
        String options = ",host=127.0.0.1,check.interval=1s,store.path=" + file;
        try (HostProcess first = HostProcess.idle("store-first", "port=" + firstPort + options, false)) {
            JsonNode one = awaitReport("http://127.0.0.1:" + firstPort, r -> store(r).has("file"), Duration.ofSeconds(30));
            assertEquals(file.toString(), store(one).get("file").asText());
            try (HostProcess second = HostProcess.idle("store-second", "port=" + secondPort + options, false)) {
                JsonNode two = awaitReport("http://127.0.0.1:" + secondPort, r -> store(r).has("file"), Duration.ofSeconds(30));
                assertEquals("ok", store(two).get("status").asText());
                assertEquals(dir.resolve("health-" + secondPort + ".db").toString(), store(two).get("file").asText());
                second.awaitOutput("history store " + java.util.regex.Pattern.quote(file.toString())
                        + " is held by another agent .* this agent writes .*health-" + secondPort + "\\.db", Duration.ofSeconds(5));
                assertEquals(0, two.get("agent").get("errors").asLong());
            }
            Http.assertNoAgentErrors("http://127.0.0.1:" + firstPort);
        }
    }

    @Test
    void historyAlertsAndErrorsSurviveKillDashNine() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-store-");
        String storeArg = "store.path=" + dir.resolve("health.db");
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String args = "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,forecast.window=20s," + QUIET_CPU + ","
                + storeArg;
        long before;
        try (HostProcess host = HostProcess.streamServer("store-kill", HostProcess.currentJavaHome(), args, port)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/api/ping", 20, 2);
            Http.load(app + "/api/fail", 20, 2); // 50%: Emergency
            JsonNode raised = awaitReport(agent, r -> Reports.active(r, "error_rate:threshold", "Emergency")
                    && r.get("performance").get("error_rates").get("total_errors_24h").asLong() == 20, Duration.ofSeconds(15));
            assertEquals("ok", store(raised).get("status").asText(), raised.toString());
            before = raised.get("timestamp").asLong();
            // Committed once the next snapshot has been written: wait for a history point after the raise.
            awaitHistory(agent, "errors", before);
            awaitPoints(agent, "cpu", 10); // enough for a trend over forecast.window (20 s)
            host.process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing flushed
        }
        int port2 = HostProcess.freePort();
        int agentPort2 = HostProcess.freePort();
        String agent2 = "http://127.0.0.1:" + agentPort2;
        try (HostProcess host = HostProcess.streamServer("store-restart", HostProcess.currentJavaHome(),
                "port=" + agentPort2 + ",host=127.0.0.1,check.interval=1s,forecast.window=20s," + QUIET_CPU + "," + storeArg,
                port2)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            JsonNode first = awaitReport(agent2, r -> true, Duration.ofSeconds(30));
            assertTrue(first.path("analysis").path("trends").path("cpu_percent_per_hour").isNumber(),
                    "the first snapshot after the kill has trends: the store's samples seeded them: " + first.path("analysis"));
            assertEquals(20, first.get("performance").get("error_rates").get("total_errors_24h").asLong(),
                    "total_errors_24h survives the kill");
            assertEquals(0, first.get("performance").get("error_rates").get("rate_1min").asDouble(), 0.0);
            JsonNode alert = Reports.alert(first, "error_rate:threshold");
            assertTrue(alert != null, "the alert is back: " + first);
            // Re-evaluated against the figures of now (no errors): resolved once that has held alert.for.
            JsonNode resolved = awaitReport(agent2, r -> Reports.resolved(r, "error_rate:threshold"), Duration.ofSeconds(15));
            JsonNode history = Http.get(agent2 + "/health/alerts").json().get("alerts").get(0);
            assertEquals("error_rate:threshold", history.get("id").asText());
            assertEquals(List.of("Emergency", "Resolved"), List.of(history.get("transitions").get(0).get("to").asText(),
                    history.get("transitions").get(1).get("to").asText()), history.toString());
            JsonNode points = Http.get(agent2 + "/health/history?metric=errors&step=3600&since=" + (before - 600)).json();
            assertEquals("errors", points.get("metric").asText());
            assertEquals(3600, points.get("step_seconds").asLong());
            double stored = 0;
            for (JsonNode p : points.get("points")) stored += p.get(1).asDouble();
            assertEquals(20, stored, 0.0, "the samples from before the kill are there: " + points);
            assertEquals(400, Http.get(agent2 + "/health/history?metric=nope").status());
            assertEquals("healthy", resolved.get("status").asText());
        }
    }

    private static void awaitPoints(String agent, String metric, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Http.get(agent + "/health/history?metric=" + metric + "&step=1&since=0").json().get("points").size() < count) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + count + " stored samples of " + metric);
            Thread.sleep(200);
        }
    }

    private static void awaitHistory(String agent, String metric, long after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode points = Http.get(agent + "/health/history?metric=" + metric + "&step=1&since=" + after).json()
                    .get("points");
            if (points.size() > 0) return;
            assertTrue(System.nanoTime() < deadline, "no stored sample after " + after);
            Thread.sleep(100);
        }
    }

    @Test
    void onJdk25WithoutNativeAccessTheStoreStaysOffWithItsReasonAndNoJvmWarning() throws Exception {
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.idle("store-jdk25", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                + "," + QUIET_CPU, false, List.of(), Jdks.jdk25())) {
            JsonNode r = awaitReport("http://127.0.0.1:" + agentPort, x -> true, Duration.ofSeconds(30));
            assertEquals("unavailable", store(r).get("status").asText(), r.toString());
            assertTrue(store(r).get("reason").asText().contains("--enable-native-access=ALL-UNNAMED"), r.toString());
            assertEquals("healthy", r.get("status").asText());
            assertFalse(host.output().contains("WARNING:"), "no JVM warning:\n" + host.output());
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheStoreStartsAfresh() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-store-");
        Path db = dir.resolve("health.db");
        String garbage = "not a database, ".repeat(500);
        Files.writeString(db, garbage);
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.idle("store-corrupt", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                + ",store.path=" + db + "," + QUIET_CPU, false)) {
            JsonNode r = awaitReport("http://127.0.0.1:" + agentPort, x -> true, Duration.ofSeconds(30));
            assertEquals("ok", store(r).get("status").asText(), r.toString());
            List<Path> aside;
            try (Stream<Path> files = Files.list(dir)) {
                aside = files.filter(p -> p.getFileName().toString().startsWith("health.db.corrupt-")).collect(Collectors.toList());
            }
            assertEquals(1, aside.size(), "moved aside, not deleted");
            assertEquals(garbage, Files.readString(aside.get(0)));
            assertEquals(1, host.output().lines().filter(l -> l.contains("was corrupt; moved aside")).count(), host.output());
        }
    }

    @Test
    void anUnwritableDirectoryLeavesTheHostServingAndSaysWhy() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-ro-"); // root's, 700: nobody cannot write in it
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.idle("store-unwritable", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                + ",store.path=" + dir.resolve("sub/health.db") + "," + QUIET_CPU, true)) {
            JsonNode r = awaitReport(agent, x -> x.get("agent").get("store").get("status").asText().equals("unavailable"),
                    Duration.ofSeconds(30));
            String reason = store(r).get("reason").asText();
            assertTrue(reason.contains("permission denied") || reason.contains("not writable") || reason.contains("read-only"),
                    reason);
            assertEquals("healthy", r.get("status").asText(), "the store is the agent's, not the service's health");
            assertEquals(200, Http.get(agent + "/health/ready").status());
            assertEquals(200, Http.get(agent + "/health/live").status());
            Http.Reply history = Http.get(agent + "/health/history?metric=cpu");
            assertEquals(200, history.status(), "this run's history, from memory: " + history.body());
            assertEquals("memory", history.json().path("source").asText(), history.body());
            long lines = host.output().lines().filter(l -> l.contains("history store") && l.contains("unavailable")).count();
            assertEquals(1, lines, "one line, not one per retry:\n" + host.output());
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }

    @Test
    void aFullDiskLeavesTheHostServingAndTheStoreComesBackWhenThereIsRoom() throws Exception {
        Path mount = Files.createTempDirectory("health-agent-full-");
        run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount.toString()); // a small filesystem of its own
        try {
            Path filler = mount.resolve("filler");
            try (java.io.OutputStream out = Files.newOutputStream(filler)) {
                byte[] kb = new byte[1024];
                for (int i = 0; i < 10_000; i++) out.write(kb);
            } catch (java.io.IOException full) {
                // the filesystem is full: what this test is about
            }
            int agentPort = HostProcess.freePort();
            String agent = "http://127.0.0.1:" + agentPort;
            try (HostProcess host = HostProcess.idle("store-full", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                    + ",store.path=" + mount.resolve("health.db") + "," + QUIET_CPU, false)) {
                JsonNode r = awaitReport(agent, x -> x.get("agent").get("store").get("status").asText().equals("unavailable"),
                        Duration.ofSeconds(30));
                String reason = store(r).get("reason").asText();
                assertTrue(reason.contains("full"), reason);
                assertEquals("healthy", r.get("status").asText(), "the store is the agent's, not the service's health");
                assertEquals(200, Http.get(agent + "/health/ready").status());
                Files.delete(filler);
                awaitReport(agent, x -> x.get("agent").get("store").get("status").asText().equals("ok"), Duration.ofSeconds(20));
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void aFileAnotherProcessLocksMakesTheStoreUnavailableUntilReleased() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-store-");
        Path db = dir.resolve("health.db");
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
            s.execute("CREATE TABLE held (x)");
            s.execute("BEGIN EXCLUSIVE");
            try (HostProcess host = HostProcess.idle("store-locked", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                    + ",store.path=" + db + "," + QUIET_CPU, false)) {
                JsonNode r = awaitReport(agent, x -> x.get("agent").get("store").get("status").asText().equals("unavailable"),
                        Duration.ofSeconds(30));
                assertEquals("locked by another process", store(r).get("reason").asText());
                assertEquals("healthy", r.get("status").asText());
                s.execute("ROLLBACK");
                JsonNode back = awaitReport(agent, x -> x.get("agent").get("store").get("status").asText().equals("ok"),
                        Duration.ofSeconds(20));
                assertFalse(back.get("agent").get("store").has("reason"), back.get("agent").toString());
            }
        }
    }
}
