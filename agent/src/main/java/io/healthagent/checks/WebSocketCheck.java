package io.healthagent.checks;

/**
 * websocket: active connections against websocket.max_connections. WebSocket handlers are not
 * instrumented yet, so there is no count to compare; the check says so rather than report a made-up 0.
 */
public final class WebSocketCheck implements Check {
    private final int maxConnections;

    public WebSocketCheck(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public CheckOutcome run() {
        return CheckOutcome.pass(name(), "WebSocket connections are not measured yet (no WebSocket instrumentation); "
                + "limit " + maxConnections);
    }
}
