package io.healthagent.instrumentation.micronaut;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Micronaut 4's routes as the request's template: the matched route's URI template, the controller's path and
 * the method's joined as Micronaut declares them ({@code /api/tracks/{id}}). Requests are measured by the netty
 * module (Micronaut's HTTP server is Netty's codec); Micronaut matches the route and starts executing it in
 * the call the netty module binds the request to, {@code RequestLifecycle.executeRoute(request, context,
 * routeMatch)}, before a controller on another executor ({@code @ExecuteOn}) takes over. A WebSocket upgrade's
 * {@code @ServerWebSocket} route is matched apart, into the upgrade's own request lifecycle, whose constructor
 * names the request (and so the endpoint the netty module counts the session under).
 */
public final class MicronautModule implements InstrumentationModule {
    @Override
    public String name() {
        return "micronaut";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("micronaut.route");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("io.micronaut.http.server.RequestLifecycle"))
                .transform(support.advice(named("executeRoute").and(takesArguments(3))
                        .and(takesArgument(2, named("io.micronaut.web.router.RouteMatch"))), MicronautRouteAdvice.class))
                .type(named("io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler$WebsocketRequestLifecycle"))
                .transform(support.advice(isConstructor().and(takesArguments(2))
                        .and(takesArgument(1, named("io.micronaut.web.router.RouteMatch"))), MicronautRouteAdvice.WebSocketUpgrade.class));
    }
}
