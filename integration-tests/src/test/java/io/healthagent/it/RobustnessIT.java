package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad options and a busy port cost the host nothing: one clear line, and the host serves. */
class RobustnessIT {

    private static long lines(String output, String fragment) {
        return output.lines().filter(l -> l.contains(fragment)).count();
    }

    private static void assertNoAgentStackTrace(String output) {
        assertFalse(output.contains("at io.healthagent."), "no stack trace from the agent:\n" + output);
    }

    @Test
    void busyAgentPortLeavesTheHostServing() throws Exception {
        int port = HostProcess.freePort();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             HostProcess host = HostProcess.streamServer("busy-port", HostProcess.currentJavaHome(),
                     "port=" + taken.getLocalPort() + ",host=127.0.0.1,check.interval=1s", port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            host.awaitOutput("(cannot listen on 127\\.0\\.0\\.1:" + taken.getLocalPort() + ")", Duration.ofSeconds(30));
            assertEquals(200, Http.get("http://127.0.0.1:" + port + "/api/tracks").status());
            String out = host.output();
            assertEquals(1, lines(out, "[health-agent]"), "exactly one agent line:\n" + out);
            assertNoAgentStackTrace(out);
        }
    }

    @Test
    void malformedOptionsAreNamedAndTheHostServes() throws Exception {
        int port = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("bad-options", HostProcess.currentJavaHome(),
                "port=eighty,check.interval=soon,threshold.cpu.warning=lots,colour=blue", port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            assertEquals(200, Http.get("http://127.0.0.1:" + port + "/api/tracks").status());
            // The agent reads its options once the host has started (premain only starts its thread).
            for (String problem : List.of("option 'port'", "option 'check.interval'", "option 'threshold.cpu.warning'",
                    "unknown option 'colour'")) {
                host.awaitOutput(java.util.regex.Pattern.quote(problem), Duration.ofSeconds(30));
            }
            String out = host.output();
            assertEquals(1, lines(out, "option 'port' = 'eighty' is invalid: expected a number from 0 to 65535"), out);
            assertEquals(1, lines(out, "option 'check.interval' = 'soon' is invalid: expected a duration like"), out);
            assertEquals(1, lines(out, "option 'threshold.cpu.warning' = 'lots' is invalid: expected a percentage"), out);
            assertEquals(1, lines(out, "unknown option 'colour'"), out);
            assertNoAgentStackTrace(out);
            // The port was invalid: the endpoints stay off rather than binding a port nobody asked for.
            assertThrows(java.io.IOException.class, () -> Http.get("http://127.0.0.1:8082/health"));
        }
    }

    @Test
    void aBadValueFallsBackToItsDefaultAndTheRestRuns() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("bad-interval", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=10 minutes", port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            host.awaitOutput("(option 'check.interval' = '10 minutes' is invalid.*using 10s)", Duration.ofSeconds(5));
            host.awaitHttp("http://127.0.0.1:" + agentPort + "/health/live", Duration.ofSeconds(30));
            assertEquals(200, Http.get("http://127.0.0.1:" + agentPort + "/health/live").status());
            Http.Reply ping = Http.get("http://127.0.0.1:" + port + "/api/ping");
            assertEquals(200, ping.status());
            assertEquals("pong", ping.body().trim());
        }
    }

    @Test
    void disabledAgentDoesNothing() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("disabled", HostProcess.currentJavaHome(),
                "enabled=false,port=" + agentPort, port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            assertEquals(200, Http.get("http://127.0.0.1:" + port + "/api/tracks").status());
            host.awaitOutput("\\[health-agent\\] disabled", Duration.ofSeconds(30));
            assertThrows(java.io.IOException.class, () -> Http.get("http://127.0.0.1:" + agentPort + "/health"));
        }
    }

    @Test
    void optionsFromSystemPropertiesAndEnvironmentApplyWithArgumentsWinning() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("sysprops", HostProcess.currentJavaHome(),
                "service.name=from-args", port, "-Dhealth.agent.port=" + agentPort, "-Dhealth.agent.host=127.0.0.1",
                "-Dhealth.agent.service.name=from-sysprops", "-Dhealth.agent.service.version=9.9.9")) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            host.awaitHttp("http://127.0.0.1:" + agentPort + "/health", Duration.ofSeconds(30));
            var body = Http.get("http://127.0.0.1:" + agentPort + "/health/detailed");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (body.status() == 503 && body.body().contains("starting") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                body = Http.get("http://127.0.0.1:" + agentPort + "/health/detailed");
            }
            assertEquals("from-args", body.json().get("service").asText());
            assertEquals("9.9.9", body.json().get("version").asText());
        }
    }
}
