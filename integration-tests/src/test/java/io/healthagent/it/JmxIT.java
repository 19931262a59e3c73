package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's MBeans read from another JVM over the JMX remote connector, as jconsole or a JMX pipeline reads
 * them: the attributes equal /health/detailed at the same snapshot, alert transitions driven by real traffic
 * arrive as notifications, the operations answer, and the Prometheus JMX exporter in the same host exports
 * the same numbers.
 */
class JmxIT {
    private static final String[] HEALTH_ATTRIBUTES = {"SnapshotSequence", "Status", "HealthScore", "UptimeSeconds",
            "Service", "Version", "CpuUsagePercent", "MemoryUsageMb", "DiskUsagePercent", "NetworkConnections",
            "ResponseTimeP50Ms", "ResponseTimeP95Ms", "ResponseTimeP99Ms", "ResponseTimeAverageMs",
            "ErrorRate1MinPercent", "ErrorRate5MinPercent", "ErrorRate15MinPercent", "TotalErrors24h", "Checks",
            "Ready", "Live"};

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void mbeansMatchTheEndpointsAndNotifyAlertTransitions(String jdk, Path javaHome) throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        int jmxPort = HostProcess.freePort();
        int exporterPort = HostProcess.freePort();
        Path exporterConfig = HostProcess.WORK.resolve("jmx-exporter.yaml").toAbsolutePath();
        Files.createDirectories(exporterConfig.getParent());
        Files.writeString(exporterConfig, "lowercaseOutputName: false\n"); // its default rules: every MBean
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("jmx-" + jdk, javaHome,
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,threshold.cpu.warning=100,"
                        + "threshold.cpu.critical=100,threshold.cpu.emergency=100", port,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-javaagent:" + Path.of(System.getProperty("jmx.exporter.jar")).toAbsolutePath() + "=127.0.0.1:"
                        + exporterPort + ":" + exporterConfig)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/api/tracks", 30, 2);
            Http.load(app + "/stream/1", 3, 1);

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection mbs = connector.getMBeanServerConnection();
                ObjectName health = new ObjectName("io.healthagent:type=Health");
                BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
                mbs.addNotificationListener(health, (n, handback) -> notifications.add(n), null, null);

                sameSnapshotAsTheEndpoint(mbs, health, agent);
                namesAsTheyAre(mbs);
                operations(mbs, health);
                exporterReadsTheSameNumbers(mbs, "http://127.0.0.1:" + exporterPort + "/metrics");

