package io.healthagent.model;

/** Error rates as percentages of requests (0 when there were no requests). */
public final class ErrorRateMetrics {
    public final float rate_1min;
    public final float rate_5min;
    public final float rate_15min;
    public final long total_errors_24h;

    public ErrorRateMetrics(float rate1min, float rate5min, float rate15min, long totalErrors24h) {
        this.rate_1min = rate1min;
        this.rate_5min = rate5min;
        this.rate_15min = rate15min;
        this.total_errors_24h = totalErrors24h;
    }
}
