package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpServerExchange.invokeExchangeCompleteListeners()}: the exchange is complete;
 * its request ends with the exchange's status.
 */
public final class UndertowCompleteAdvice {
    private UndertowCompleteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This HttpServerExchange exchange) {
        try {
            RequestContext c = ExchangeRequests.remove(exchange);
            if (c == null) {
                return;
            }
            c.end(exchange.getStatusCode());
        } catch (Throwable t) {
            AgentErrors.record("undertow.complete", t);
        }
    }
}
