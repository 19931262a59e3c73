package io.healthagent.http;

import io.healthagent.AgentVersion;
import io.healthagent.checks.ContainerFigures;
import io.healthagent.metrics.MethodStats;
import io.healthagent.metrics.RequestBuckets;
import io.healthagent.metrics.RouteStats;
import io.healthagent.model.NotificationStatus;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.WebSocketEndpointStats;
import io.healthagent.model.WebSocketStats;
import io.healthagent.monitor.CheckStats;
import io.healthagent.monitor.HealthSnapshot;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The series of /metrics, built from one snapshot as Prometheus' own model (the library writes them: the
 * text format or OpenMetrics, see {@link MetricsWriter}). Each family is named here as it is exposed
 * ({@code http_server_errors_total}, {@code health_agent_info}): the name docs/metrics.md has a row for.
 */
final class MetricsExposition {
    private static final double PROCESS_START_SECONDS = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;

    private final List<MetricSnapshot> out = new ArrayList<>();

    private MetricsExposition() {
    }

    static MetricSnapshots of(HealthSnapshot s) {
        MetricsExposition m = new MetricsExposition();
        m.system(s);
        m.service(s);
        m.checks(s);
        m.requests(s);
        m.websockets(s.websockets);
        m.agent(s);
        return new MetricSnapshots(m.out);
    }

    private void system(HealthSnapshot s) {
        PerformanceMetrics p = s.report.performance;
        gauge("system_cpu_usage_percent", "CPU usage percentage", p.cpu_usage_percent);
        gauge("system_memory_usage_percent", "Memory usage percentage", p.memory_usage_percent);
        gauge("system_disk_usage_percent", "Disk usage percentage", p.disk_usage_percent);
        gauge("network_connections_active", "Number of active network connections", p.network_connections);
        ContainerFigures box = s.container;
        if (box.memoryLimitBytes >= 0) gauge("container_memory_limit_bytes", "The container's memory limit", box.memoryLimitBytes);
        if (box.cpuQuotaCores >= 0) gauge("container_cpu_quota_cores", "Cores the container's CPU quota allows", box.cpuQuotaCores);
        if (!Double.isNaN(box.cpuThrottledRatio)) {
            gauge("container_cpu_throttled_ratio",
                    "Share of scheduling periods the container was throttled in, between the cpu check's last two readings",
                    box.cpuThrottledRatio);
        }
        if (box.oomKills >= 0) {
            out.add(counter("container_oom_kills_total", "Processes of the container killed for memory")
                    .dataPoint(counterPoint(Labels.EMPTY, box.oomKills)).build());
        }
        if (box.pidsMax >= 0) {
            gauge("container_pids_current", "Processes and threads in the container", box.pidsCurrent);
            gauge("container_pids_max", "The container's pid limit", box.pidsMax);
        }
    }

    private void service(HealthSnapshot s) {
        gauge("health_status", "Service status: 0 healthy, 1 degraded, 2 unhealthy, 3 critical", s.report.status.severity());
        gauge("health_ready", "1 when /health/ready answers 200 (the readiness checks pass), else 0", s.ready ? 1 : 0);
        gauge("health_score", "Health score, 0 to 100 (its formula: docs/history.md#health-score)", s.report.health_score);
        gauge("http_server_apdex", "Apdex of the last minute's requests (times to first byte against apdex.t; errors frustrated)",
                s.report.health_score_parts.apdex.score);
        int[] active = new int[AlertSeverity.values().length];
        for (HealthAlert a : s.report.alerts) {
            if (!a.resolved) active[a.severity.ordinal()]++;
        }
        GaugeSnapshot.Builder alerts = gaugeFamily("health_alerts_active", "Active alerts by severity");
        for (AlertSeverity sev : AlertSeverity.values()) {
            alerts.dataPoint(gaugePoint(Labels.of("severity", sev.wire()), active[sev.ordinal()]));
        }
        out.add(alerts.build());
        Analysis.DiskForecast disk = s.report.analysis.disk_forecast;
        if (disk.hours_to_full != null) {
            gauge("disk_forecast_seconds_to_full", "When the watched disk fills at the recent rate (absent when it is not filling)",
                    disk.hours_to_full * 3600);
        }
        Analysis.MemoryLeak leak = s.report.analysis.memory_leak;
        if (leak.growth_mb_per_hour != null) {
            gauge("jvm_old_gen_after_gc_growth_bytes_per_second",
                    "Slope of the old generation after collections over forecast.window", leak.growth_mb_per_hour * (1 << 20) / 3600);
        }
    }

