package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Collections;
import java.util.List;

/** Every WebSocket figure at snapshot time: the totals, and each endpoint's. */
public final class WebSocketStats {
    public static final WebSocketStats NONE = new WebSocketStats(null, Collections.emptyList());

    @JsonUnwrapped
    public final WebSocketEndpointStats total;
    public final List<WebSocketEndpointStats> endpoints;

    public WebSocketStats(WebSocketEndpointStats total, List<WebSocketEndpointStats> endpoints) {
        this.total = total;
        this.endpoints = endpoints;
    }
}
