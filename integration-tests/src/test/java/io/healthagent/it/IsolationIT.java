package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** None of the agent's internals or dependencies is visible to the host's class loader. */
class IsolationIT {
    private static final List<String> HIDDEN = List.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "org.HdrHistogram.Histogram",
            "net.bytebuddy.agent.builder.AgentBuilder",
            "net.bytebuddy.jar.asm.ClassReader",
            "oshi.SystemInfo",
            "com.sun.jna.Native",
            "org.sqlite.JDBC",
            "org.slf4j.LoggerFactory",
            "io.healthagent.Agent",
            "io.healthagent.metrics.RequestMetrics",
            "io.healthagent.http.AgentPort");

    @Test
    void agentDependenciesAreHiddenFromTheHost() throws Exception {
        int agentPort = HostProcess.freePort();
        List<String> args = new ArrayList<>();
        args.add("io.healthagent.it.hosts.ClassVisibilityProbe");
        args.addAll(HIDDEN);
        args.add("io.healthagent.bootstrap.RequestBridge");
        // The host's class path holds only the probe: no Jackson, no HdrHistogram, nothing else.
        try (HostProcess host = HostProcess.start("isolation", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1", List.of("-cp", System.getProperty("host.classes")), args)) {
            host.awaitOutput("probe done", Duration.ofSeconds(30));
            String out = host.output();
            assertTrue(out.contains("health endpoints on"), "the agent did start:\n" + out);
            for (String name : HIDDEN) {
                assertTrue(out.contains(name + " hidden"), name + " must be hidden from the host:\n" + out);
            }
            // The bridge is the one deliberate exception: instrumented host code calls it.
            assertTrue(out.contains("io.healthagent.bootstrap.RequestBridge visible"), out);
        }
    }
}
