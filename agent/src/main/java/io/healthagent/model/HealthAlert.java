package io.healthagent.model;

public final class HealthAlert {
    public final String id;
    public final AlertSeverity severity;
    public final String message;
    public final String component;
    public final long timestamp;
    public final boolean resolved;

    public HealthAlert(String id, AlertSeverity severity, String message, String component, long timestamp,
                       boolean resolved) {
        this.id = id;
        this.severity = severity;
        this.message = message;
        this.component = component;
        this.timestamp = timestamp;
        this.resolved = resolved;
    }
}