                List<String> seen = new ArrayList<>();
                // 15% of 100 requests fail: the error-rate alert is raised (Critical), then diluted away.
                Http.load(app + "/api/ping", 85, 4);
                Http.load(app + "/api/fail", 15, 4);
                Notification raised = await(notifications, "health.alert.raised", "error_rate:threshold", seen);
                CompositeData alert = (CompositeData) raised.getUserData();
                assertEquals("Critical", alert.get("to"));
                assertEquals("error_rate", alert.get("component"));
                // 15 of the last minute's 134 requests or so (the route checks above count too).
                assertTrue(((String) alert.get("message")).matches(
                        "Error rate 1\\d\\.\\d% over the last minute \\(Critical above 10%\\) since .*"), alert.toString());
                Http.load(app + "/api/ping", 600, 4);
                Notification resolved = await(notifications, "health.alert.resolved", "error_rate:threshold", seen);
                assertEquals("Resolved", ((CompositeData) resolved.getUserData()).get("to"));
                assertTrue(resolved.getSequenceNumber() > raised.getSequenceNumber());
                assertTrue(seen.stream().anyMatch(n -> n.startsWith("health.status.changed status healthy -> unhealthy")),
                        "the status change is notified too: " + seen);
                System.out.println("JDK " + jdk + " notifications: " + seen);
            }
            Http.assertNoAgentErrors(agent);
        }
    }

    /** Every attribute of type=Health, and a check's and a route's, equal /health/detailed of the same snapshot. */
    private static void sameSnapshotAsTheEndpoint(MBeanServerConnection mbs, ObjectName health, String agent)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertTrue(System.nanoTime() < deadline, "no read of the MBeans and the endpoint at one snapshot");
            AttributeList attrs = mbs.getAttributes(health, HEALTH_ATTRIBUTES);
            long route;
            try {
                route = (Long) mbs.getAttribute(new ObjectName("io.healthagent:type=Route,name=/api/tracks"), "RequestsTotal");
            } catch (javax.management.InstanceNotFoundException notYet) {
                continue; // the route's bean comes with the first snapshot that shows the route
            }
            String cpuMessage = (String) mbs.getAttribute(new ObjectName("io.healthagent:type=Check,name=cpu"), "Message");
            long after = (Long) mbs.getAttribute(health, "SnapshotSequence");
            JsonNode d = Http.get(agent + "/health/detailed").json();
            java.util.Map<String, Object> a = new java.util.HashMap<>();
            for (Attribute at : attrs.asList()) a.put(at.getName(), at.getValue());
            long seq = (Long) a.get("SnapshotSequence");
            if (seq == after && seq == d.get("agent").get("snapshot_sequence").asLong() && route == 30) {
                JsonNode p = d.get("performance");
                assertEquals(d.get("status").asText(), a.get("Status"));
                assertEquals(d.get("health_score").asDouble(), (Double) a.get("HealthScore"), 1e-9);
                assertEquals(d.get("uptime_seconds").asLong(), a.get("UptimeSeconds"));
                assertEquals(d.get("service").asText(), a.get("Service"));
                assertEquals(d.get("version").asText(), a.get("Version"));
                assertEquals(p.get("cpu_usage_percent").asDouble(), (Double) a.get("CpuUsagePercent"), 1e-4);
                assertEquals(p.get("memory_usage_mb").asLong(), a.get("MemoryUsageMb"));
                assertEquals(p.get("disk_usage_percent").asDouble(), (Double) a.get("DiskUsagePercent"), 1e-4);
                assertEquals(p.get("network_connections").asInt(), a.get("NetworkConnections"));
                JsonNode t = p.get("response_times");
                assertEquals(t.get("p50_ms").asDouble(), (Double) a.get("ResponseTimeP50Ms"), 1e-9);
                assertEquals(t.get("p95_ms").asDouble(), (Double) a.get("ResponseTimeP95Ms"), 1e-9);
                assertEquals(t.get("p99_ms").asDouble(), (Double) a.get("ResponseTimeP99Ms"), 1e-9);
                assertEquals(t.get("average_ms").asDouble(), (Double) a.get("ResponseTimeAverageMs"), 1e-9);
                JsonNode e = p.get("error_rates");
                assertEquals(e.get("rate_1min").asDouble(), (Double) a.get("ErrorRate1MinPercent"), 1e-4);
                assertEquals(e.get("rate_5min").asDouble(), (Double) a.get("ErrorRate5MinPercent"), 1e-4);
                assertEquals(e.get("rate_15min").asDouble(), (Double) a.get("ErrorRate15MinPercent"), 1e-4);
                assertEquals(e.get("total_errors_24h").asLong(), a.get("TotalErrors24h"));
                assertEquals(true, a.get("Ready"));
                assertEquals(true, a.get("Live"));
                TabularData checks = (TabularData) a.get("Checks");
                Set<String> names = new TreeSet<>();
                for (Object row : checks.values()) {
                    CompositeData c = (CompositeData) row;
                    JsonNode check = d.get("checks").get((String) c.get("name"));
                    assertNotNull(check, c.toString());
                    assertEquals(check.get("status").asText(), c.get("status"));
                    assertEquals(check.get("message").asText(), c.get("message"));
                    assertEquals(check.get("duration_ms").asLong(), c.get("duration_ms"));
                    names.add((String) c.get("name"));
                }
                Set<String> expected = new TreeSet<>();
                d.get("checks").fieldNames().forEachRemaining(expected::add);
                assertEquals(expected, names, "every check in the table");
                assertEquals(d.get("checks").get("cpu").get("message").asText(), cpuMessage);
                long endpointRoute = -1;
                for (JsonNode r : d.get("routes")) {
                    if (r.get("route").asText().equals("/api/tracks")) endpointRoute = r.get("requests_total").asLong();
                }
                assertEquals(endpointRoute, route);
                assertEquals(30, route, "the route bean counts the requests");
                return;
            }
        }
    }

    /** Names as they are: name=cpu unquoted, a route with '*' quoted as ObjectName requires. */
    private static void namesAsTheyAre(MBeanServerConnection mbs) throws Exception {
        Set<String> names = new TreeSet<>();
        for (ObjectName n : mbs.queryNames(new ObjectName("io.healthagent:*"), null)) names.add(n.toString());
        assertTrue(names.contains("io.healthagent:type=Check,name=cpu"), names.toString());
        assertTrue(names.contains("io.healthagent:type=Route,name=" + ObjectName.quote("/stream/*")), names.toString());
        assertTrue(names.contains("io.healthagent:type=Health"), names.toString());
        assertEquals(3, mbs.getAttribute(new ObjectName("io.healthagent:type=Check,name=cpu"), "MaxConsecutiveFailures"));
        System.out.println("MBeans: " + names);
    }

    private static void operations(MBeanServerConnection mbs, ObjectName health) throws Exception {
        String status = (String) mbs.invoke(health, "runChecks", new Object[0], new String[0]);
        assertTrue(List.of("healthy", "degraded", "unhealthy", "critical").contains(status), status);
        Exception limited = assertThrows(Exception.class, () -> mbs.invoke(health, "runChecks", new Object[0], new String[0]));
        assertTrue(chain(limited).contains("at most one run per"), chain(limited));
        JsonNode detailed = Http.JSON.readTree((String) mbs.invoke(health, "detailedJson", new Object[0], new String[0]));
        assertTrue(detailed.get("checks").has("cpu"), detailed.toString());
        JsonNode report = Http.JSON.readTree((String) mbs.invoke(health, "reportJson", new Object[] {"1h"},
                new String[] {String.class.getName()}));
        assertEquals(3600, report.get("period_seconds").asLong());
        Exception bad = assertThrows(Exception.class, () -> mbs.invoke(health, "reportJson", new Object[] {"soon"},
                new String[] {String.class.getName()}));
        assertTrue(chain(bad).contains("period must be a duration"), chain(bad));
    }

    /** The JMX exporter's default rules: io_healthagent_TYPE_ATTRIBUTE{name="..."}, the values the MBeans hold. */
    private static void exporterReadsTheSameNumbers(MBeanServerConnection mbs, String exporter) throws Exception {
        String text = Http.get(exporter).body();
        double requests = series(text, "io_healthagent_Route_RequestsTotal", "name=\"/api/tracks\"");
        assertEquals(((Long) mbs.getAttribute(new ObjectName("io.healthagent:type=Route,name=/api/tracks"),
                "RequestsTotal")).doubleValue(), requests);
        assertEquals(3.0, series(text, "io_healthagent_Check_MaxConsecutiveFailures", "name=\"cpu\""));
        assertTrue(text.contains("io_healthagent_Health_HealthScore"), "the Health bean's numbers are exported");
    }

    private static double series(String text, String name, String label) {
        List<String> seen = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            if (line.startsWith("io_healthagent")) seen.add(line);
        }
        throw new AssertionError(name + "{" + label + "} not exported; io_healthagent series: " + seen);
    }

    private static Notification await(BlockingQueue<Notification> queue, String type, String alertId, List<String> seen)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Notification n = queue.poll(1, TimeUnit.SECONDS);
            if (n == null) continue;
            seen.add(n.getType() + " " + n.getMessage());
            if (n.getType().equals(type) && n.getUserData() instanceof CompositeData
                    && alertId.equals(((CompositeData) n.getUserData()).get("id"))) {
                return n;
            }
        }
        throw new AssertionError("no " + type + " for " + alertId + " within 30 s; seen: " + seen);
    }

    private static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) out.append(c).append(" / ");
        return out.toString();
    }
}
