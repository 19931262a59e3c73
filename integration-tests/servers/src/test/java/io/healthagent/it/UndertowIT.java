package io.healthagent.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Undertow 2.3, measured per exchange: its own handlers (a RoutingHandler's templates; requests dispatched
 * and completed later from another thread) and its servlet container (the servlet mappings).
 */
class UndertowIT {
    @Nested
    class Handlers extends ServerHostContract {
        @Override
        String mainClass() {
            return "UndertowHost";
        }

        @Override
        String route(String kind) {
            return braceTemplate(kind);
        }

        @Override
        String webSocketEndpoint() {
            return "/ws/*"; // the route its path gives: the upgrade exchange has ended when the channel opens
        }

        @ParameterizedTest(name = "JDK {0}")
        @MethodSource("io.healthagent.it.Jdks#both")
        void undertowHandlersAreMeasured(String jdk, Path javaHome) throws Exception {
            measuresLikeTheServerWorked("undertow-jdk" + jdk, javaHome);
        }
    }

    @Nested
    class Servlets extends ServerHostContract {
        @Override
        String mainClass() {
            return "UndertowServletHost";
        }

        @Override
        String route(String kind) {
            return servletMapping(kind);
        }

        @ParameterizedTest(name = "JDK {0}")
        @MethodSource("io.healthagent.it.Jdks#jdk17")
        void undertowServletsAreMeasured(String jdk, Path javaHome) throws Exception {
            measuresLikeTheServerWorked("undertow-servlet-jdk" + jdk, javaHome);
        }
    }
}
