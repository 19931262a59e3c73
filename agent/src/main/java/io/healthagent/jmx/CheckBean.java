package io.healthagent.jmx;

import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthCheck;
import io.healthagent.monitor.CheckStats;
import io.healthagent.monitor.HealthSnapshot;

/** {@link CheckMXBean} over the view's latest snapshot. */
final class CheckBean implements CheckMXBean {
    private final JmxView view;
    private final String name;

    CheckBean(JmxView view, String name) {
        this.view = view;
        this.name = name;
    }

    private HealthCheck check() {
        HealthSnapshot s = view.latest();
        HealthCheck c = s == null ? null : s.report.checks.get(name);
        if (c == null) throw new IllegalStateException("check " + name + " has no result");
        return c;
    }

    private CheckStats stats() {
        HealthSnapshot s = view.latest();
        if (s != null) {
            for (CheckStats c : s.checkStats) {
                if (c.name.equals(name)) return c;
            }
        }
        throw new IllegalStateException("check " + name + " has not run");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getStatus() {
        return check().status.wire();
    }

    @Override
    public int getStatusCode() {
        CheckStatus s = check().status;
        return s == CheckStatus.PASS ? 0 : s == CheckStatus.WARN ? 1 : 2;
    }

    @Override
    public String getMessage() {
        return check().message;
    }

    @Override
    public long getDurationMs() {
        return check().duration_ms;
    }

    @Override
    public Long getLastSuccess() {
        return check().last_success;
    }

    @Override
    public Long getLastFailure() {
        return check().last_failure;
    }

    @Override
    public int getFailureCount() {
        return check().failure_count;
    }

    @Override
    public long getRunsTotal() {
        return stats().runs;
    }

    @Override
    public long getFailuresTotal() {
        return stats().failures;
    }

    @Override
    public double getDurationSecondsTotal() {
        return stats().sumSeconds;
    }

    @Override
    public long getMaxResponseTimeMs() {
        return check().threshold.max_response_time_ms;
    }

    @Override
    public double getMaxFailureRate() {
        return Double.parseDouble(Float.toString(check().threshold.max_failure_rate)); // 0.1, not 0.10000000149
    }

    @Override
    public int getMaxConsecutiveFailures() {
        return check().threshold.max_consecutive_failures;
    }
}
