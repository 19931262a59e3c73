package demo.quarkus;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The application's liveness check "engine", always up: a @Liveness check never fails the agent's /health/live by default. */
@Liveness
@Singleton
public class EngineLiveness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("engine");
    }
}
