package io.healthagent.it;

import static io.healthagent.it.Http.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attached to a stream server that has been serving for a while: its servlets were loaded before the
 * agent, so they are measured only if retransformation works.
 */
class AttachIT {

    @Test
    void attachingAtRunTimeMeasuresClassesLoadedBefore() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        try (HostProcess host = HostProcess.streamServer("attach", HostProcess.currentJavaHome(), null, port)) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.load(app + "/api/slow?ms=10", 5, 1); // servlets, filter and Jetty's classes all loaded now
            Http.load(app + "/api/tracks", 5, 1);

            VirtualMachine vm = VirtualMachine.attach(String.valueOf(host.pid()));
            try {
                vm.loadAgent(HostProcess.AGENT_JAR.toAbsolutePath().toString(),
                        "port=" + agentPort + ",host=127.0.0.1,check.interval=1s");
            } finally {
                vm.detach();
            }
            host.awaitOutput("health endpoints on", Duration.ofSeconds(30));

            Http.load(app + "/api/slow?ms=100", 20, 2);
            Http.load(app + "/api/fail", 4, 1);
            Map<String, Double> m = Http.awaitMetrics("http://127.0.0.1:" + agentPort,
                    metrics -> count(metrics, "/api/slow") >= 20 && count(metrics, "/api/fail") >= 4,
                    Duration.ofSeconds(30));
            assertEquals(20, count(m, "/api/slow"), "only requests after the attach");
            assertEquals(0, count(m, "/api/tracks"));
            Http.assertNear(100, 1000 * Http.quantile("http://127.0.0.1:" + agentPort, "/api/slow", "0.5"), "p50");
            assertEquals(4, Http.value(m, "http_server_errors_total{route=\"/api/fail\"}"));
        }
    }
}
