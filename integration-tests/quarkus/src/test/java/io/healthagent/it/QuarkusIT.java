package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quarkus 3.33 with Quarkus REST (RESTEasy Reactive on Vert.x, on Netty): measured by the netty module, named
 * by the JAX-RS resource method's template (the class's and the method's {@code @Path} joined), on the event
 * loop ({@code Uni}) and on worker threads (a plain return value, {@code @Blocking}); a reactive route
 * ({@code @Route}) is a Vert.x Web route, named by its path as on plain Vert.x. Its WebSockets Next echo runs on
 * Vert.x's WebSocket, on Netty's, and counts under its path.
 */
class QuarkusIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "quarkus-run.jar";
    }

    @Override
    List<String> jvmArguments(int port) {
        return List.of("-Dquarkus.http.port=" + port);
    }

    @Override
    List<String> mainArguments(int port) {
        return List.of("-jar", System.getProperty("quarkus.host.jar"));
    }

    @Override
    String route(String kind) {
        return braceTemplate(kind);
    }

    @Override
    String webSocketEndpoint() {
        return "/ws/echo";
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void quarkusIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("quarkus-jdk" + jdk, javaHome);
    }

    @Test
    void aReactiveRouteIsNamedByItsVertxPath() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.start("quarkus-route", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s", jvmArguments(port), mainArguments(port))) {
            host.awaitOutput("host listening on", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            for (int i = 0; i < 3; i++) {
                Http.Reply r = Http.get("http://127.0.0.1:" + port + "/vertx/hello/listener" + i);
                assertEquals("hello listener" + i, r.body());
            }
            Http.awaitMetrics(agent, m -> Http.count(m, "/vertx/hello/:name") == 3, Duration.ofSeconds(15));
            Http.assertNoAgentErrors(agent);
        }
    }
}
