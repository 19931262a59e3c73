package io.healthagent.it;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Helidon 4.5 SE on its own web server (a virtual thread per connection), on Temurin 25 (Helidon 4 needs 21+):
 * measured around its routing, named by the path pattern of the route it matched.
 */
class HelidonIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "HelidonHost";
    }

    @Override
    List<String> jvmArguments(int port) {
        return List.of("-cp", Paths.get(System.getProperty("helidon.host.libs")).toAbsolutePath() + "/*");
    }

    @Override
    List<String> mainArguments(int port) {
        return List.of(System.getProperty("helidon.host.source"), String.valueOf(port));
    }

    @Override
    String route(String kind) {
        return braceTemplate(kind);
    }

    @Override
    String webSocketEndpoint() {
        return "/ws/echo";
    }

    @Test
    void helidonIsMeasured() throws Exception {
        measuresLikeTheServerWorked("helidon-jdk25", Jdks.jdk25());
    }
}
