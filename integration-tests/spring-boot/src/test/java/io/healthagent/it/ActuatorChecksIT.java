package io.healthagent.it;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spring Boot 3.5 Actuator's health contributors run as the agent's own checks, with no code (see
 * ActuatorChecksContract): a HealthIndicator on Spring MVC (JDK 17) and a ReactiveHealthIndicator on WebFlux
 * (JDK 25, where Actuator's liveness group names it too and Boot's own indicators are brought in).
 */
class ActuatorChecksIT {
    @Test
    void springMvcHealthIndicatorIsTheAgentsCheck() throws Exception {
        ActuatorChecksContract.run(new ActuatorChecksContract.App("actuator-mvc", "demo.spring.mvc.MvcApp",
                HostProcess.currentJavaHome(), "UP: token=***, latency_ms=12", false, false, Map.of()));
    }

    @Test
    void webFluxReactiveHealthIndicatorIsTheAgentsCheck() throws Exception {
        ActuatorChecksContract.run(new ActuatorChecksContract.App("actuator-webflux", "demo.spring.webflux.WebFluxApp",
                Jdks.jdk25(), "UP: latency_ms=12", true, true, Map.of()));
    }
}
