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
 * {@link WebSocketUpgrade} does the same for a WebSocket upgrade, whose route is matched apart.
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

    /**
     * Inlined into the constructor of {@code NettyServerWebSocketUpgradeHandler.WebsocketRequestLifecycle(executor,
     * routeMatch)}: the {@code @ServerWebSocket} route an upgrade request matched names it, and so the
     * WebSocket endpoint the netty module counts its session under.
     */
    public static final class WebSocketUpgrade {
        private WebSocketUpgrade() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(1) Object match) {
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
}
