package io.healthagent.model;

/**
 * Thresholds configured for one check. Field names are the wire names of the specification
 * (snake_case), here and in every type of this package, so that the JSON is the field list.
 */
public final class HealthThreshold {
    public final long max_response_time_ms;
    /** A fraction (0.1 = 10%), as in the specification's example. */
    public final float max_failure_rate;
    public final int max_consecutive_failures;

    public HealthThreshold(long maxResponseTimeMs, float maxFailureRate, int maxConsecutiveFailures) {
        this.max_response_time_ms = maxResponseTimeMs;
        this.max_failure_rate = maxFailureRate;
        this.max_consecutive_failures = maxConsecutiveFailures;
    }
}
