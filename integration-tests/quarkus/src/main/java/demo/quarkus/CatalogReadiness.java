package demo.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The application's readiness check "catalog": the catalog API's state, read from the file the system property
 * {@code demo.catalog.state} names (up when there is none): {@code down}, {@code throw} or {@code hang}.
 */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        switch (state()) {
            case "down":
                return HealthCheckResponse.named("catalog").down().withData("reason", "catalog answered 503").build();
            case "throw":
                throw new IllegalStateException("catalog unreachable");
            case "hang":
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HealthCheckResponse.down("catalog");
            default:
                return HealthCheckResponse.named("catalog").up().withData("tracks", 12).build();
        }
    }

    private static String state() {
        String file = System.getProperty("demo.catalog.state");
        if (file == null) return "up";
        Path path = Paths.get(file);
        try {
            return Files.exists(path) ? new String(Files.readAllBytes(path), StandardCharsets.UTF_8).trim() : "up";
        } catch (IOException e) {
            return "up";
        }
    }
}
