package io.healthagent.model;

public final class PerformanceMetrics {
    public final float cpu_usage_percent;
    public final long memory_usage_mb;
    public final float memory_usage_percent;
    public final float disk_usage_percent;
    public final int network_connections;
    public final ResponseTimeMetrics response_times;
    public final ErrorRateMetrics error_rates;

    public PerformanceMetrics(float cpuUsagePercent, long memoryUsageMb, float memoryUsagePercent,
                              float diskUsagePercent, int networkConnections, ResponseTimeMetrics responseTimes,
                              ErrorRateMetrics errorRates) {
        this.cpu_usage_percent = cpuUsagePercent;
        this.memory_usage_mb = memoryUsageMb;
        this.memory_usage_percent = memoryUsagePercent;
        this.disk_usage_percent = diskUsagePercent;
        this.network_connections = networkConnections;
        this.response_times = responseTimes;
        this.error_rates = errorRates;
    }
}
