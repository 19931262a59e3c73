package io.healthagent.model;

import java.util.List;

/** One alert's whole life, as /health/alerts returns it: the HealthAlert fields, then its transitions. */
public final class AlertHistoryEntry {
    public final String id;
    public final AlertSeverity severity;
    public final String message;
    public final String component;
    /** When it was raised (Unix seconds). */
    public final long timestamp;
    public final boolean resolved;
    public final Long resolved_at;
    public final List<AlertTransition> transitions;
    /** Orders entries and pages them (newest first); not serialised. */
    private final transient long sequence;

    public AlertHistoryEntry(HealthAlert alert, Long resolvedAt, List<AlertTransition> transitions, long sequence) {
        this.id = alert.id;
        this.severity = alert.severity;
        this.message = alert.message;
        this.component = alert.component;
        this.timestamp = alert.timestamp;
        this.resolved = alert.resolved;
        this.resolved_at = resolvedAt;
        this.transitions = transitions;
        this.sequence = sequence;
    }

    public long sequence() {
        return sequence;
    }
}
