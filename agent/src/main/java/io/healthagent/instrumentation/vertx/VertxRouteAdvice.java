package io.healthagent.instrumentation.vertx;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RouteTemplates;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RouteState.handleContext(context)}: the route whose handler is about to run names
 * the request, as its application declared it ({@code /api/tracks/:id}, {@code /static/*}), prefixed
 * with the mount point of a sub-router. Made once per route, then found by identity.
 */
public final class VertxRouteAdvice {
    private VertxRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) RoutingContext context) {
        if (!RequestBridge.inRequest()) {
            return; // a blocking handler's worker thread, or a handler called later: the template is lost
        }
        try {
            Route route = context.currentRoute();
            if (route == null) {
                return;
            }
            String template = RouteTemplates.get(route);
            if (template == null) {
                String path = route.getPath();
                String mount = context.mountPoint();
                if (mount != null && mount.endsWith("/")) {
                    mount = mount.substring(0, mount.length() - 1);
                }
                template = RouteTemplates.remember(route, path == null ? null
                        : (mount == null ? "" : mount) + path + (route.isExactPath() ? "" : "*"));
            }
            if (!template.isEmpty()) {
                RequestBridge.offerTemplate(template);
            }
        } catch (Throwable t) {
            AgentErrors.record("vertx.web.route", t);
        }
    }
}
