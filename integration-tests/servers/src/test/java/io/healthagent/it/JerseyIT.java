package io.healthagent.it;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JAX-RS on Jersey 4 in the JDK's HttpServer: measured by the jdk-httpserver module (its context "/"),
 * named by the resource methods' @Path templates.
 */
class JerseyIT extends ServerHostContract {
    @Override
    String mainClass() {
        return "JerseyHost";
    }

    @Override
    String route(String kind) {
        return braceTemplate(kind);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void jerseyIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("jersey-jdk" + jdk, javaHome);
    }
}
