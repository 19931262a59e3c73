package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** One WebSocket endpoint's figures (or all endpoints'), cumulative since the agent started. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class WebSocketEndpointStats {
    /** Upper bounds of the session-duration buckets, in seconds (the last bucket, +Inf, is implied). */
    public static final double[] SESSION_BUCKETS_SECONDS =
            {1, 5, 10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400};

    /** The path template; null for the totals. */
    public final String endpoint;
    public final long connections_active;
    public final long opened_total;
    /** Closes by code: "1000", "1001", "1006", "1011", "other". */
    public final Map<String, Long> closed_total;
    public final long upgrades_refused_total;
    public final long messages_in_total;
    public final long messages_out_total;
    public final long bytes_in_total;
    public final long bytes_out_total;
    public final long errors_total;
    /** Closed sessions and their average length. */
    public final long sessions_closed;
    public final double session_average_seconds;
    /** Abnormal closes (1006) among the closes of the last 5 minutes, a percentage; totals only. */
    public final Float abnormal_close_percent_5m;
    /** Closed sessions per bucket of {@link #SESSION_BUCKETS_SECONDS} (not cumulative), then +Inf. */
    public final transient long[] sessionBuckets;
    public final transient double sessionSeconds;

    public WebSocketEndpointStats(String endpoint, long active, long opened, Map<String, Long> closed, long refused,
                                  long messagesIn, long messagesOut, long bytesIn, long bytesOut, long errors,
                                  long[] sessionBuckets, double sessionSeconds, Float abnormalPercent5m) {
        this.endpoint = endpoint;
        this.connections_active = active;
        this.opened_total = opened;
        this.closed_total = closed;
        this.upgrades_refused_total = refused;
        this.messages_in_total = messagesIn;
        this.messages_out_total = messagesOut;
        this.bytes_in_total = bytesIn;
        this.bytes_out_total = bytesOut;
        this.errors_total = errors;
        this.sessionBuckets = sessionBuckets;
        this.sessionSeconds = sessionSeconds;
        long n = 0;
        for (long b : sessionBuckets) n += b;
        this.sessions_closed = n;
        this.session_average_seconds = n == 0 ? 0 : sessionSeconds / n;
        this.abnormal_close_percent_5m = abnormalPercent5m;
    }
}
