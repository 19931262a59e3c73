package io.healthagent.metrics;

/** One route's figures at snapshot time: window percentiles and cumulative counters. */
public final class RouteStats {
    public final String route;
    public final long windowCount;
    public final double p50Ms;
    public final double p95Ms;
    public final double p99Ms;
    public final double averageMs;
    public final long totalCount;
    public final double totalSeconds;
    public final long totalErrors;

    RouteStats(String route, long windowCount, double p50Ms, double p95Ms, double p99Ms, double averageMs,
               long totalCount, double totalSeconds, long totalErrors) {
        this.route = route;
        this.windowCount = windowCount;
        this.p50Ms = p50Ms;
        this.p95Ms = p95Ms;
        this.p99Ms = p99Ms;
        this.averageMs = averageMs;
        this.totalCount = totalCount;
        this.totalSeconds = totalSeconds;
        this.totalErrors = totalErrors;
    }
}
