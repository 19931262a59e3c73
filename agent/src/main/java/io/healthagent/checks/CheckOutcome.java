package io.healthagent.checks;

import io.healthagent.model.CheckStatus;

/** What one run of a check found, before the monitor adds its history. */
public final class CheckOutcome {
    public final String name;
    public final CheckStatus status;
    public final String message;
    public final long durationMillis;

    public CheckOutcome(String name, CheckStatus status, String message, long durationMillis) {
        this.name = name;
        this.status = status;
        this.message = message;
        this.durationMillis = durationMillis;
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

    CheckOutcome withMillis(long millis) {
        return new CheckOutcome(name, status, message, millis);
    }

    CheckOutcome withMessage(String newMessage) {
        return new CheckOutcome(name, status, newMessage, durationMillis);
    }
}
