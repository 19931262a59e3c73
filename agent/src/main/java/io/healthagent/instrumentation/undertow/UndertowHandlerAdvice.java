package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Connectors.executeRootHandler(handler, exchange)}: binds the exchange's request. */
public final class UndertowHandlerAdvice {
    private UndertowHandlerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestContext enter(@Advice.Argument(1) HttpServerExchange exchange) {
        try {
            return ExchangeRequests.enter(exchange, exchange.getRequestPath());
        } catch (Throwable t) {
            AgentErrors.record("undertow.enter", t);
            return RequestBridge.current();
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter RequestContext before) {
        RequestBridge.bind(before);
    }
}
