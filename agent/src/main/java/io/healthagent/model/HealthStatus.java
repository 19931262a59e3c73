package io.healthagent.model;

import java.util.List;
import java.util.Map;

/** The report of the specification, served as is by /health/detailed. */
public final class HealthStatus {
    public final ServiceStatus status;
    public final long timestamp;
    public final String service;
    public final String version;
    public final long uptime_seconds;
    /** Check name to result, in a stable order (system checks first). */
    public final Map<String, HealthCheck> checks;
    public final List<HealthAlert> alerts;
    public final PerformanceMetrics performance;
    /** Beside the specification's fields: each route's figures (times to first byte and totals, in flight). */
    public final List<RouteFigures> routes;
    /** Beside the specification's fields: WebSocket connections, in total and per endpoint. */
    public final WebSocketStats websocket;
    /** Beside the specification's fields: 0 to 100, recomputable from {@link #health_score_parts}. */
    public final double health_score;
    public final HealthScore health_score_parts;
    /** Beside the specification's fields: trends, forecasts and patterns of the recent samples. */
    public final Analysis analysis;
    /** Beside the specification's fields (DESIGN.md allows it): the agent's own health. */
    public final AgentInfo agent;

    public HealthStatus(ServiceStatus status, long timestamp, String service, String version, long uptimeSeconds,
                        Map<String, HealthCheck> checks, List<HealthAlert> alerts, PerformanceMetrics performance,
                        List<RouteFigures> routes, WebSocketStats websocket, HealthScore score, Analysis analysis,
                        AgentInfo agent) {
        this.health_score = score.score;
        this.health_score_parts = score;
        this.analysis = analysis;
        this.status = status;
        this.timestamp = timestamp;
        this.service = service;
        this.version = version;
        this.uptime_seconds = uptimeSeconds;
        this.checks = checks;
        this.alerts = alerts;
        this.performance = performance;
        this.routes = routes;
        this.websocket = websocket;
        this.agent = agent;
    }
}
