package io.healthagent.instrumentation.jaxrs;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RouteTemplates;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.internal.process.RequestProcessingContext;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Inlined into {@code ResourceMethodInvoker.apply(context)}: the templates Jersey matched, most specific
 * first, joined under the application's base path. Made once per resource method, then found by identity.
 */
public final class JerseyRouteAdvice {
    private JerseyRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object invoker, @Advice.Argument(0) RequestProcessingContext context) {
        if (!RequestBridge.inRequest()) {
            return;
        }
        try {
            String template = RouteTemplates.get(invoker);
            if (template == null) {
                ContainerRequest request = context.request();
                List<UriTemplate> matched = request.getUriInfo().getMatchedTemplates();
                String[] parts = new String[matched.size() + 1];
                parts[0] = request.getBaseUri().getPath();
                for (int i = matched.size() - 1, p = 1; i >= 0; i--, p++) parts[p] = matched.get(i).getTemplate();
                template = RouteTemplates.remember(invoker, RouteTemplates.join(parts));
            }
            RequestBridge.offerTemplate(template);
        } catch (Throwable t) {
            AgentErrors.record("jaxrs.jersey.route", t);
        }
    }
}
