package io.healthagent.instrumentation.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Undertow 2.x, measured per exchange, whatever runs on it (its own handlers, its servlets, HTTP/1.1 and
 * HTTP/2 alike):
 * <ul>
 *   <li>{@code Connectors.executeRootHandler}: every callback of an exchange (the IO thread's, a dispatch to
 *       a worker, an async servlet's) runs through it; the first starts the request, each binds it to its
 *       thread so that a servlet inside offers its mapping as the route.</li>
 *   <li>{@code HttpServerExchange.startResponse}: the response is committed.</li>
 *   <li>{@code HttpServerExchange.invokeExchangeCompleteListeners}: the exchange is complete (response and
 *       request both done), once; its status (500 when a handler threw) ends the request.</li>
 *   <li>{@code AbstractAttachable.putAttachment} (the exchange's): a {@code RoutingHandler}'s matched template
 *       ({@code /api/tracks/{id}}) names the request.</li>
 * </ul>
 */
public final class UndertowModule implements InstrumentationModule {
    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("undertow.enter", "undertow.template", "undertow.complete");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("io.undertow.server.Connectors"))
                .transform(support.advice(named("executeRootHandler").and(isStatic()).and(takesArguments(2)),
                        UndertowHandlerAdvice.class))
                .type(named("io.undertow.server.HttpServerExchange"))
                .transform(support.advice(named("startResponse").and(takesArguments(0)), UndertowCommitAdvice.class))
                .transform(support.advice(named("invokeExchangeCompleteListeners").and(takesArguments(0)),
                        UndertowCompleteAdvice.class))
                .type(named("io.undertow.util.AbstractAttachable")) // the exchange's attachments live there
                .transform(support.advice(named("putAttachment").and(takesArguments(2)), UndertowTemplateAdvice.class));
    }
}
