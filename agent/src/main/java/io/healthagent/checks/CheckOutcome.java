package io.healthagent.checks;

import io.healthagent.model.CheckStatus;

/** What one run of a check found, before the monitor adds its history. */
public final class CheckOutcome {
    public final String name;
    public final CheckStatus status;
    public final String message;
    public final long durationMillis;
    /** The figure a system check measured (a percentage, a connection count); NaN for other checks. */
    public final double value;
    /** Bytes in use, for the memory check; 0 otherwise. */
    public final long usedBytes;
    /** What a system check read of the container's limits, or null. */
    public final ContainerFigures container;

    public CheckOutcome(String name, CheckStatus status, String message, long durationMillis) {
        this(name, status, message, durationMillis, Double.NaN, 0);
    }

    CheckOutcome(String name, CheckStatus status, String message, long durationMillis, double value, long usedBytes) {
        this(name, status, message, durationMillis, value, usedBytes, null);
    }

    CheckOutcome(String name, CheckStatus status, String message, long durationMillis, double value, long usedBytes,
                 ContainerFigures container) {
        this.container = container;
        this.name = name;
        this.status = status;
        this.message = message;
        this.durationMillis = durationMillis;
        this.value = value;
        this.usedBytes = usedBytes;
    }

    public static CheckOutcome pass(String name, String message) {
        return new CheckOutcome(name, CheckStatus.PASS, message, 0);
    }

    public static CheckOutcome warn(String name, String message) {
        return new CheckOutcome(name, CheckStatus.WARN, message, 0);
    }

    public static CheckOutcome fail(String name, String message) {
        return new CheckOutcome(name, CheckStatus.FAIL, message, 0);
    }

    public CheckOutcome withMillis(long millis) {
        return new CheckOutcome(name, status, message, millis, value, usedBytes, container);
    }

    public CheckOutcome withMessage(String newMessage) {
        return new CheckOutcome(name, status, newMessage, durationMillis, value, usedBytes, container);
    }
}
