package io.healthagent.instrumentation.jaxrs;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RouteTemplates;
import net.bytebuddy.asm.Advice;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.mapping.URITemplate;

/**
 * Inlined into {@code ResteasyReactiveRequestContext.restart(target, ...)}: the resource method the request
 * was matched to names it. Made once per resource method (the application's path is what the request's path
 * has before the part RESTEasy matched), then found by identity.
 */
public final class ResteasyReactiveRouteAdvice {
    private ResteasyReactiveRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ResteasyReactiveRequestContext context, @Advice.Argument(0) RuntimeResource target) {
        if (target == null || !RequestBridge.inRequest()) {
            return;
        }
        try {
            String template = RouteTemplates.get(target);
            if (template == null) {
                String path = context.getPath();
                String matched = context.getPathWithoutPrefix();
                String prefix = path != null && matched != null && path.endsWith(matched)
                        ? path.substring(0, path.length() - matched.length()) : null;
                URITemplate classPath = target.getClassPath();
                URITemplate methodPath = target.getPath();
                template = RouteTemplates.remember(target, RouteTemplates.join(prefix,
                        classPath == null ? null : classPath.template, methodPath == null ? null : methodPath.template));
            }
            RequestBridge.offerTemplate(template);
        } catch (Throwable t) {
            AgentErrors.record("jaxrs.resteasy.route", t);
        }
    }
}