    private void checks(HealthSnapshot s) {
        GaugeSnapshot.Builder status = gaugeFamily("health_check_status", "Check status: 0 pass, 1 warn, 2 fail");
        for (HealthCheck c : s.report.checks.values()) {
            status.dataPoint(gaugePoint(Labels.of("check", c.name),
                    c.status == CheckStatus.PASS ? 0 : c.status == CheckStatus.WARN ? 1 : 2));
        }
        out.add(status.build());
        HistogramSnapshot.Builder durations = histogram("health_check_duration_seconds", "Duration of health checks in seconds");
        CounterSnapshot.Builder failures = counter("health_check_failures_total", "Total number of health check failures");
        for (CheckStats c : s.checkStats) {
            Labels check = Labels.of("check", c.name);
            durations.dataPoint(histogramPoint(check, buckets(CheckStats.BUCKET_LABELS, c.cumulativeCounts), c.sumSeconds));
            failures.dataPoint(counterPoint(check, c.failures));
        }
        out.add(durations.build());
        out.add(failures.build());
    }

    private void requests(HealthSnapshot s) {
        HistogramSnapshot.Builder total = histogram("http_server_request_duration_seconds",
                "Request durations measured in the server's handlers, until the response ended (a stream lasts as long as it plays)");
        HistogramSnapshot.Builder firstByte = histogram("http_server_time_to_first_byte_seconds",
                "Times to first byte measured in the server's handlers: until the response was committed (status line and headers sent)");
        CounterSnapshot.Builder requests = counter("http_server_requests_total", "Requests that ended, by route, method and status code");
        GaugeSnapshot.Builder active = gaugeFamily("http_server_active_requests",
                "Requests in flight (for a stream server: listeners being served)");
        CounterSnapshot.Builder errors = counter("http_server_errors_total",
                "Requests answered with status >= 500 or an escaped exception");
        double[] upper = RequestBuckets.upperBoundsSeconds();
        for (RouteStats r : s.requests.routes) {
            Labels route = Labels.of("route", r.route);
            for (MethodStats m : r.methods) {
                Labels routeMethod = Labels.of("route", r.route, "method", m.method);
                total.dataPoint(histogramPoint(routeMethod, ClassicHistogramBuckets.of(upper, m.totalBuckets), m.totalSumSeconds));
                firstByte.dataPoint(histogramPoint(routeMethod, ClassicHistogramBuckets.of(upper, m.firstByteBuckets),
                        m.firstByteSumSeconds));
                for (int i = 0; i < m.statuses.length; i++) {
                    String status = m.statuses[i] == MethodStats.UNKNOWN_STATUS ? "unknown" : Integer.toString(m.statuses[i]);
                    requests.dataPoint(counterPoint(Labels.of("route", r.route, "method", m.method, "status", status),
                            m.statusCounts[i]));
                }
            }
            active.dataPoint(gaugePoint(route, r.inFlight));
            errors.dataPoint(counterPoint(route, r.totalErrors));
        }
        out.add(total.build());
        out.add(firstByte.build());
        out.add(requests.build());
        out.add(active.build());
        out.add(errors.build());
    }

    private void websockets(WebSocketStats ws) {
        if (ws == null) return;
        GaugeSnapshot.Builder open = gaugeFamily("websocket_connections_active", "WebSocket connections open now");
        CounterSnapshot.Builder opened = counter("websocket_connections_opened_total", "WebSocket connections opened");
        CounterSnapshot.Builder closed = counter("websocket_connections_closed_total",
                "WebSocket connections closed, by close code (1000 normal, 1001 going away, 1006 abnormal, 1011 server error, other)");
        CounterSnapshot.Builder refused = counter("websocket_upgrades_refused_total",
                "WebSocket upgrade requests that did not become a connection");
        CounterSnapshot.Builder messages = counter("websocket_messages_total", "WebSocket messages, by direction");
        CounterSnapshot.Builder bytes = counter("websocket_bytes_total", "WebSocket payload bytes, by direction");
        CounterSnapshot.Builder errors = counter("websocket_errors_total",
                "Errors on WebSocket connections (the application's or the connection's)");
        HistogramSnapshot.Builder sessions = histogram("websocket_session_duration_seconds",
                "How long closed WebSocket connections lasted");
        double[] bounds = WebSocketEndpointStats.SESSION_BUCKETS_SECONDS;
        double[] upper = java.util.Arrays.copyOf(bounds, bounds.length + 1);
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        for (WebSocketEndpointStats e : ws.endpoints) {
            Labels endpoint = Labels.of("endpoint", e.endpoint);
            open.dataPoint(gaugePoint(endpoint, e.connections_active));
            opened.dataPoint(counterPoint(endpoint, e.opened_total));
            for (Map.Entry<String, Long> c : e.closed_total.entrySet()) {
                closed.dataPoint(counterPoint(Labels.of("endpoint", e.endpoint, "code", c.getKey()), c.getValue()));
            }
            refused.dataPoint(counterPoint(endpoint, e.upgrades_refused_total));
            byDirection(messages, e.endpoint, e.messages_in_total, e.messages_out_total);
            byDirection(bytes, e.endpoint, e.bytes_in_total, e.bytes_out_total);
            errors.dataPoint(counterPoint(endpoint, e.errors_total));
            sessions.dataPoint(histogramPoint(endpoint, ClassicHistogramBuckets.of(upper, e.sessionBuckets.clone()),
                    e.sessionSeconds));
        }
        out.add(open.build());
        for (CounterSnapshot.Builder b : List.of(opened, closed, refused, messages, bytes, errors)) out.add(b.build());
        out.add(sessions.build());
    }

