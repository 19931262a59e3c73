import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A plain JDK server whose application declares its health checks in Dropwizard Metrics' registry, as a
 * Dropwizard service does: {@code catalog} fails while FLAG_FILE exists (its content is the message), {@code cpu}
 * has the name of one of the agent's own checks, {@code broken} throws, {@code slow} never answers. GET
 * /healthcheck runs them all, as Dropwizard's admin servlet does; GET /unregister?name=N takes one out. Run from source: java DropwizardHost.java PORT FLAG_FILE.
 */
public class DropwizardHost {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path flag = Paths.get(args[1]);
        HealthCheckRegistry registry = new HealthCheckRegistry();
        registry.register("catalog", new HealthCheck() {
            @Override
            protected Result check() throws Exception {
                return Files.exists(flag) ? Result.unhealthy("catalog unreachable: " + Files.readString(flag).trim())
                        : Result.healthy("12 tracks");
            }
        });
        registry.register("cpu", new HealthCheck() {
            @Override
            protected Result check() {
                return Result.healthy();
            }
        });
        registry.register("broken", new HealthCheck() {
            @Override
            protected Result check() {
                throw new IllegalStateException("catalog index corrupt");
            }
        });
        registry.register("slow", new HealthCheck() {
            @Override
            protected Result check() throws Exception {
                Thread.sleep(60_000);
                return Result.healthy();
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // /healthcheck waits for slow
        // As Dropwizard's admin HealthCheckServlet does: every check run, 200 when all are healthy.
        server.createContext("/healthcheck", exchange -> {
            boolean healthy = registry.runHealthChecks().values().stream().allMatch(HealthCheck.Result::isHealthy);
            byte[] body = (healthy ? "healthy" : "unhealthy").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy ? 200 : 500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/unregister", exchange -> {
            String name = exchange.getRequestURI().getQuery().replace("name=", "");
            registry.unregister(name);
            byte[] body = ("unregistered " + name).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("dropwizard-host listening on " + port);
    }
}
