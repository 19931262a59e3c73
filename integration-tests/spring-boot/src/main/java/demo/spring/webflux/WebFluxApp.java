package demo.spring.webflux;

import java.time.Duration;
import demo.support.CatalogState;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import java.util.Map;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Spring Boot 3.5 WebFlux application on Reactor Netty, serving the routes every test host serves
 * (see MvcApp); the stream is a server-sent event stream whose last event comes {ms} later; a WebSocket echo
 * at /ws/echo. Actuator's health endpoint reports a {@code ReactiveHealthIndicator} of its own, {@code catalogApi}
 * (see CatalogState).
 */
@SpringBootApplication
@RestController
public class WebFluxApp {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WebFluxApp.class);
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        String port = app.run(args).getEnvironment().getProperty("local.server.port");
        System.out.println("spring-webflux host listening on " + port);
    }

    /** Reactor Netty, although Tomcat is on the class path too (the MVC application's). */
    @Bean
    NettyReactiveWebServerFactory netty() {
        return new NettyReactiveWebServerFactory();
    }

    /** An echo at /ws/echo on WebFlux's WebSocket API, which runs on Reactor Netty's. */
    @Bean
    HandlerMapping webSockets() {
        WebSocketHandler echo = session -> session.send(session.receive()
                .map(message -> session.textMessage(message.getPayloadAsText())));
        return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echo), -1);
    }

    /** Reactor Netty's upgrade, which Spring would not pick with Tomcat on the class path. */
    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter() {
        return new WebSocketHandlerAdapter(new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy()));
    }

    /** Actuator's reactive contributor "catalogApi": the catalog API's state as CatalogState reads it. */
    @Bean
    ReactiveHealthIndicator catalogApiHealthIndicator() {
        return () -> {
            switch (CatalogState.now()) {
                case "down":
                    return Mono.just(Health.down().withDetail("reason", "catalog answered 503").build());
                case "throw":
                    return Mono.error(new IllegalStateException("catalog unreachable"));
                case "hang":
                    return Mono.never();
                default:
                    return Mono.just(Health.up().withDetail("latency_ms", 12).build());
            }
        };
    }

    @GetMapping("/api/tracks/{id}")
    public Mono<String> track(@PathVariable("id") String id) {
        return Mono.just("track " + id);
    }

    @GetMapping({"/api/sleep/{ms}", "/api/nap/{ms}"})
    public Mono<String> sleep(@PathVariable("ms") long ms) {
        return Mono.delay(Duration.ofMillis(ms)).map(x -> "slept");
    }

    @GetMapping("/api/status/{code}")
    public Mono<ResponseEntity<Void>> status(@PathVariable("code") int code) {
        return Mono.just(ResponseEntity.status(code).build());
    }

    @GetMapping("/api/throw")
    public Mono<String> fail() {
        throw new IllegalStateException("boom");
    }

    @GetMapping(value = "/stream/{ms}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<String> stream(@PathVariable("ms") long ms) {
        return Flux.concat(Flux.just("first"), Mono.delay(Duration.ofMillis(ms)).map(x -> "last"));
    }
}
