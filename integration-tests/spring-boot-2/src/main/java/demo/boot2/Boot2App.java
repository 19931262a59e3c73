package demo.boot2;

import demo.support.CatalogState;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * A Spring Boot 2.7 MVC application on its embedded Tomcat 9 (spring-boot-starter-web: Spring MVC 5 on
 * javax.servlet), serving the routes every test host serves: /api/tracks/{id}, /api/sleep/{ms} (a DeferredResult
 * completed from another thread), /api/status/{code}, /api/throw, /stream/{ms}, and a WebSocket echo at /ws/echo
 * (Tomcat 9's javax.websocket). Actuator's health endpoint reports a {@code HealthIndicator} of its own,
 * {@code catalogApi} (see CatalogState).
 */
@SpringBootApplication
@RestController
@EnableWebSocket
public class Boot2App implements WebSocketConfigurer {
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(Boot2App.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        String port = app.run(args).getEnvironment().getProperty("local.server.port");
        System.out.println("spring-boot-2 host listening on " + port);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
                session.sendMessage(new TextMessage(message.getPayload()));
            }
        }, "/ws/echo");
    }

    /** Actuator's contributor "catalogApi": the catalog API's state as CatalogState reads it. */
    @Bean
    HealthIndicator catalogApiHealthIndicator() {
        return () -> {
            switch (CatalogState.now()) {
                case "down":
                    return Health.down().withDetail("reason", "catalog answered 503").build();
                case "throw":
                    throw new IllegalStateException("catalog unreachable");
                case "hang":
                    CatalogState.hang();
                    return Health.unknown().build();
                default:
                    return Health.up().withDetail("token", "tk-9f8e7d6c").withDetail("latency_ms", 12).build();
            }
        };
    }

    @GetMapping("/api/tracks/{id}")
    public String track(@PathVariable("id") String id) {
        return "track " + id;
    }

    @GetMapping({"/api/sleep/{ms}", "/api/nap/{ms}"})
    public DeferredResult<String> sleep(@PathVariable("ms") long ms) {
        DeferredResult<String> result = new DeferredResult<>();
        LATER.schedule(() -> result.setResult("slept"), ms, TimeUnit.MILLISECONDS);
        return result;
    }

    @GetMapping("/api/status/{code}")
    public ResponseEntity<Void> status(@PathVariable("code") int code) {
        return ResponseEntity.status(code).build();
    }

    @GetMapping("/api/throw")
    public String fail() {
        throw new IllegalStateException("boom");
    }

    @GetMapping("/stream/{ms}")
    public void stream(@PathVariable("ms") long ms, HttpServletResponse response) throws IOException, InterruptedException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        out.write("first\n");
        out.flush();
        Thread.sleep(ms);
        out.write("last\n");
    }
}
