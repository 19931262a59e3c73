package io.healthagent.metrics;

/** One route's figures at snapshot time: window percentiles and cumulative counters. */
public final class RouteStats {
    public final String route;
    public final long windowCount;
    /** Times to first byte over the window. */
    public final double p50Ms;
    public final double p95Ms;
    public final double p99Ms;
    public final double averageMs;
    /** Total durations over the window. */
    public final double totalP50Ms;
    public final double totalP95Ms;
    public final double totalP99Ms;
    public final double totalAverageMs;
    public final long totalCount;
    /** Cumulative sum of times to first byte. */
    public final double totalSeconds;
    /** Cumulative sum of total durations. */
    public final double totalDurationSeconds;
    public final long totalErrors;
    public final long inFlight;
    /** Cumulative histograms and status counts per method (none for the "all" figures). */
    public final java.util.List<MethodStats> methods;

    RouteStats(String route, long windowCount, double[] firstByte, double[] total, long totalCount,
               double totalSeconds, double totalDurationSeconds, long totalErrors, long inFlight,
               java.util.List<MethodStats> methods) {
        this.methods = methods;
        this.route = route;
        this.windowCount = windowCount;
        this.p50Ms = firstByte[0];
        this.p95Ms = firstByte[1];
        this.p99Ms = firstByte[2];
        this.averageMs = firstByte[3];
        this.totalP50Ms = total[0];
        this.totalP95Ms = total[1];
        this.totalP99Ms = total[2];
        this.totalAverageMs = total[3];
        this.totalCount = totalCount;
        this.totalSeconds = totalSeconds;
        this.totalDurationSeconds = totalDurationSeconds;
        this.totalErrors = totalErrors;
        this.inFlight = inFlight;
    }
}
