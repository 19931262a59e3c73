package io.healthagent.instrumentation.micronaut;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RouteTemplates;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RequestLifecycle.executeRoute(request, context, routeMatch)}: a URI route (not an error
 * or status route) names the request with its template. Made once per declared route, then found by identity.
 */
public final class MicronautRouteAdvice {
    private MicronautRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(2) Object match) {
        if (!(match instanceof UriRouteMatch) || !RequestBridge.inRequest()) {
            return;
        }
        try {
            UriRouteInfo<?, ?> route = ((UriRouteMatch<?, ?>) match).getRouteInfo();
            String template = RouteTemplates.get(route);
            if (template == null) {
                template = RouteTemplates.remember(route, RouteTemplates.join(route.getUriMatchTemplate().toPathString()));
            }
            RequestBridge.offerTemplate(template);
        } catch (Throwable t) {
            AgentErrors.record("micronaut.route", t);
        }
    }
}
