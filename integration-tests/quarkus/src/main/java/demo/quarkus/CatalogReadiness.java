package demo.quarkus;

import demo.support.CatalogState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The application's readiness check "catalog": the catalog API's state ({@link CatalogState}): {@code down},
 * {@code throw} or {@code hang}, else up.
 */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        switch (CatalogState.now()) {
            case "down":
                return HealthCheckResponse.named("catalog").down().withData("reason", "catalog answered 503").build();
            case "throw":
                throw new IllegalStateException("catalog unreachable");
            case "hang":
                CatalogState.hang();
                return HealthCheckResponse.down("catalog");
            default:
                return HealthCheckResponse.named("catalog").up().withData("tracks", 12).build();
        }
    }
}
