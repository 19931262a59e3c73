package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Embedded Tomcat 11 with plain servlets: measured by the servlet modules, its commit by Tomcat's own
 * {@code prepareResponse}; routes are the servlet mappings.
 */
class TomcatIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "TomcatHost";
    }

    @Override
    String route(String kind) {
        return servletMapping(kind);
    }

    @Override
    String webSocketEndpoint() {
        return "/ws/echo"; // the @ServerEndpoint's path
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void tomcatIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("tomcat-jdk" + jdk, javaHome);
    }

    /** Tomcat's virtual-thread executor (JDK 25): 200 blocking requests at once, each counted once, in its time. */
    @Test
    void tomcatOnVirtualThreadsIsMeasured() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String app = "http://127.0.0.1:" + port;
        List<String> main = new java.util.ArrayList<>(mainArguments(port));
        main.add("--virtual-threads");
        try (HostProcess host = HostProcess.start("tomcat-virtual-jdk25", Jdks.jdk25(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s",
                List.of("-cp", System.getProperty("hosts.classpath")), main)) {
            host.awaitOutput("host listening on", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            Http.load(app + "/api/block/1", 19, 4); // warm
            assertEquals("virtual=true", Http.get(app + "/api/block/1").body(), "the servlet runs on a virtual thread");
            Http.twoHundredAtOnce(app + "/api/block/100", agent, "/api/block/*", 20);
        }
    }
}
