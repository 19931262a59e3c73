package io.healthagent.it;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quarkus 3.33 with Quarkus REST (RESTEasy Reactive on Vert.x, on Netty): measured by the netty module, named
 * by the JAX-RS resource method's template (the class's and the method's {@code @Path} joined), on the event
 * loop ({@code Uni}) and on worker threads (a plain return value, {@code @Blocking}).
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

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("io.healthagent.it.Jdks#both")
    void quarkusIsMeasured(String jdk, Path javaHome) throws Exception {
        measuresLikeTheServerWorked("quarkus-jdk" + jdk, javaHome);
    }
}