    private void agent(HealthSnapshot s) {
        CounterSnapshot.Builder errors = counter("health_agent_errors_total",
                "Throwables the agent caught in advice, the bridge or its own tasks; should stay 0");
        for (Map.Entry<String, Long> e : s.report.agent.error_sites.entrySet()) {
            errors.dataPoint(counterPoint(Labels.of("site", e.getKey()), e.getValue()));
        }
        out.add(errors.build());
        CounterSnapshot.Builder notifications = counter("health_agent_notifications_total",
                "Notifications per network channel: sent, failed (after every retry) or dropped (the queue was full)");
        GaugeSnapshot.Builder queued = gaugeFamily("health_agent_notifications_queued", "Notifications waiting to be sent");
        for (NotificationStatus n : s.report.agent.notifications) {
            notifications.dataPoint(counterPoint(Labels.of("channel", n.channel, "outcome", "sent"), n.sent));
            notifications.dataPoint(counterPoint(Labels.of("channel", n.channel, "outcome", "failed"), n.failed));
            notifications.dataPoint(counterPoint(Labels.of("channel", n.channel, "outcome", "dropped"), n.dropped));
            queued.dataPoint(gaugePoint(Labels.of("channel", n.channel), n.queued));
        }
        if (!s.report.agent.notifications.isEmpty()) {
            out.add(notifications.build());
            out.add(queued.build());
        }
        out.add(InfoSnapshot.builder().name(base("health_agent_info", "_info"))
                .help("The service and the agent that measures it (the build-info pattern: always 1)")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(
                        "service", s.report.service, "version", s.report.version, "agent_version", AgentVersion.VERSION,
                        "jdk", System.getProperty("java.version", "unknown"))).build())
                .build());
        gauge("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds", PROCESS_START_SECONDS);
    }

    // ---- builders, each named as the series is exposed

    private static void byDirection(CounterSnapshot.Builder family, String endpoint, long in, long out) {
        family.dataPoint(counterPoint(Labels.of("endpoint", endpoint, "direction", "in"), in));
        family.dataPoint(counterPoint(Labels.of("endpoint", endpoint, "direction", "out"), out));
    }

    private void gauge(String name, String help, double value) {
        out.add(gaugeFamily(name, help).dataPoint(gaugePoint(Labels.EMPTY, value)).build());
    }

    private static GaugeSnapshot.Builder gaugeFamily(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot gaugePoint(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    /** {@code name} as exposed, with its {@code _total}; the model wants it without. */
    private static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(base(name, "_total")).help(help);
    }

    private static CounterDataPointSnapshot counterPoint(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static HistogramSnapshot.Builder histogram(String name, String help) {
        return HistogramSnapshot.builder().name(name).help(help);
    }

    private static HistogramDataPointSnapshot histogramPoint(Labels labels, ClassicHistogramBuckets buckets, double sum) {
        return HistogramDataPointSnapshot.builder().labels(labels).classicHistogramBuckets(buckets).sum(sum).build();
    }

    /** The specification's check buckets, cumulative as kept, to the model's counts per bucket. */
    private static ClassicHistogramBuckets buckets(String[] upperBounds, long[] cumulative) {
        double[] upper = new double[upperBounds.length];
        long[] counts = new long[upperBounds.length];
        for (int i = 0; i < upperBounds.length; i++) {
            upper[i] = upperBounds[i].equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(upperBounds[i]);
            counts[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        return ClassicHistogramBuckets.of(upper, counts);
    }

    private static String base(String exposed, String suffix) {
        if (!exposed.endsWith(suffix)) throw new IllegalArgumentException(exposed + " must end with " + suffix);
        return exposed.substring(0, exposed.length() - suffix.length());
    }
}
