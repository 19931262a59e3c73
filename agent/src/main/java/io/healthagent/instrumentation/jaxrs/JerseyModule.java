package io.healthagent.instrumentation.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * JAX-RS on Jersey 3.1 and 4 (jakarta.ws.rs): the resource method's path template names the request
 * ({@code /api/tracks/{id}}: the application's base path, the resource's {@code @Path}, the method's).
 * Requests themselves are measured by the container Jersey runs in (a servlet container, the JDK server,
 * Netty); {@code ResourceMethodInvoker.apply} runs on the thread that container bound the request to.
 */
public final class JerseyModule implements InstrumentationModule {
    @Override
    public String name() {
        return "jaxrs-jersey";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("jaxrs.jersey.route");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("org.glassfish.jersey.server.model.ResourceMethodInvoker"))
                .transform(support.advice(named("apply").and(takesArguments(1)), JerseyRouteAdvice.class));
    }
}
