package io.healthagent.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.healthagent.model.Analysis;
import java.util.List;
import java.util.Map;

/** GET /health/report: a period of the service's life, for a person or a ticket. */
public final class HealthReport {
    public final String service;
    public final String version;
    public final long generated_at;
    public final long period_seconds;
    public final long from;
    public final long to;
    public final Availability availability;
    public final Requests requests;
    public final List<Incident> incidents;
    public final Trend p95_ms;
    public final Trend error_rate_percent;
    public final Score health_score;
    /** The forecasts of now (the latest snapshot's). */
    public final Analysis.DiskForecast disk_forecast;
    public final Analysis.MemoryLeak memory_leak;
    /** Why some figures are missing (the store unavailable, no samples yet); absent when none are. */
    public final String note;

    HealthReport(String service, String version, long generatedAt, long periodSeconds, long from, long to,
                 Availability availability, Requests requests, List<Incident> incidents, Trend p95, Trend errorRate,
                 Score score, Analysis.DiskForecast disk, Analysis.MemoryLeak leak, String note) {
        this.service = service;
        this.version = version;
        this.generated_at = generatedAt;
        this.period_seconds = periodSeconds;
        this.from = from;
        this.to = to;
        this.availability = availability;
        this.requests = requests;
        this.incidents = incidents;
        this.p95_ms = p95;
        this.error_rate_percent = errorRate;
        this.health_score = score;
        this.disk_forecast = disk;
        this.memory_leak = leak;
        this.note = note;
    }

    /**
     * The share of the period's recorded time during which the service could serve (/health/ready 200), and
     * the time at each status; over the seconds the store has samples for.
     */
    public static final class Availability {
        public final Double percent;
        public final double recorded_seconds;
        public final Map<String, Double> status_percent;

        Availability(Double percent, double recordedSeconds, Map<String, Double> statusPercent) {
            this.percent = percent;
            this.recorded_seconds = recordedSeconds;
            this.status_percent = statusPercent;
        }
    }

    public static final class Requests {
        public final long total;
        public final long errors;
        /** null without requests. */
        public final Double success_percent;

        Requests(long total, long errors, Double successPercent) {
            this.total = total;
            this.errors = errors;
            this.success_percent = successPercent;
        }
    }

    /** An alert of Warning or above that was active during the period. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Incident {
        public final String id;
        public final String component;
        /** The highest level it reached. */
        public final String severity;
        public final long started_at;
        public final Long ended_at;
        /** Until its resolution, or until now while it is active. */
        public final long duration_seconds;
        public final boolean active;
        public final String message;

        Incident(String id, String component, String severity, long startedAt, Long endedAt, long durationSeconds,
                 boolean active, String message) {
            this.id = id;
            this.component = component;
            this.severity = severity;
            this.started_at = startedAt;
            this.ended_at = endedAt;
            this.duration_seconds = durationSeconds;
            this.active = active;
            this.message = message;
        }
    }

    /** A figure over the period: its mean and its least-squares slope per hour (null with too few samples). */
    public static final class Trend {
        public final Double average;
        public final Double slope_per_hour;
        public final long samples;

        Trend(Double average, Double slopePerHour, long samples) {
            this.average = average;
            this.slope_per_hour = slopePerHour;
            this.samples = samples;
        }
    }

    public static final class Score {
        public final double now;
        public final Double average;
        public final Double min;

        Score(double now, Double average, Double min) {
            this.now = now;
            this.average = average;
            this.min = min;
        }
    }
}
