package io.healthagent.model;

/** The result of one check, with its history, as in the specification. Timestamps are Unix seconds. */
public final class HealthCheck {
    public final String name;
    public final CheckStatus status;
    public final String message;
    public final long duration_ms;
    public final Long last_success;
    public final Long last_failure;
    /** Consecutive failures; back to 0 on success. */
    public final int failure_count;
    public final HealthThreshold threshold;

    public HealthCheck(String name, CheckStatus status, String message, long durationMs, Long lastSuccess,
                       Long lastFailure, int failureCount, HealthThreshold threshold) {
        this.name = name;
        this.status = status;
        this.message = message;
        this.duration_ms = durationMs;
        this.last_success = lastSuccess;
        this.last_failure = lastFailure;
        this.failure_count = failureCount;
        this.threshold = threshold;
    }
}
