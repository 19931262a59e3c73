package io.healthagent.bootstrap;

/**
 * What WebSocket advice calls. A server-side connection is a {@link WebSocketSession}, created either
 * inside the container's upgrade ({@link #upgradeStarted}, {@link #sessionForUpgrade},
 * {@link #upgradeEnded}: the path template is known while the upgrade request is being handled, the
 * session object a little later, on the same thread) or at once with its template ({@link #newSession}).
 * Messages, errors and closes then go through the session. Nothing here throws into the host.
 */
public final class WebSocketBridge {
    private static volatile WebSocketSink sink;

    private WebSocketBridge() {
    }

    public static void install(WebSocketSink newSink) {
        sink = newSink;
    }

    /**
     * A container starts upgrading a request whose endpoint has this path template (null when it cannot
     * be known). The session the container creates during this call is that endpoint's. A template of
     * "/" (a WebSocket servlet mapping its endpoint at its own root) gives way to the route of the HTTP
     * upgrade request, the servlet's mapping.
     */
    public static void upgradeStarted(String template) {
        if (template == null || template.equals("/")) {
            String route = RequestBridge.currentRoute();
            if (route != null) template = route;
        }
        CallDepth.Frame f = CallDepth.WEBSOCKET.frame();
        f.route = template == null ? "" : template;
        f.depth++;
    }

    /** A request target without its query string: the endpoint of a server that has no templates. */
    public static String withoutQuery(String target) {
        int query = target == null ? -1 : target.indexOf('?');
        return query >= 0 ? target.substring(0, query) : target;
    }

    /**
     * The declaration of a Jetty path spec (the template the application mapped, "/ws/{room}"), read
     * by reflection: Jetty 9.4's PathSpec is a class, Jetty 12's an interface. Once per upgrade.
     */
    public static String templateOf(Object pathSpec) {
        if (pathSpec == null) return null;
        try {
            java.lang.reflect.Method m = DECLARATION.get(pathSpec.getClass());
            return m == null ? null : String.valueOf(m.invoke(pathSpec));
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-open", t);
            return null;
        }
    }

    private static final ClassValue<java.lang.reflect.Method> DECLARATION = new ClassValue<java.lang.reflect.Method>() {
        @Override
        protected java.lang.reflect.Method computeValue(Class<?> type) {
            try {
                return type.getMethod("getDeclaration");
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    /**
     * Called where the container creates its session object, inside an upgrade on this thread: the new
     * session for the pending endpoint, or null (not inside an upgrade: a client-side session).
     */
    public static WebSocketSession sessionForUpgrade() {
        CallDepth.Frame f = CallDepth.WEBSOCKET.frame();
        String template = f.route;
        if (f.depth == 0 || template == null) {
            return null;
        }
        f.route = null; // consumed: the upgrade produced a session
        return newSession(template.isEmpty() ? null : template);
    }

    /**
     * The container's upgrade call returned or threw. {@code wasUpgradeRequest}: the request asked for a
     * WebSocket; when no session was created, that request was refused.
     */
    public static void upgradeEnded(boolean wasUpgradeRequest) {
        CallDepth.Frame f = CallDepth.WEBSOCKET.frame();
        String pending = f.route;
        f.route = null;
        CallDepth.WEBSOCKET.decrement();
        if (pending != null && wasUpgradeRequest) {
            refused(pending.isEmpty() ? null : pending);
        }
    }

    /** A server-side session of the endpoint with this template, not yet open; null when the agent is off. */
    public static WebSocketSession newSession(String template) {
        WebSocketSink s = sink;
        if (s == null) return null;
        try {
            return new WebSocketSession(s.endpoint(template));
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-open", t);
            return null;
        }
    }

    public static void refused(String template) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.refused(template);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-refused", t);
        }
    }

    static void opened(Object endpoint) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.opened(endpoint);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-open", t);
        }
    }

    static void message(Object endpoint, boolean inbound, boolean fin, long bytes) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.message(endpoint, inbound, fin, bytes);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-message", t);
        }
    }

    static void error(Object endpoint) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.error(endpoint);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-error", t);
        }
    }

    static void closed(Object endpoint, int code, long sessionNanos) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.closed(endpoint, code, sessionNanos);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-close", t);
        }
    }
}
