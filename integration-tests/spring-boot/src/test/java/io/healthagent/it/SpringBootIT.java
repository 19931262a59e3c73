package io.healthagent.it;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring Boot 3.5: MVC on its embedded Tomcat 10.1 (measured by the servlet modules; DispatcherServlet is
 * mapped at "/", the route is the controller's pattern), and WebFlux on Reactor Netty (measured by the
 * netty module, named by WebFlux's pattern). Both serve a WebSocket echo on Spring's API.
 */
class SpringBootIT {
    /** What the two applications share: Spring's port arguments, brace templates, a WebSocket echo. */
    abstract static class SpringApp extends ServerHostContract {
        private final String mainClass;

        SpringApp(String mainClass) {
            this.mainClass = mainClass;
        }

        @Override
        String mainClass() {
            return mainClass;
        }

        @Override
        List<String> portArguments(int port) {
            return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
        }

        @Override
        String route(String kind) {
            return braceTemplate(kind);
        }

        @Override
        String webSocketEndpoint() {
            return "/ws/echo";
        }
    }

    @Nested
    class Mvc extends SpringApp {
        Mvc() {
            super("demo.spring.mvc.MvcApp");
        }

        @ParameterizedTest(name = "JDK {0}")
        @MethodSource("io.healthagent.it.Jdks#both")
        void springMvcIsMeasured(String jdk, Path javaHome) throws Exception {
            measuresLikeTheServerWorked("spring-mvc-jdk" + jdk, javaHome);
        }
    }

    @Nested
    class WebFlux extends SpringApp {
        WebFlux() {
            super("demo.spring.webflux.WebFluxApp");
        }

        @ParameterizedTest(name = "JDK {0}")
        @MethodSource("io.healthagent.it.Jdks#both")
        void springWebFluxIsMeasured(String jdk, Path javaHome) throws Exception {
            measuresLikeTheServerWorked("spring-webflux-jdk" + jdk, javaHome);
        }
    }
}
