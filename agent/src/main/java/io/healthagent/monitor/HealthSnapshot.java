package io.healthagent.monitor;

import io.healthagent.alerts.AlertEngine;
import io.healthagent.checks.ContainerFigures;
import io.healthagent.metrics.RequestStats;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.HealthStatus;
import io.healthagent.model.WebSocketStats;
import java.util.List;

/**
 * Everything the monitor knew at one moment, immutable. Every reader (endpoints, /metrics, subscribers:
 * later alerts, the store, JMX) serialises this and never runs a check itself.
 */
public final class HealthSnapshot {
    public final HealthStatus report;
    public final RequestStats requests;
    /** The same object as {@code report.websocket}. */
    public final WebSocketStats websockets;
    public final boolean ready;
    public final int deadlockedThreads;
    /** When it was assembled (Unix milliseconds); the report's timestamp is the same moment in seconds. */
    public final long takenAtMillis;
    /** 1, 2, 3...: one more per snapshot published. */
    public final long sequence;
    /** Cumulative per-check durations and failures. */
    public final List<CheckStats> checkStats;
    /** Alert transitions made while assembling this snapshot (for logs, notifiers, the store). */
    public final List<AlertEngine.Change> alertChanges;
    /** Every alert kept in memory, active and resolved, newest first (for /health/alerts). */
    public final List<AlertHistoryEntry> alertHistory;
    /** The container's limits as the system checks last read them (unknown fields outside one). */
    public final ContainerFigures container;
    /** Application checks marked for liveness that fail, when liveness.app_checks counts them (else empty). */
    public final List<String> failingLivenessChecks;

    HealthSnapshot(HealthStatus report, RequestStats requests, List<CheckStats> checkStats, boolean ready,
                   int deadlockedThreads, long takenAtMillis, long sequence, List<AlertEngine.Change> alertChanges,
                   List<AlertHistoryEntry> alertHistory, ContainerFigures container, List<String> failingLivenessChecks) {
        this.container = container;
        this.failingLivenessChecks = failingLivenessChecks;
        this.alertChanges = alertChanges;
        this.alertHistory = alertHistory;
        this.report = report;
        this.requests = requests;
        this.websockets = report.websocket;
        this.checkStats = checkStats;
        this.ready = ready;
        this.deadlockedThreads = deadlockedThreads;
        this.takenAtMillis = takenAtMillis;
        this.sequence = sequence;
    }
}
