package io.healthagent.metrics;

import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.WebSocketBridge;

/** What the instrumentation measures: requests and WebSocket connections, fed through the bridges. */
public final class Measurements {
    public final RequestMetrics requests;
    public final WebSocketMetrics websockets = new WebSocketMetrics();

    public Measurements() {
        this(java.util.Collections.emptyList());
    }

    /** @param routePatterns the {@code routes} option: how servers without templates name routes */
    public Measurements(java.util.List<String> routePatterns) {
        this.requests = new RequestMetrics(new PathRoutes(routePatterns));
    }

    /** Connects the bridges to these metrics (once, before instrumenting). */
    public Measurements installBridges() {
        RequestBridge.install(requests);
        WebSocketBridge.install(websockets);
        return this;
    }

    /** Moves what was recorded since the last roll into the slot of {@code nowMillis}. */
    public void roll(long nowMillis) {
        requests.roll(nowMillis);
        websockets.roll(nowMillis);
    }
}
