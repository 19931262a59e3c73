package io.healthagent.it;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring Boot 3.5: MVC on its embedded Tomcat 10.1 (measured by the servlet modules; DispatcherServlet is
 * mapped at "/", the route is the controller's pattern), and WebFlux on Reactor Netty (measured by the
 * netty module, named by WebFlux's pattern).
 */
class SpringBootIT {
    static String route(String kind) {
        switch (kind) {
            case "tracks": return "/api/tracks/{id}";
            case "sleep": return "/api/sleep/{ms}";
            case "nap": return "/api/nap/{ms}";
            case "status": return "/api/status/{code}";
            case "throw": return "/api/throw";
            default: return "/stream/{ms}";
        }
    }

    static List<String> springPort(int port) {
        return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
    }

    @Nested
    class Mvc extends ServerHostContract {
        @Override
        String mainClass() {
            return "demo.spring.mvc.MvcApp";
        }

        @Override
        List<String> portArguments(int port) {
            return springPort(port);
        }

        @Override
        String route(String kind) {
            return SpringBootIT.route(kind);
        }

        @Override
        String webSocketEndpoint() {
            return "/ws/echo";
        }

        @ParameterizedTest(name = "JDK {0}")
        @MethodSource("io.healthagent.it.Jdks#both")
        void springMvcIsMeasured(String jdk, Path javaHome) throws Exception {
            measuresLikeTheServerWorked("spring-mvc-jdk" + jdk, javaHome);
        }
    }

    @Nested
    class WebFlux extends ServerHostContract {
        @Override
        String mainClass() {
            return "demo.spring.webflux.WebFluxApp";
        }

        @Override
        List<String> portArguments(int port) {
            return springPort(port);
        }

        @Override
        String route(String kind) {
            return SpringBootIT.route(kind);
        }

        @Override
        String webSocketEndpoint() {
            return "/ws/echo";
        }

        @ParameterizedTest(name = "JDK {0}")
        @MethodSource("io.healthagent.it.Jdks#both")
        void springWebFluxIsMeasured(String jdk, Path javaHome) throws Exception {
            measuresLikeTheServerWorked("spring-webflux-jdk" + jdk, javaHome);
        }
    }
}
