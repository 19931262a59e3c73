package io.healthagent.instrumentation.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * JAX-RS on RESTEasy Reactive (Quarkus REST): the matched resource method's template, the application's path,
 * the class's {@code @Path} and the method's joined ({@code /api/tracks/{id}}), as Quarkus's own metrics name
 * it. Quarkus mounts all of its REST resources on one Vert.x route, which the vertx-web module names first;
 * the resource is matched afterwards, on the event loop the netty module bound the request to, when the
 * request context is pointed at it ({@code ResteasyReactiveRequestContext.restart(RuntimeResource, boolean)}),
 * before a blocking method moves to a worker thread.
 */
public final class ResteasyReactiveModule implements InstrumentationModule {
    @Override
    public String name() {
        return "jaxrs-resteasy-reactive";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("jaxrs.resteasy.route");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext"))
                .transform(support.advice(named("restart").and(takesArguments(2))
                        .and(takesArgument(0, named("org.jboss.resteasy.reactive.server.mapping.RuntimeResource"))),
                        ResteasyReactiveRouteAdvice.class));
    }
}
