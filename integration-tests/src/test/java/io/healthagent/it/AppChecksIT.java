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

    /** Dropwizard Metrics' HealthCheckRegistry in a plain JDK server. */
    @Test
    void dropwizardChecksAreTheAgentsChecks() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        int jmxPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        Path flag = Files.createTempDirectory(HostProcess.WORK.toAbsolutePath(), "dropwizard-").resolve("catalog-down");
        Path libs = Paths.get(System.getProperty("dropwizard.host.libs")).toAbsolutePath();
        try (HostProcess host = HostProcess.start("dropwizard-host", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,check.slow.timeout=1s,readiness.checks=catalog,"
                        + "alert.for=2s,threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100",
                List.of("-cp", libs + "/*", "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false"),
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

            // Taken out of the registry: gone from the report, and its MBean from JMX.
            javax.management.remote.JMXServiceURL url = new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(url)) {
                javax.management.MBeanServerConnection mbs = jmx.getMBeanServerConnection();
                javax.management.ObjectName broken = new javax.management.ObjectName("io.healthagent:type=Check,name=broken");
                assertTrue(mbs.isRegistered(broken), "an application check has its MBean");
                assertEquals(200, Http.get("http://127.0.0.1:" + port + "/unregister?name=broken").status());
                r = awaitReport(agent, x -> !x.path("checks").has("broken"), Duration.ofSeconds(10));
                assertTrue(r.path("checks").has("catalog"));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // subscribers take the snapshot after it is served
                while (mbs.isRegistered(broken) && System.nanoTime() < deadline) Thread.sleep(50);
                assertFalse(mbs.isRegistered(broken), "a check that left takes its MBean with it");
                assertTrue(mbs.isRegistered(new javax.management.ObjectName("io.healthagent:type=Check,name=catalog")));
            }
            String out = host.output();
            assertTrue(out.contains("application check catalog (dropwizard) found; the agent runs it"), out);
            assertFalse(out.contains("Exception in thread"), out);
            Http.assertNoAgentErrors(agent);
        }
    }
}
