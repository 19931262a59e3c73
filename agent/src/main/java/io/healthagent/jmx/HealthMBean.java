package io.healthagent.jmx;

import javax.management.openmbean.TabularData;

/**
 * {@code io.healthagent:type=Health}: the service as {@code /health/detailed} shows it, from the latest
 * published snapshot. Open types only, so any JMX client reads it without the agent's classes. Also a
 * notification emitter: one notification per alert transition and per status change.
 *
 * <p>A standard MBean of JDK types only, not an MXBean: the MXBean mapping would turn the {@code TabularData}
 * attributes into composites of their getters.
 */
public interface HealthMBean {
    /** {@code healthy}, {@code degraded}, {@code unhealthy} or {@code critical}, as {@code /health} gives it. */
    String getStatus();

    boolean isReady();

    boolean isLive();

    double getHealthScore();

    long getUptimeSeconds();

    String getService();

    String getVersion();

    double getCpuUsagePercent();

    long getMemoryUsageMb();

    double getMemoryUsagePercent();

    double getDiskUsagePercent();

    int getNetworkConnections();

    double getResponseTimeP50Ms();

    double getResponseTimeP95Ms();

    double getResponseTimeP99Ms();

    double getResponseTimeAverageMs();

    double getErrorRate1MinPercent();

    double getErrorRate5MinPercent();

    double getErrorRate15MinPercent();

    long getTotalErrors24h();

    /** Which snapshot the attributes come from ({@code agent.snapshot_sequence} of {@code /health/detailed}). */
    long getSnapshotSequence();

    /** id, severity, component, message, since (Unix seconds). */
    TabularData getActiveAlerts();

    /** name, status, message, duration_ms, failure_count. */
    TabularData getChecks();

    /** As {@code POST /health/checks/run}, with the same rate limit: runs every check and returns the fresh status. */
    String runChecks() throws Exception;

    /** The body {@code /health/detailed} gives for this snapshot. */
    String detailedJson();

    /** The body {@code /health/report?period=PERIOD} gives (1m to 90d, like 24h). */
    String reportJson(String period);
}
