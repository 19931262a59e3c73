package io.healthagent.http;

import io.healthagent.checks.ContainerFigures;
import io.healthagent.metrics.RouteStats;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.monitor.CheckStats;
import io.healthagent.monitor.HealthSnapshot;

/** Renders a snapshot in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusFormat {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusFormat() {
    }

    static String render(HealthSnapshot s) {
        StringBuilder out = new StringBuilder(4096);
        PerformanceMetrics p = s.report.performance;
        gauge(out, "system_cpu_usage_percent", "CPU usage percentage", p.cpu_usage_percent);
        gauge(out, "system_memory_usage_percent", "Memory usage percentage", p.memory_usage_percent);
        gauge(out, "system_disk_usage_percent", "Disk usage percentage", p.disk_usage_percent);
        gauge(out, "network_connections_active", "Number of active network connections", p.network_connections);

        ContainerFigures box = s.container;
        if (box.memoryLimitBytes >= 0) {
            gauge(out, "container_memory_limit_bytes", "The container's memory limit", box.memoryLimitBytes);
        }
        if (box.cpuQuotaCores >= 0) {
            gauge(out, "container_cpu_quota_cores", "Cores the container's CPU quota allows", box.cpuQuotaCores);
        }
        if (!Double.isNaN(box.cpuThrottledRatio)) {
            gauge(out, "container_cpu_throttled_ratio",
                    "Share of scheduling periods the container was throttled in, between the cpu check's last two readings",
                    box.cpuThrottledRatio);
        }
        if (box.oomKills >= 0) {
            header(out, "container_oom_kills_total", "Processes of the container killed for memory", "counter");
            out.append("container_oom_kills_total ").append(box.oomKills).append('\n');
        }
        if (box.pidsMax >= 0) {
            gauge(out, "container_pids_current", "Processes and threads in the container", box.pidsCurrent);
            gauge(out, "container_pids_max", "The container's pid limit", box.pidsMax);
        }

        header(out, "health_status", "Service status: 0 healthy, 1 degraded, 2 unhealthy, 3 critical", "gauge");
        out.append("health_status ").append(s.report.status.severity()).append('\n');
        gauge(out, "health_score", "Health score, 0 to 100 (its formula: docs/history.md#health-score)", s.report.health_score);
        gauge(out, "http_server_apdex", "Apdex of the last minute's requests (times to first byte against apdex.t; errors frustrated)",
                s.report.health_score_parts.apdex.score);
        header(out, "health_alerts_active", "Active alerts by severity", "gauge");
        int[] active = new int[AlertSeverity.values().length];
        for (HealthAlert a : s.report.alerts) {
            if (!a.resolved) active[a.severity.ordinal()]++;
        }
        for (AlertSeverity sev : AlertSeverity.values()) {
            out.append("health_alerts_active{severity=\"").append(sev.wire()).append("\"} ").append(active[sev.ordinal()]).append('\n');
        }
        Analysis.DiskForecast disk = s.report.analysis.disk_forecast;
        if (disk.hours_to_full != null) {
            gauge(out, "disk_forecast_seconds_to_full", "When the watched disk fills at the recent rate (absent when it is not filling)",
                    disk.hours_to_full * 3600);
        }
        Analysis.MemoryLeak leak = s.report.analysis.memory_leak;
        if (leak.growth_mb_per_hour != null) {
            gauge(out, "jvm_old_gen_after_gc_growth_bytes_per_second", "Slope of the old generation after collections over forecast.window",
                    leak.growth_mb_per_hour * (1 << 20) / 3600);
        }
        header(out, "health_check_status", "Check status: 0 pass, 1 warn, 2 fail", "gauge");
        for (HealthCheck c : s.report.checks.values()) {
            out.append("health_check_status{check=\"").append(escape(c.name)).append("\"} ")
                    .append(c.status == CheckStatus.PASS ? 0 : c.status == CheckStatus.WARN ? 1 : 2).append('\n');
        }

        header(out, "health_check_duration_seconds", "Duration of health checks in seconds", "histogram");
        for (CheckStats c : s.checkStats) {
            String check = escape(c.name);
            for (int i = 0; i < c.cumulativeCounts.length; i++) {
                String le = CheckStats.BUCKET_LABELS[i];
                out.append("health_check_duration_seconds_bucket{check=\"").append(check).append("\",le=\"").append(le)
                        .append("\"} ").append(c.cumulativeCounts[i]).append('\n');
            }
            out.append("health_check_duration_seconds_sum{check=\"").append(check).append("\"} ")
                    .append(number(c.sumSeconds)).append('\n');
            out.append("health_check_duration_seconds_count{check=\"").append(check).append("\"} ").append(c.runs)
                    .append('\n');
        }
        header(out, "health_check_failures_total", "Total number of health check failures", "counter");
        for (CheckStats c : s.checkStats) {
            out.append("health_check_failures_total{check=\"").append(escape(c.name)).append("\"} ").append(c.failures)
                    .append('\n');
        }

        header(out, "http_server_requests_seconds",
                "Times to first byte (until the response was committed) measured in the server's handlers; quantiles over the last 60 s",
                "summary");
        for (RouteStats r : s.requests.routes) {
            String route = escape(r.route);
            quantile(out, "http_server_requests_seconds", route, "0.5", r.p50Ms);
            quantile(out, "http_server_requests_seconds", route, "0.95", r.p95Ms);
            quantile(out, "http_server_requests_seconds", route, "0.99", r.p99Ms);
            out.append("http_server_requests_seconds_count{route=\"").append(route).append("\"} ")
                    .append(r.totalCount).append('\n');
            out.append("http_server_requests_seconds_sum{route=\"").append(route).append("\"} ")
                    .append(number(r.totalSeconds)).append('\n');
        }
        header(out, "http_server_request_duration_seconds",
                "Total request durations (until the response ended; streams last as long as they play); quantiles over the last 60 s",
                "summary");
        for (RouteStats r : s.requests.routes) {
            String route = escape(r.route);
            String name = "http_server_request_duration_seconds";
            quantile(out, name, route, "0.5", r.totalP50Ms);
            quantile(out, name, route, "0.95", r.totalP95Ms);
            quantile(out, name, route, "0.99", r.totalP99Ms);
            out.append(name).append("_count{route=\"").append(route).append("\"} ").append(r.totalCount).append('\n');
            out.append(name).append("_sum{route=\"").append(route).append("\"} ").append(number(r.totalDurationSeconds))
                    .append('\n');
        }
        header(out, "http_server_active_requests", "Requests in flight (for a stream server: listeners being served)",
                "gauge");
        for (RouteStats r : s.requests.routes) {
            out.append("http_server_active_requests{route=\"").append(escape(r.route)).append("\"} ").append(r.inFlight)
                    .append('\n');
        }
        WebSocketFormat.append(out, s.websockets);
        header(out, "health_agent_errors_total",
                "Throwables the agent caught in advice, the bridge or its own tasks; should stay 0", "counter");
        for (java.util.Map.Entry<String, Long> e : s.report.agent.error_sites.entrySet()) {
            out.append("health_agent_errors_total{site=\"").append(escape(e.getKey())).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        header(out, "http_server_errors_total", "Requests answered with status >= 500 or an escaped exception",
                "counter");
        for (RouteStats r : s.requests.routes) {
            out.append("http_server_errors_total{route=\"").append(escape(r.route)).append("\"} ")
                    .append(r.totalErrors).append('\n');
        }
        return out.toString();
    }

    private static void quantile(StringBuilder out, String name, String route, String q, double ms) {
        out.append(name).append("{route=\"").append(route).append("\",quantile=\"").append(q)
                .append("\"} ").append(number(ms / 1000.0)).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(number(value)).append('\n');
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /**
     * Exactly: the shortest decimal that reads back as the same double (whole numbers without a fraction).
     * Six significant digits made rate() of a cumulative _sum a staircase after a few days.
     */
    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
