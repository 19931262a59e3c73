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
                StringBuilder b = new StringBuilder();
                String base = request.getBaseUri().getPath();
                List<UriTemplate> matched = request.getUriInfo().getMatchedTemplates();
                for (int i = matched.size() - 1; i >= 0; i--) {
                    String t = matched.get(i).getTemplate();
                    if (t.isEmpty() || t.equals("/")) continue;
                    if (b.length() == 0 || b.charAt(b.length() - 1) != '/') b.append('/');
                    b.append(t.startsWith("/") ? t.substring(1) : t);
                }
                String path = b.length() == 0 ? "/" : b.toString();
                String prefix = base == null || base.equals("/") ? ""
                        : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
                template = RouteTemplates.remember(invoker, prefix + path);
            }
            RequestBridge.offerTemplate(template);
        } catch (Throwable t) {
            AgentErrors.record("jaxrs.jersey.route", t);
        }
    }
}
