package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static io.healthagent.it.Reports.message;
import static io.healthagent.it.Reports.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health's checks run as the agent's own, with no code: a Quarkus 3.33 application (SmallRye
 * Health) with a {@code @Readiness} check "catalog" the test turns down, throwing, hanging and up again through
 * a file, and a {@code @Liveness} check "engine". The readiness check counts for /health/ready because the
 * application marks it so; the liveness check never fails /health/live (liveness.app_checks is false).
 */
class MicroProfileChecksIT {
    private static final String ALERT = "catalog:consecutive_failures";

    @Test
    void quarkusReadinessCheckIsTheAgentsCheck() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String app = "http://127.0.0.1:" + port;
        String agent = "http://127.0.0.1:" + agentPort;
        Files.createDirectories(HostProcess.WORK);
        Path state = Files.createTempDirectory(HostProcess.WORK.toAbsolutePath(), "quarkus-").resolve("catalog-state");
        try (HostProcess host = HostProcess.start("quarkus-health", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,check.catalog.timeout=1s,alert.for=2s,"
                        + "threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100",
                List.of("-Ddemo.catalog.state=" + state, "-Dquarkus.http.port=" + port),
                List.of("-jar", System.getProperty("quarkus.host.jar")))) {
            host.awaitOutput("Listening on", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            // A MicroProfile check is found the first time the application's health endpoint runs it.
            assertFalse(Http.get(agent + "/health/detailed").json().path("checks").has("catalog"), "not found before");
            assertEquals(200, Http.get(app + "/q/health").status());
            JsonNode r = awaitReport(agent, x -> status(x, "catalog").equals("pass") && status(x, "engine").equals("pass"),
                    Duration.ofSeconds(20));
            assertEquals("tracks=12", message(r, "catalog"), "the response's data");
            assertEquals("UP", message(r, "engine"), "a response without data: its status");
            assertEquals(200, Http.get(agent + "/health/ready").status());

            Files.writeString(state, "down");
            assertEquals(503, Http.get(app + "/q/health/ready").status(), "the application's own readiness is down");
            long downAt = System.nanoTime();
            r = awaitReport(agent, x -> status(x, "catalog").equals("fail"), Duration.ofSeconds(10));
            double seconds = (System.nanoTime() - downAt) / 1e9;
            assertTrue(seconds < 3, "failed within two intervals (1 s): " + seconds + " s");
            assertEquals("reason=catalog answered 503", message(r, "catalog"));
            assertEquals(503, Http.get(agent + "/health/ready").status(), "@Readiness: it counts for readiness");
            assertEquals(200, Http.get(agent + "/health/live").status(), "a readiness check never fails liveness");
            awaitReport(agent, x -> Reports.active(x, ALERT, "Critical"), Duration.ofSeconds(15));

            Files.writeString(state, "throw");
            r = awaitReport(agent, x -> message(x, "catalog").startsWith("java.lang.IllegalStateException"), Duration.ofSeconds(10));
            assertEquals("java.lang.IllegalStateException: catalog unreachable", message(r, "catalog"));
            Files.writeString(state, "hang");
            r = awaitReport(agent, x -> message(x, "catalog").contains("timed out"), Duration.ofSeconds(10));
            assertTrue(message(r, "catalog").contains("timed out after 1000 ms"), message(r, "catalog"));

            Files.delete(state);
            awaitReport(agent, x -> status(x, "catalog").equals("pass") && Reports.resolved(x, ALERT), Duration.ofSeconds(20));
            assertEquals(200, Http.get(agent + "/health/ready").status());
            String out = host.output();
            assertTrue(out.contains("application check catalog (microprofile) found; the agent runs it; it counts for readiness"), out);
            assertTrue(out.contains("application check engine (microprofile) found; the agent runs it\n"), out);
            assertFalse(out.contains("Exception in thread"), out);
            Http.assertNoAgentErrors(agent);
        }
    }
}
