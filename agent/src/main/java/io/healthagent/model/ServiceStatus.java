package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonValue;


/** Overall status of the service, worst first when compared by {@link #severity()}. */
public enum ServiceStatus {
    HEALTHY("healthy", 0),
    DEGRADED("degraded", 1),
    UNHEALTHY("unhealthy", 2),
    CRITICAL("critical", 3);

    private final String wire;
    private final int severity;

    ServiceStatus(String wire, int severity) {
        this.wire = wire;
        this.severity = severity;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public int severity() {
        return severity;
    }

    /** 200 for healthy and degraded, 503 for unhealthy and critical (DESIGN.md). */
    public boolean isServing() {
        return this == HEALTHY || this == DEGRADED;
    }
}
