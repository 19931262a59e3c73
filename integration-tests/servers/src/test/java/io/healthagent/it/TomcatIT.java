package io.healthagent.it;

import java.nio.file.Path;
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
        switch (kind) {
            case "tracks": return "/api/tracks/*";
            case "sleep": return "/api/sleep/*";
            case "nap": return "/api/nap/*";
            case "status": return "/api/status/*";
            case "throw": return "/api/throw";
            default: return "/stream/*";
        }
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
}
