package io.healthagent.instrumentation.undertow;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.ExchangeRequests;
import io.healthagent.bootstrap.RequestContext;
import io.undertow.util.PathTemplateMatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractAttachable.putAttachment(key, value)}, the exchange's superclass: a RoutingHandler (or PathTemplateHandler)
 * attaching the template it matched names the exchange's request from then on.
 */
public final class UndertowTemplateAdvice {
    private UndertowTemplateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object exchange, @Advice.Argument(1) Object value) {
        if (!(value instanceof PathTemplateMatch)) {
            return;
        }
        try {
            RequestContext c = ExchangeRequests.get(exchange);
            if (c != null) {
                c.offerTemplate(((PathTemplateMatch) value).getMatchedTemplate());
            }
        } catch (Throwable t) {
            AgentErrors.record("undertow.template", t);
        }
    }
}
