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
}
