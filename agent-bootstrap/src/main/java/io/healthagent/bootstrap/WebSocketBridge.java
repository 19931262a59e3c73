package io.healthagent.bootstrap;

/**
 * What WebSocket advice calls: open, message in and out with its size, error, close with its code.
 * Each event is guarded by the {@link CallDepth#WEBSOCKET} family, so a container that delegates from
 * one instrumented method to another reports the event once, and a WebSocket callback that runs inside
 * an HTTP upgrade request is not swallowed by the HTTP guard. Nothing here throws into the host.
 *
 * <p>Usage from advice: {@code boolean outer = WebSocketBridge.enter();} on entry, and on exit
 * {@code if (WebSocketBridge.exit(outer)) WebSocketBridge.opened(endpoint);}.
 */
public final class WebSocketBridge {
    private static volatile WebSocketSink sink;

    private WebSocketBridge() {
    }

    public static void install(WebSocketSink newSink) {
        sink = newSink;
    }

    /** @return true when this is the outermost WebSocket call on this thread */
    public static boolean enter() {
        return CallDepth.WEBSOCKET.increment() == 0;
    }

    /** @return {@code outer}: whether this exit should report its event */
    public static boolean exit(boolean outer) {
        CallDepth.WEBSOCKET.decrement();
        return outer;
    }

    public static void opened(String endpoint) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.opened(endpoint);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-open", t);
        }
    }

    public static void message(String endpoint, boolean inbound, long bytes) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.message(endpoint, inbound, bytes);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-message", t);
        }
    }

    public static void error(String endpoint) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.error(endpoint);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-error", t);
        }
    }

    public static void closed(String endpoint, int code, long sessionNanos) {
        WebSocketSink s = sink;
        if (s == null) return;
        try {
            s.closed(endpoint, code, sessionNanos);
        } catch (Throwable t) {
            AgentErrors.record("bridge.websocket-close", t);
        }
    }
}
