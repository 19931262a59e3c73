package io.healthagent.model;

/** Percentiles of real handler timings over the sliding window (see RequestMetrics). */
public final class ResponseTimeMetrics {
    public static final ResponseTimeMetrics EMPTY = new ResponseTimeMetrics(0, 0, 0, 0);

    public final double p50_ms;
    public final double p95_ms;
    public final double p99_ms;
    public final double average_ms;

    public ResponseTimeMetrics(double p50Ms, double p95Ms, double p99Ms, double averageMs) {
        this.p50_ms = p50Ms;
        this.p95_ms = p95Ms;
        this.p99_ms = p99Ms;
        this.average_ms = averageMs;
    }
}
