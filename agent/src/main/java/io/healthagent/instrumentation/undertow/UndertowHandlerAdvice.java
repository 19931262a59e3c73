package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Connectors.executeRootHandler(handler, exchange)}: the exchange's request (started,
 * and attached to the exchange, at its first callback) is bound to this thread for the callback.
 */
public final class UndertowHandlerAdvice {
    private UndertowHandlerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    public static RequestContext enter(@Advice.Argument(1) HttpServerExchange exchange) {
        try {
            AtomicReference<Object> holder = ExchangeRequests.key(exchange.getClass());
            if (holder.get() == null) { // once per Undertow: a key of its own type, made here where it is visible
                holder.compareAndSet(null, AttachmentKey.create(RequestContext.class));
            }
            AttachmentKey<RequestContext> key = (AttachmentKey<RequestContext>) holder.get();
            RequestContext c = exchange.getAttachment(key);
            if (c == null) {
                c = RequestBridge.startOnPath(exchange.getRequestPath(), exchange.getRequestMethod().toString());
                exchange.putAttachment(key, c);
            }
            return RequestBridge.bind(c);
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
