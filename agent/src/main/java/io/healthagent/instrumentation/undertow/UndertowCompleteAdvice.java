package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpServerExchange.invokeExchangeCompleteListeners()}: the exchange is complete;
 * its request ends with the exchange's status.
 */
public final class UndertowCompleteAdvice {
    private UndertowCompleteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void enter(@Advice.This HttpServerExchange exchange) {
        try {
            Object key = ExchangeRequests.key(exchange.getClass()).get();
            RequestContext c = key == null ? null : exchange.removeAttachment((AttachmentKey<RequestContext>) key);
            if (c != null) {
                c.end(exchange.getStatusCode());
            }
        } catch (Throwable t) {
            AgentErrors.record("undertow.complete", t);
        }
    }
}
