package io.healthagent.it;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Micronaut 4.10 on its Netty server: measured by the netty module, named by the matched route's URI template
 * (the controller's path and the method's, {@code /api/tracks/{id}}); its {@code @ServerWebSocket} echo counts
 * under its template.
 */
class MicronautIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "demo.micronaut.MicronautApp";
    }

    @Override
    List<String> jvmArguments(int port) {
        return List.of("-cp", System.getProperty("hosts.classpath"), "-Dmicronaut.server.port=" + port,
                "-Dmicronaut.server.host=127.0.0.1");
    }

    @Override
    List<String> portArguments(int port) {
        return List.of();
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
    void micronautIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("micronaut-jdk" + jdk, javaHome);
    }
}
