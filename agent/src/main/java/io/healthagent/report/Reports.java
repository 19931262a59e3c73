package io.healthagent.report;

import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import io.healthagent.model.Analysis;
import io.healthagent.model.HealthStatus;
import io.healthagent.model.ServiceStatus;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.store.HistoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link HealthReport}s: availability, requests, trends and the score from the history store's
 * samples; incidents from the alert history (the engine's, restored from the store at start); forecasts
 * from the latest snapshot. Renders them as text for a person.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * A report's period, as the port's {@code period} parameter and JMX's {@code reportJson} take it: null is
     * 24 h; otherwise a duration from 1m to 90d.
     *
     * @throws IllegalArgumentException "must be a duration from 1m to 90d, ..." for anything else
     */
    public static long periodSeconds(String period) {
        long seconds;
        try {
            seconds = period == null ? 86_400 : io.healthagent.config.Durations.parse(period).getSeconds();
        } catch (IllegalArgumentException e) {
            seconds = -1;
        }
        if (seconds < 60 || seconds > 90 * 86_400L) {
            throw new IllegalArgumentException("must be a duration from 1m to 90d, like 1h, 24h or 7d");
        }
        return seconds;
    }

    public static HealthReport build(HealthSnapshot s, HistoryStore store, long periodSeconds, long intervalSeconds) {
        HealthStatus r = s.report;
        long to = s.takenAtMillis / 1000;
        long from = to - periodSeconds;
        String note = null;
        HistoryStore.PeriodFigures f = null;
        try {
            f = store.period(from, to, intervalSeconds);
            if (store.inMemory()) {
                note = "history store unavailable: " + store.status().reason + "; figures from this run's samples in memory";
            } else if (f.rows == 0) {
                note = "no samples in the history store for this period yet";
            }
        } catch (Exception e) {
            note = "history store unavailable: " + store.status().reason + "; only incidents and forecasts";
        }
        HealthReport.Availability availability;
        HealthReport.Requests requests;
        HealthReport.Trend p95;
        HealthReport.Trend errors;
        Double scoreAverage = null;
        Double scoreMin = null;
        if (f != null && f.coveredSeconds > 0) {
            Map<String, Double> byStatus = new LinkedHashMap<>();
            for (ServiceStatus st : ServiceStatus.values()) {
                byStatus.put(st.wire(), round(100 * f.statusSeconds[st.severity()] / f.coveredSeconds, 3));
            }
            availability = new HealthReport.Availability(round(100 * f.readySeconds / f.coveredSeconds, 3),
                    f.coveredSeconds, byStatus);
            scoreAverage = round(f.scoreAverage, 1);
            scoreMin = round(f.scoreMin, 1);
        } else {
            availability = new HealthReport.Availability(null, 0, new LinkedHashMap<>());
        }
        if (f != null) {
            requests = new HealthReport.Requests(f.requests, f.errors,
                    f.requests == 0 ? null : round(100.0 * (f.requests - f.errors) / f.requests, 3));
            p95 = trend(f.p95);
            errors = trend(f.errorRate);
        } else {
            requests = new HealthReport.Requests(0, 0, null);
            p95 = new HealthReport.Trend(null, null, 0);
            errors = new HealthReport.Trend(null, null, 0);
        }
        return new HealthReport(r.service, r.version, to, periodSeconds, from, to, availability, requests,
                incidents(s.alertHistory, from, to), p95, errors, new HealthReport.Score(r.health_score, scoreAverage, scoreMin),
                r.analysis.disk_forecast, r.analysis.memory_leak, note);
    }

    /** Alerts of Warning and above active at some moment of [from, to], oldest first. */
    static List<HealthReport.Incident> incidents(List<AlertHistoryEntry> newestFirst, long from, long to) {
        List<HealthReport.Incident> out = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            AlertHistoryEntry a = newestFirst.get(i);
            if (a.timestamp > to || (a.resolved_at != null && a.resolved_at < from)) continue;
            AlertSeverity highest = a.severity;
            for (AlertTransition t : a.transitions) {
                AlertSeverity sev = AlertSeverity.ofWire(t.to);
                if (sev != null && sev.ordinal() > highest.ordinal()) highest = sev;
            }
            if (highest == AlertSeverity.INFO) continue; // notes, not incidents
            long end = a.resolved_at != null ? a.resolved_at : to;
            out.add(new HealthReport.Incident(a.id, a.component, highest.wire(), a.timestamp, a.resolved_at,
                    Math.max(0, end - a.timestamp), !a.resolved, a.message));
        }
        return out;
    }

    private static HealthReport.Trend trend(double[] line) {
        return new HealthReport.Trend(round(line[1], 3), round(line[2], 3), (long) line[0]);
    }

    /** The report for a person, one fact per line. */
    public static String text(HealthReport h) {
        StringBuilder out = new StringBuilder();
        out.append("Health report for ").append(h.service).append(' ').append(h.version).append('\n');
        out.append("Period: ").append(Instant.ofEpochSecond(h.from)).append(" to ").append(Instant.ofEpochSecond(h.to))
                .append(" (").append(duration(h.period_seconds)).append(")\n");
        if (h.note != null) out.append("Note: ").append(h.note).append('\n');
        out.append("Availability: ").append(h.availability.percent == null ? "unknown"
                : h.availability.percent + "% of " + duration((long) h.availability.recorded_seconds) + " recorded");
        if (!h.availability.status_percent.isEmpty()) out.append(' ').append(h.availability.status_percent);
        out.append('\n');
        out.append("Requests: ").append(h.requests.total).append(", errors ").append(h.requests.errors);
        if (h.requests.success_percent != null) out.append(" (").append(h.requests.success_percent).append("% successful)");
        out.append('\n');
        out.append("p95: ").append(trendText(h.p95_ms, "ms")).append('\n');
        out.append("Error rate: ").append(trendText(h.error_rate_percent, "%")).append('\n');
        out.append("Health score: ").append(h.health_score.now).append(" now");
        if (h.health_score.average != null) {
            out.append(", average ").append(h.health_score.average).append(", lowest ").append(h.health_score.min);
        }
        out.append('\n');
        out.append("Incidents: ").append(h.incidents.size()).append('\n');
        for (HealthReport.Incident i : h.incidents) {
            out.append("  ").append(Instant.ofEpochSecond(i.started_at)).append("  ").append(i.severity).append("  ")
                    .append(i.id).append("  ").append(duration(i.duration_seconds)).append(i.active ? " (active)" : "")
                    .append("  ").append(i.message).append('\n');
        }
        out.append("Disk: ").append(h.disk_forecast.hours_to_full == null ? "not filling"
                : "full in " + h.disk_forecast.hours_to_full + " h at " + h.disk_forecast.fill_rate_mb_per_hour + " MB/h")
                .append(" (").append(h.disk_forecast.usage_percent).append("% used of ").append(h.disk_forecast.path).append(")\n");
        out.append("Memory: ").append(h.memory_leak.suspected ? "leak suspected, old generation after GC rising "
                + h.memory_leak.growth_mb_per_hour + " MB/h" : "no leak suspected").append('\n');
        return out.toString();
    }

    private static String trendText(HealthReport.Trend t, String unit) {
        if (t.average == null) return "no samples with requests";
        return "average " + t.average + " " + unit + (t.slope_per_hour == null
                ? ", no trend yet (it needs " + HistoryStore.MIN_TREND_SECONDS / 60 + " minutes of samples)"
                : String.format(Locale.ROOT, ", %+.3f %s per hour", t.slope_per_hour, unit)) + " (" + t.samples + " samples)";
    }

    private static String duration(long seconds) {
        if (seconds >= 86_400 && seconds % 3600 == 0) return seconds / 3600 + " h";
        if (seconds >= 3600) return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        if (seconds >= 60) return seconds / 60 + " min " + seconds % 60 + " s";
        return seconds + " s";
    }

    private static Double round(double v, int decimals) {
        return Analysis.rounded(v, decimals);
    }
}
