package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonValue;


/** Serialised capitalised, as the specification's Go client compares them ("Critical", "Emergency"). */
public enum AlertSeverity {
    INFO("Info"),
    WARNING("Warning"),
    CRITICAL("Critical"),
    EMERGENCY("Emergency");

    private final String wire;

    AlertSeverity(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The severity written as {@code wire} ("Critical"), or null ("Resolved", unknown). */
    public static AlertSeverity ofWire(String wire) {
        for (AlertSeverity s : values()) {
            if (s.wire.equals(wire)) return s;
        }
        return null;
    }
}
