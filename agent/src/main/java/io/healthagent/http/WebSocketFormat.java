package io.healthagent.http;

import static io.healthagent.http.PrometheusFormat.escape;
import static io.healthagent.http.PrometheusFormat.header;
import static io.healthagent.http.PrometheusFormat.number;

import io.healthagent.model.WebSocketEndpointStats;
import io.healthagent.model.WebSocketStats;
import java.util.Map;

/** The WebSocket series of /metrics, one per endpoint (label {@code endpoint}, the path template). */
final class WebSocketFormat {
    private WebSocketFormat() {
    }

    static void append(StringBuilder out, WebSocketStats ws) {
        if (ws == null) return;
        header(out, "websocket_connections_active", "WebSocket connections open now", "gauge");
        for (WebSocketEndpointStats e : ws.endpoints) line(out, "websocket_connections_active", e, null, e.connections_active);
        header(out, "websocket_connections_opened_total", "WebSocket connections opened", "counter");
        for (WebSocketEndpointStats e : ws.endpoints) line(out, "websocket_connections_opened_total", e, null, e.opened_total);
        header(out, "websocket_connections_closed_total",
                "WebSocket connections closed, by close code (1000 normal, 1001 going away, 1006 abnormal, 1011 server error, other)",
                "counter");
        for (WebSocketEndpointStats e : ws.endpoints) {
            for (Map.Entry<String, Long> c : e.closed_total.entrySet()) {
                line(out, "websocket_connections_closed_total", e, "code=\"" + c.getKey() + "\"", c.getValue());
            }
        }
        header(out, "websocket_upgrades_refused_total", "WebSocket upgrade requests that did not become a connection", "counter");
        for (WebSocketEndpointStats e : ws.endpoints) line(out, "websocket_upgrades_refused_total", e, null, e.upgrades_refused_total);
        header(out, "websocket_messages_total", "WebSocket messages, by direction", "counter");
        for (WebSocketEndpointStats e : ws.endpoints) {
            line(out, "websocket_messages_total", e, "direction=\"in\"", e.messages_in_total);
            line(out, "websocket_messages_total", e, "direction=\"out\"", e.messages_out_total);
        }
        header(out, "websocket_bytes_total", "WebSocket payload bytes, by direction", "counter");
        for (WebSocketEndpointStats e : ws.endpoints) {
            line(out, "websocket_bytes_total", e, "direction=\"in\"", e.bytes_in_total);
            line(out, "websocket_bytes_total", e, "direction=\"out\"", e.bytes_out_total);
        }
        header(out, "websocket_errors_total", "Errors on WebSocket connections (the application's or the connection's)", "counter");
        for (WebSocketEndpointStats e : ws.endpoints) line(out, "websocket_errors_total", e, null, e.errors_total);
        header(out, "websocket_session_duration_seconds", "How long closed WebSocket connections lasted", "histogram");
        double[] bounds = WebSocketEndpointStats.SESSION_BUCKETS_SECONDS;
        for (WebSocketEndpointStats e : ws.endpoints) {
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += e.sessionBuckets[i];
                String le = i < bounds.length ? number(bounds[i]) : "+Inf";
                line(out, "websocket_session_duration_seconds_bucket", e, "le=\"" + le + "\"", cumulative);
            }
            line(out, "websocket_session_duration_seconds_sum", e, null, e.sessionSeconds);
            line(out, "websocket_session_duration_seconds_count", e, null, cumulative);
        }
    }

    private static void line(StringBuilder out, String name, WebSocketEndpointStats e, String label, double value) {
        out.append(name).append("{endpoint=\"").append(escape(e.endpoint)).append('"');
        if (label != null) out.append(',').append(label);
        out.append("} ").append(number(value)).append('\n');
    }
}
