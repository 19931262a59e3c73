package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent jar's commands against real JVMs: {@code attach PID} (and jcmd's {@code JVMTI.agent_load}) on a
 * stream server started without the agent, on JDK 17 and 25, then {@code status} and {@code status --probe}
 * with their exit codes.
 */
class CommandsIT {
    record Run(int code, String out) {
    }

    /** {@code java -jar health-agent.jar ARGS} on the given JDK. */
    static Run agentJar(Path javaHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-jar",
                HostProcess.AGENT_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish: " + out);
        System.out.println("$ " + String.join(" ", command.subList(1, command.size())) + "\n" + out + "(exit "
                + p.exitValue() + ")");
        return new Run(p.exitValue(), out);
    }

    @Test
    void attachMeasuresWhatFollowsRefusesASecondTimeAndStatusSaysHowTheServiceIs() throws Exception {
        Path jdk = HostProcess.currentJavaHome();
        Process notAJvm = new ProcessBuilder("sleep", "60").start();
        try {
            Run refused = agentJar(jdk, "attach", String.valueOf(notAJvm.pid()), "port=1");
            assertEquals(1, refused.code());
            assertTrue(refused.out().startsWith("health-agent: cannot attach to " + notAJvm.pid() + ": "), refused.out());
            assertEquals(1, refused.out().trim().split("\n").length, "one line: " + refused.out());
        } finally {
            notAJvm.destroy();
        }
        assertEquals(2, agentJar(jdk, "attach", "not-a-pid").code());

        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("attach-command", jdk, null, port)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.load(app + "/api/slow?ms=5", 5, 1); // its servlets loaded before the agent
            Path data = HostProcess.WORK.resolve("attach-command-data").toAbsolutePath();

            Run listed = agentJar(jdk, "attach", "--list");
            assertTrue(listed.out().contains(host.pid() + " " + HostProcess.STREAM_JAR.toAbsolutePath()), listed.out());

            // A live stream in flight while the agent attaches: neither a request nor an error, never negative.
            // (send returns once the stream's headers arrive: it is in flight when attach starts)
            java.net.http.HttpResponse<java.io.InputStream> inFlight = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(app + "/api/live?seconds=4")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            // Options as separate key=value arguments.
            Run attached = agentJar(jdk, "attach", String.valueOf(host.pid()), "port=" + agentPort, "host=127.0.0.1",
                    "check.interval=1s", "threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100",
                    "db.url=jdbc:sqlite:" + data.resolve("catalog.db"), "audio.dir=" + data.resolve("audio"));
            assertEquals(0, attached.code(), attached.out());
            assertTrue(attached.out().contains("health-agent attached to " + host.pid() + ": endpoints on port " + agentPort),
                    attached.out());
            assertEquals(200, Http.get(agent + "/health/live").status(), "the endpoints answer when attach returns");

            Http.load(app + "/api/slow?ms=50", 20, 2);
            Map<String, Double> m = Http.awaitMetrics(agent, x -> Http.count(x, "/api/slow") >= 20, Duration.ofSeconds(20));
            assertEquals(20, Http.count(m, "/api/slow"), "the requests after attach, all of them, and only those");

            assertEquals(200, inFlight.statusCode());
            assertTrue(inFlight.body().readAllBytes().length > 0, "the stream played to its end");
            Map<String, Double> after = Http.awaitMetrics(agent, x -> x.containsKey("health_status"), Duration.ofSeconds(10));
            assertEquals(0, Http.count(after, "/api/live"), "the stream that began before attach is not a request");
            assertEquals(0, after.getOrDefault("http_server_errors_total{route=\"/api/live\"}", 0.0));
            assertTrue(after.getOrDefault("http_server_active_requests{route=\"/api/live\"}", 0.0) >= 0);

            Run again = agentJar(jdk, "attach", String.valueOf(host.pid()), "port=" + HostProcess.freePort());
            assertEquals(1, again.code());
            assertEquals("health-agent: already runs in " + host.pid() + " (its endpoints on port " + agentPort
                    + "); nothing changed", again.out().trim());

            Reports.awaitReport(agent, r -> r.get("status").asText().equals("healthy"), Duration.ofSeconds(30));
            Run healthy = agentJar(jdk, "status", "--url", agent);
            assertEquals(0, healthy.code(), healthy.out());
            assertTrue(healthy.out().startsWith("Service health: healthy\n  Service: stream-server\n"), healthy.out());
            assertTrue(healthy.out().contains("✅ database (pass, "), healthy.out());
            assertTrue(healthy.out().contains("Response times: p50 "), healthy.out());
            assertEquals(0, agentJar(jdk, "status", "--probe", "ready", "--url", agent).code());
            Run json = agentJar(jdk, "status", "--json", "--url", agent);
            assertEquals("healthy", Http.JSON.readTree(json.out()).get("status").asText());

            // The required database gone: critical, not ready.
            Files.move(data.resolve("catalog.db"), data.resolve("catalog.db.away"));
            Reports.awaitReport(agent, r -> r.get("status").asText().equals("critical"), Duration.ofSeconds(30));
            Run critical = agentJar(jdk, "status", "--url", agent);
            assertEquals(1, critical.code(), critical.out());
            assertTrue(critical.out().contains("❌ database (fail, "), critical.out());
            assertTrue(critical.out().contains("Service health: critical"), critical.out());
            assertEquals(1, agentJar(jdk, "status", "--probe", "ready", "--url", agent).code());
            assertEquals(0, agentJar(jdk, "status", "--probe", "live", "--url", agent).code());
            Http.assertNoAgentErrors(agent);
        }
        Run gone = agentJar(jdk, "status", "--url", agent);
        assertEquals(2, gone.code());
        assertTrue(gone.out().startsWith("health-agent: no agent at " + agent), gone.out());
        assertEquals(2, agentJar(jdk, "status", "--probe", "ready", "--url", agent).code());
    }

    @Test
    void attachToAJdk25ServerSaysWhatItsWarningIsAndMeasures() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("attach-25", Jdks.jdk25(), null, port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            // Options as one comma-joined argument, as after -javaagent:health-agent.jar=
            Run attached = agentJar(Jdks.jdk25(), "attach", String.valueOf(host.pid()),
                    "port=" + agentPort + ",host=127.0.0.1,check.interval=1s");
            assertEquals(0, attached.code(), attached.out());
            assertTrue(attached.out().contains("note: JDK 25 prints a warning on " + host.pid() + "'s stderr"), attached.out());
            Http.load("http://127.0.0.1:" + port + "/api/tracks", 10, 1);
            Map<String, Double> m = Http.awaitMetrics("http://127.0.0.1:" + agentPort,
                    x -> Http.count(x, "/api/tracks") >= 10, Duration.ofSeconds(20));
            assertEquals(10, Http.count(m, "/api/tracks"));
            Http.assertNoAgentErrors("http://127.0.0.1:" + agentPort);
        }
    }

    @Test
    void jcmdTakesTheOptionsQuotedAndNamesTheCutWhenTheyAreNot() throws Exception {
        Path jcmd = HostProcess.currentJavaHome().resolve("bin/jcmd");
        String jar = HostProcess.AGENT_JAR.toAbsolutePath().toString();
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("jcmd-quoted", HostProcess.currentJavaHome(), null, port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Run loaded = run(List.of(jcmd.toString(), String.valueOf(host.pid()), "JVMTI.agent_load", jar,
                    "\"port=" + agentPort + ",host=127.0.0.1,check.interval=1s\""));
            assertEquals(0, loaded.code(), loaded.out());
            host.awaitOutput("health endpoints on http://127.0.0.1:" + agentPort, Duration.ofSeconds(30));
            Http.load("http://127.0.0.1:" + port + "/api/tracks", 10, 1);
            Map<String, Double> m = Http.awaitMetrics("http://127.0.0.1:" + agentPort,
                    x -> Http.count(x, "/api/tracks") >= 10, Duration.ofSeconds(20));
            assertEquals(10, Http.count(m, "/api/tracks"));
            Http.assertNoAgentErrors("http://127.0.0.1:" + agentPort);
        }
        // Unquoted, jcmd hands the agent "port" alone: it says how to quote, and starts on its other options.
        try (HostProcess host = HostProcess.streamServer("jcmd-bare", HostProcess.currentJavaHome(), null,
                HostProcess.freePort(), "-Dhealth.agent.port=0", "-Dhealth.agent.host=127.0.0.1")) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            run(List.of(jcmd.toString(), String.valueOf(host.pid()), "JVMTI.agent_load", jar, "port=9100"));
            String line = host.awaitOutput("\\[health-agent\\] WARN the options arrived as 'port' alone: jcmd cuts them at"
                    + " the first '='; quote them whole: jcmd PID JVMTI.agent_load .*", Duration.ofSeconds(30));
            System.out.println(line);
            host.awaitOutput("health endpoints on", Duration.ofSeconds(30));
        }
    }
}
