package io.healthagent.it;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot 2.7: MVC 5 on javax.servlet and its embedded Tomcat 9, measured by the javax servlet module and
 * named by the controller's pattern, with a WebSocket echo on Spring's API over Tomcat 9's javax.websocket; and
 * Actuator's {@code catalogApi} run as the agent's check through ActuatorChecksContract (JDK 17 both: Boot 2.7
 * predates Java 25).
 */
class SpringBoot2IT {
    private static final String MAIN = "demo.boot2.Boot2App";

    @Nested
    class Mvc extends SpringHostContract {
        Mvc() {
            super(MAIN);
        }

        @Test
        void springBoot2MvcIsMeasured() throws Exception {
            measuresLikeTheServerWorked("spring-boot-2-jdk17", HostProcess.currentJavaHome());
        }
    }

    @Test
    void actuatorContributorsAreTheAgentsChecks() throws Exception {
        ActuatorChecksContract.run(new ActuatorChecksContract.App("actuator-boot2", MAIN, HostProcess.currentJavaHome(),
                "UP: token=***, latency_ms=12", true, false, Map.of()));
    }
}
