package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpServerExchange.startResponse()}: the exchange's response is committed. */
public final class UndertowCommitAdvice {
    private UndertowCommitAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void exit(@Advice.This HttpServerExchange exchange) {
        Object key = ExchangeRequests.key(exchange.getClass()).get();
        RequestContext c = key == null ? null : exchange.getAttachment((AttachmentKey<RequestContext>) key);
        if (c != null) {
            c.committed();
        }
    }
}
