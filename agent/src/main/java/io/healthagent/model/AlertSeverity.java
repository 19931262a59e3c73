package io.healthagent.model;


/** Serialised capitalised, as the specification's Go client compares them ("Critical", "Emergency"). */
public enum AlertSeverity implements Wire {
    INFO("Info"),
    WARNING("Warning"),
    CRITICAL("Critical"),
    EMERGENCY("Emergency");

    private final String wire;

    AlertSeverity(String wire) {
        this.wire = wire;
    }

    @Override
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
