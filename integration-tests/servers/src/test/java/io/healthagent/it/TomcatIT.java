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
}
