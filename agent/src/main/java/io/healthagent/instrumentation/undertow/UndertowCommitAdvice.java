package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestContext;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpServerExchange.startResponse()}: the exchange's response is committed. */
public final class UndertowCommitAdvice {
    private UndertowCommitAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object exchange) {
        RequestContext c = ExchangeRequests.get(exchange);
        if (c != null) {
            c.committed();
        }
    }
}
