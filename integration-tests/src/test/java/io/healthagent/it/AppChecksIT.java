package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application's own health checks, declared in its framework and run by the agent as its own: each
 * appears with the specification's record, fails within two intervals of the application's check failing,
 * with the application's message, raises and resolves its alert, counts for readiness when named, and a
 * check that hangs or throws is a failing check, never an error of the agent.
 */
class AppChecksIT {

    private static String status(JsonNode report, String check) {
        return report.path("checks").path(check).path("status").asText();
    }

    private static String message(JsonNode report, String check) {
        return report.path("checks").path(check).path("message").asText();
    }

    /** Dropwizard Metrics' HealthCheckRegistry in a plain JDK server. */
    @Test
    void dropwizardChecksAreTheAgentsChecks() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        Path flag = Files.createTempDirectory(HostProcess.WORK.toAbsolutePath(), "dropwizard-").resolve("catalog-down");
        Path libs = Paths.get(System.getProperty("dropwizard.host.libs")).toAbsolutePath();
        try (HostProcess host = HostProcess.start("dropwizard-host", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,check.slow.timeout=1s,readiness.checks=catalog,"
                        + "alert.for=2s,threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100",
                List.of("-cp", libs + "/*"),
                List.of(System.getProperty("dropwizard.host.source"), String.valueOf(port), flag.toString()))) {
            host.awaitOutput("dropwizard-host listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            // The checks were registered as the host started, before the agent did: it reads them from the
            // registry the first time the application uses it (here its /healthcheck, as a load balancer would).
            assertFalse(Http.get(agent + "/health/detailed").json().path("checks").has("catalog"), "not found before");
            java.util.concurrent.CompletableFuture.runAsync(() -> { // slow holds the answer a minute: not awaited
                try {
                    Http.get("http://127.0.0.1:" + port + "/healthcheck");
                } catch (Exception ignored) {
                    // the host is stopped first
                }
            });
            JsonNode r = awaitReport(agent, x -> status(x, "catalog").equals("pass") && status(x, "broken").equals("fail")
                    && status(x, "slow").equals("fail") && status(x, "dropwizard.cpu").equals("pass"), Duration.ofSeconds(30));
            assertEquals("12 tracks", message(r, "catalog"), "the application's own message");
            assertEquals("java.lang.IllegalStateException: catalog index corrupt", message(r, "broken"),
                    "a check that throws: its exception's class and message");
            assertTrue(message(r, "slow").contains("timed out after 1000 ms"), "a check that hangs is cut at its timeout: "
                    + message(r, "slow"));
            assertEquals("pass", status(r, "cpu"), "the agent's own cpu check keeps its name; the application's is prefixed");
            JsonNode catalog = r.path("checks").path("catalog");
            assertEquals("catalog", catalog.path("name").asText());
            assertTrue(catalog.path("last_success").isNumber(), "the specification's record: " + catalog);
            assertEquals(3, catalog.path("threshold").path("max_consecutive_failures").asInt(), catalog.toString());
            assertEquals(200, Http.get(agent + "/health/ready").status());

            // The application's check fails: the agent's fails within two intervals, with its message; readiness
            // follows (readiness.checks=catalog); three failures raise the alert.
            Files.writeString(flag, "index offline");
            long failedAt = System.nanoTime();
            r = awaitReport(agent, x -> status(x, "catalog").equals("fail"), Duration.ofSeconds(10));
            double seconds = (System.nanoTime() - failedAt) / 1e9;
            assertTrue(seconds < 3, "failed within two intervals (1 s): " + seconds + " s");
            assertEquals("catalog unreachable: index offline", message(r, "catalog"));
            assertEquals(503, Http.get(agent + "/health/ready").status());
            r = awaitReport(agent, x -> Reports.active(x, "catalog:consecutive_failures", "Critical"), Duration.ofSeconds(15));

            Files.delete(flag);
            r = awaitReport(agent, x -> status(x, "catalog").equals("pass") && Reports.resolved(x, "catalog:consecutive_failures"),
                    Duration.ofSeconds(20));
            assertEquals(200, Http.get(agent + "/health/ready").status());

            // Taken out of the registry: gone from the report.
            assertEquals(200, Http.get("http://127.0.0.1:" + port + "/unregister?name=broken").status());
            r = awaitReport(agent, x -> !x.path("checks").has("broken"), Duration.ofSeconds(10));
            assertTrue(r.path("checks").has("catalog"));
            String out = host.output();
            assertTrue(out.contains("application check catalog (dropwizard) found; the agent runs it"), out);
            assertFalse(out.contains("Exception in thread"), out);
            Http.assertNoAgentErrors(agent);
        }
    }
}
