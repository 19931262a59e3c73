package io.healthagent.instrumentation.vertx;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Vert.x Web's routes as the request's template. Vert.x's HTTP server is Netty's codec, measured by the
 * netty module; its router runs in the event loop callback the netty module binds the request to, and
 * each route it calls a handler of ({@code RouteState.handleContext}) offers its path. The last one
 * wins: a path-less route (a logger, a body handler) comes first, the route that answers last. A pipelined
 * request that Vert.x holds until the response before it has gone out ({@code Http1xServerConnection.handleNext})
 * is bound again while Vert.x hands it on, so that its router (and Quarkus REST's) can name it too.
 */
public final class VertxWebModule implements InstrumentationModule {
    @Override
    public String name() {
        return "vertx-web";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("vertx.web.route");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("io.vertx.ext.web.impl.RouteState"))
                .transform(support.advice(named("handleContext").and(takesArguments(1)), VertxRouteAdvice.class))
                .type(named("io.vertx.core.http.impl.Http1xServerConnection"))
                .transform(support.advice(named("handleNext").and(takesArguments(1)), VertxPipelinedAdvice.class));
    }
}
