package io.healthagent.it;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot 4: MVC 7 on its embedded Tomcat 11, measured by the servlet modules and named by the controller's
 * pattern, with a WebSocket echo on Spring's API (JDK 17); and Actuator's contributors, which Boot 4 keeps in
 * org.springframework.boot.health, run as the agent's checks (JDK 25): the blocking {@code catalogApi} through
 * ActuatorChecksContract, the reactive {@code searchApi} from Boot 4's reactive registry beside it.
 */
class SpringBoot4IT {
    private static final String MAIN = "demo.boot4.Boot4App";

    @Nested
    class Mvc extends SpringHostContract {
        Mvc() {
            super(MAIN);
        }

        @Test
        void springBoot4MvcIsMeasured() throws Exception {
            measuresLikeTheServerWorked("spring-boot-4-jdk17", HostProcess.currentJavaHome());
        }
    }

    @Test
    void actuatorContributorsAreTheAgentsChecks() throws Exception {
        ActuatorChecksContract.run(new ActuatorChecksContract.App("actuator-boot4", MAIN, Jdks.jdk25(),
                "UP: token=***, latency_ms=12", true, false, Map.of("searchApi", "UP: index=ready")));
    }
}
