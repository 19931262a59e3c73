package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.PathTemplateMatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractAttachable.putAttachment(key, value)}, the exchange's superclass: a RoutingHandler
 * (or PathTemplateHandler) attaching the template it matched names the exchange's request from then on.
 */
public final class UndertowTemplateAdvice {
    private UndertowTemplateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void enter(@Advice.This Object attachable, @Advice.Argument(1) Object value) {
        if (!(value instanceof PathTemplateMatch) || !(attachable instanceof HttpServerExchange)) {
            return;
        }
        try {
            HttpServerExchange exchange = (HttpServerExchange) attachable;
            Object key = ExchangeRequests.key(exchange.getClass()).get();
            RequestContext c = key == null ? null : exchange.getAttachment((AttachmentKey<RequestContext>) key);
            if (c != null) {
                c.offerTemplate(((PathTemplateMatch) value).getMatchedTemplate());
            }
        } catch (Throwable t) {
            AgentErrors.record("undertow.template", t);
        }
    }
}
