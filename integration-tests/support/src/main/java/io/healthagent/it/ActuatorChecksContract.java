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
import java.util.Map;

/**
 * What every Spring Boot application with Actuator must show (Boot 3's MVC and WebFlux, Boot 4's MVC): its
 * contributor {@code catalogApi} (bean {@code catalogApiHealthIndicator}), which the test turns down, throwing,
 * hanging and up again through the file the system property {@code demo.catalog.state} names, runs as the agent's
 * own check. Actuator's readiness group names it, so /health/ready follows; where its liveness group names it
 * too and liveness.app_checks=true, it fails /health/live.
 */
final class ActuatorChecksContract {
    private static final String ALERT = "catalogApi:consecutive_failures";

    /**
     * One application: its {@code catalogApi}'s message when up, whether Actuator's liveness group names it (and
     * the agent's options let it fail liveness), whether Boot's own indicators are brought in, and the other
     * contributors of the application's that must pass, with their messages.
     */
    record App(String name, String mainClass, Path javaHome, String upMessage, boolean liveness, boolean builtin,
               Map<String, String> others) {
    }

    private ActuatorChecksContract() {
    }

    static void run(App a) throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String app = "http://127.0.0.1:" + port;
        String agent = "http://127.0.0.1:" + agentPort;
        Files.createDirectories(HostProcess.WORK);
        Path state = Files.createTempDirectory(HostProcess.WORK.toAbsolutePath(), a.name() + "-").resolve("catalog-state");
        String options = "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,check.catalogApi.timeout=1s,alert.for=2s,"
                + "threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100"
                + (a.liveness() ? ",liveness.app_checks=true" : "") + (a.builtin() ? ",app_checks.include_builtin=true" : "");
        try (HostProcess host = HostProcess.start(a.name(), a.javaHome(), options,
                List.of("-cp", System.getProperty("hosts.classpath"), "-Ddemo.catalog.state=" + state),
                List.of(a.mainClass(), "--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--management.endpoint.health.probes.enabled=true",
                        "--management.endpoint.health.group.readiness.include=readinessState,catalogApi",
                        "--management.endpoint.health.group.liveness.include=livenessState" + (a.liveness() ? ",catalogApi" : "")))) {
            host.awaitOutput("host listening on", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            // One request through Spring's dispatcher leads the agent to the context, its registries and groups.
            assertEquals(200, Http.get(app + "/api/tracks/1").status());
            JsonNode r = awaitReport(agent, x -> status(x, "catalogApi").equals("pass")
                    && a.others().keySet().stream().allMatch(o -> status(x, o).equals("pass")), Duration.ofSeconds(20));
            // Actuator's status and details; a secret among them masked.
            assertEquals(a.upMessage(), message(r, "catalogApi"));
            for (Map.Entry<String, String> o : a.others().entrySet()) assertEquals(o.getValue(), message(r, o.getKey()));
            assertFalse(Http.get(agent + "/health/detailed").body().contains("tk-9f8e7d6c"));
            assertEquals(3, r.path("checks").path("catalogApi").path("threshold").path("max_consecutive_failures").asInt());
            if (a.builtin()) {
                awaitReport(agent, x -> status(x, "diskSpace").equals("pass") && status(x, "ping").equals("pass"),
                        Duration.ofSeconds(10));
            } else {
                for (String builtin : new String[] {"diskSpace", "ping", "livenessState", "readinessState"}) {
                    assertFalse(r.path("checks").has(builtin), "Boot's own " + builtin + " is left out: " + r.path("checks"));
                }
            }
            assertEquals(200, Http.get(agent + "/health/ready").status());

            // Down: the agent's check fails within two intervals with the application's details; Actuator's
            // readiness group names it, so readiness follows; three failures raise the alert.
            Files.writeString(state, "down");
            long downAt = System.nanoTime();
            r = awaitReport(agent, x -> status(x, "catalogApi").equals("fail"), Duration.ofSeconds(10));
            double seconds = (System.nanoTime() - downAt) / 1e9;
            assertTrue(seconds < 3, "failed within two intervals (1 s): " + seconds + " s");
            assertEquals("DOWN: reason=catalog answered 503", message(r, "catalogApi"));
            assertEquals(503, Http.get(agent + "/health/ready").status());
            Http.Reply live = Http.get(agent + "/health/live");
            if (a.liveness()) {
                assertEquals(503, live.status(), live.body());
                assertTrue(live.body().contains("\"failing_checks\":[\"catalogApi\"]"), live.body());
            } else {
                assertEquals(200, live.status(), "a failing dependency does not fail liveness by default: " + live.body());
            }
            awaitReport(agent, x -> Reports.active(x, ALERT, "Critical"), Duration.ofSeconds(15));

            Files.writeString(state, "throw");
            r = awaitReport(agent, x -> message(x, "catalogApi").startsWith("java.lang.IllegalStateException"), Duration.ofSeconds(10));
            assertEquals("java.lang.IllegalStateException: catalog unreachable", message(r, "catalogApi"),
                    "an indicator that throws: the exception's class and message");
            Files.writeString(state, "hang");
            r = awaitReport(agent, x -> message(x, "catalogApi").contains("timed out"), Duration.ofSeconds(10));
            assertTrue(message(r, "catalogApi").contains("timed out after 1000 ms"), "cut at check.catalogApi.timeout: "
                    + message(r, "catalogApi"));

            Files.delete(state);
            awaitReport(agent, x -> status(x, "catalogApi").equals("pass") && Reports.resolved(x, ALERT), Duration.ofSeconds(20));
            assertEquals(200, Http.get(agent + "/health/ready").status());
            assertEquals(200, Http.get(agent + "/health/live").status());
            String out = host.output();
            assertTrue(out.contains("application check catalogApi (actuator) found; the agent runs it"), out);
            assertFalse(out.contains("Exception in thread"), out);
            Http.assertNoAgentErrors(agent);
        }
    }
}
