package io.healthagent.jmx;

import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthStatus;
import io.healthagent.model.ReportJson;
import io.healthagent.monitor.CheckRuns;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.monitor.Liveness;
import io.healthagent.report.Reports;
import io.healthagent.store.HistoryStore;
import java.nio.charset.StandardCharsets;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.openmbean.TabularData;

/** {@link HealthMBean} over the view's latest snapshot; sends the view's notifications. */
final class HealthBean extends NotificationBroadcasterSupport implements HealthMBean {
    static final String[] NOTIFICATION_TYPES = {"health.alert.raised", "health.alert.escalated",
            "health.alert.deescalated", "health.alert.resolved", "health.status.changed"};

    private final JmxView view;
    private final HistoryStore store;
    private final long intervalMillis;

    HealthBean(JmxView view, HistoryStore store, long intervalMillis) {
        super(new MBeanNotificationInfo[] {new MBeanNotificationInfo(NOTIFICATION_TYPES, Notification.class.getName(),
                "An alert raised, escalated, de-escalated or resolved (userData: the alert), or the status changed")});
        this.view = view;
        this.store = store;
        this.intervalMillis = intervalMillis;
    }

    private HealthSnapshot snapshot() {
        HealthSnapshot s = view.latest();
        if (s == null) throw new IllegalStateException("starting: no health snapshot yet");
        return s;
    }

    private HealthStatus report() {
        return snapshot().report;
    }

    @Override
    public String getStatus() {
        return report().status.wire();
    }

    @Override
    public boolean isReady() {
        return snapshot().ready;
    }

    @Override
    public boolean isLive() {
        return Liveness.of(view.latest(), intervalMillis, System.currentTimeMillis()).alive;
    }

    @Override
    public double getHealthScore() {
        return report().health_score;
    }

    @Override
    public long getUptimeSeconds() {
        return report().uptime_seconds;
    }

    @Override
    public String getService() {
        return report().service;
    }

    @Override
    public String getVersion() {
        return report().version;
    }

    @Override
    public double getCpuUsagePercent() {
        return report().performance.cpu_usage_percent;
    }

    @Override
    public long getMemoryUsageMb() {
        return report().performance.memory_usage_mb;
    }

    @Override
    public double getMemoryUsagePercent() {
        return report().performance.memory_usage_percent;
    }

    @Override
    public double getDiskUsagePercent() {
        return report().performance.disk_usage_percent;
    }

    @Override
    public int getNetworkConnections() {
        return report().performance.network_connections;
    }

    @Override
    public double getResponseTimeP50Ms() {
        return report().performance.response_times.p50_ms;
    }

    @Override
    public double getResponseTimeP95Ms() {
        return report().performance.response_times.p95_ms;
    }

    @Override
    public double getResponseTimeP99Ms() {
        return report().performance.response_times.p99_ms;
    }

    @Override
    public double getResponseTimeAverageMs() {
        return report().performance.response_times.average_ms;
    }

    @Override
    public double getErrorRate1MinPercent() {
        return report().performance.error_rates.rate_1min;
    }

    @Override
    public double getErrorRate5MinPercent() {
        return report().performance.error_rates.rate_5min;
    }

    @Override
    public double getErrorRate15MinPercent() {
        return report().performance.error_rates.rate_15min;
    }

    @Override
    public long getTotalErrors24h() {
        return report().performance.error_rates.total_errors_24h;
    }

    @Override
    public long getSnapshotSequence() {
        return snapshot().sequence;
    }

    @Override
    public TabularData getActiveAlerts() {
        TabularData out = OpenData.alertTable();
        for (HealthAlert a : report().alerts) {
            if (!a.resolved) out.put(OpenData.alertRow(a));
        }
        return out;
    }

    @Override
    public TabularData getChecks() {
        TabularData out = OpenData.checkTable();
        for (HealthCheck c : report().checks.values()) out.put(OpenData.checkRow(c));
        return out;
    }

    @Override
    public String runChecks() throws Exception {
        CheckRuns runs = view.runs();
        if (runs == null) throw new IllegalStateException("starting: the checks cannot be run yet");
        try {
            runs.admit();
        } catch (CheckRuns.Refused r) {
            // Only JDK types cross the connector: a client without the agent's classes reads the message.
            throw new IllegalStateException(r.getMessage() + "; retry in " + r.retryAfterSeconds + " s");
        }
        try {
            return runs.run().report.status.wire();
        } catch (Exception e) {
            throw new IllegalStateException(io.healthagent.AgentLog.describe(e));
        }
    }

    @Override
    public String detailedJson() {
        return new String(ReportJson.write(report()), StandardCharsets.UTF_8);
    }

    @Override
    public String reportJson(String period) {
        long seconds;
        try {
            seconds = Reports.periodSeconds(period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("period " + e.getMessage());
        }
        return new String(ReportJson.write(Reports.build(snapshot(), store, seconds, Math.max(1, intervalMillis / 1000))),
                StandardCharsets.UTF_8);
    }
}
