package io.healthagent.it;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Vert.x 5 Web on its Netty server: routes are the application's Vert.x paths. */
class VertxIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "VertxHost";
    }

    @Override
    String route(String kind) {
        switch (kind) {
            case "tracks": return "/api/tracks/:id";
            case "sleep": return "/api/sleep/:ms";
            case "nap": return "/api/nap/:ms";
            case "status": return "/api/status/:code";
            case "throw": return "/api/throw";
            default: return "/stream/:ms";
        }
    }

    @Override
    String webSocketEndpoint() {
        return "/ws/*"; // the upgrade request's route: its first segment
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void vertxIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("vertx-jdk" + jdk, javaHome);
    }
}
