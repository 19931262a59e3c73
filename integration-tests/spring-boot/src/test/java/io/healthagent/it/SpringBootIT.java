package io.healthagent.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring Boot 3.5: MVC on its embedded Tomcat 10.1 (measured by the servlet modules; DispatcherServlet is
 * mapped at "/", the route is the controller's pattern), and WebFlux on Reactor Netty (measured by the
 * netty module, named by WebFlux's pattern). Both serve a WebSocket echo on Spring's API.
 */
class SpringBootIT {
    @Nested
    class Mvc extends SpringHostContract {
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
    class WebFlux extends SpringHostContract {
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
