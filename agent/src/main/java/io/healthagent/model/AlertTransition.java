package io.healthagent.model;


/**
 * One change of an alert: raised ({@code from} null), escalated, lowered, resolved ({@code to}
 * "Resolved"). {@code at} is Unix seconds; {@code value} the figure that made the change (NaN-free: null
 * when the rule has none).
 */
public final class AlertTransition {
    public static final String RESOLVED = "Resolved";

    public final long at;
    public final String from;
    public final String to;
    public final Double value;

    public AlertTransition(long at, String from, String to, Double value) {
        this.at = at;
        this.from = from;
        this.to = to;
        this.value = value;
    }
}
