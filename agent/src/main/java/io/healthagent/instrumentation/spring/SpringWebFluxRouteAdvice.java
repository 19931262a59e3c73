package io.healthagent.instrumentation.spring;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import net.bytebuddy.asm.Advice;
import org.springframework.web.server.ServerWebExchange;

/**
 * Inlined into WebFlux's {@code DispatcherHandler.handleRequestWith(exchange, handler)}: the pattern the
 * mapping chose names the request bound to this thread (Reactor Netty's event loop, in the callback that
 * decoded it). A mapping that completed on another thread leaves the route the server gave.
 */
public final class SpringWebFluxRouteAdvice {
    private SpringWebFluxRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ServerWebExchange exchange) {
        if (!RequestBridge.inRequest()) {
            return;
        }
        try {
            Object pattern = exchange.getAttributes().get("org.springframework.web.reactive.HandlerMapping.bestMatchingPattern");
            if (pattern != null) {
                RequestBridge.offerTemplate(pattern.toString());
            }
        } catch (Throwable t) {
            AgentErrors.record("spring.webflux.route", t);
        }
    }
}
