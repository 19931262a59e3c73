package io.healthagent.checks;

import io.healthagent.metrics.WebSocketMetrics;
import io.healthagent.model.CheckStatus;

/**
 * websocket: the WebSocket connections open now against websocket.max_connections (warn from 90% of it,
 * fail above it), and the share of abnormal closes (1006: the connection dropped without a close
 * handshake) among the closes of the last 5 minutes (warn above websocket.abnormal_close_warning, once
 * there were at least {@value #MIN_CLOSES} closes: two dropped phones out of three closes are no trend).
 */
public final class WebSocketCheck implements Check {
    static final int MIN_CLOSES = 10;
    private final WebSocketMetrics metrics;
    private final int maxConnections;
    private final double abnormalWarningPercent;

    public WebSocketCheck(WebSocketMetrics metrics, int maxConnections, double abnormalWarningPercent) {
        this.metrics = metrics;
        this.maxConnections = maxConnections;
        this.abnormalWarningPercent = abnormalWarningPercent;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public CheckOutcome run() {
        long active = metrics.active();
        long[] recent = metrics.recentCloses(System.currentTimeMillis());
        double abnormal = recent[0] == 0 ? 0 : 100.0 * recent[1] / recent[0];
        String closes = recent[0] == 0 ? "no closes in the last 5 minutes"
                : String.format("%d of %d closes in the last 5 minutes abnormal (%.1f%%)", recent[1], recent[0], abnormal);
        String message = active + " WebSocket connections open of " + maxConnections + " allowed; " + closes;
        CheckStatus status;
        if (active > maxConnections) {
            status = CheckStatus.FAIL;
        } else if (active * 10L >= maxConnections * 9L) {
            status = CheckStatus.WARN;
        } else if (recent[0] >= MIN_CLOSES && abnormal > abnormalWarningPercent) {
            status = CheckStatus.WARN;
        } else {
            status = CheckStatus.PASS;
        }
        return new CheckOutcome(name(), status, message, 0, active, 0);
    }
}
