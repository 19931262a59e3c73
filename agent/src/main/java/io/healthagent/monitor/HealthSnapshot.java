package io.healthagent.monitor;

import io.healthagent.metrics.RequestStats;
import io.healthagent.model.HealthStatus;
import java.util.List;

/**
 * Everything the monitor learnt in one interval, immutable. Every reader (endpoints, /metrics, later
 * JMX and alerts) serialises this and never runs a check itself.
 */
public final class HealthSnapshot {
    public final HealthStatus report;
    public final RequestStats requests;
    public final boolean ready;
    public final int deadlockedThreads;
    public final long takenAtMillis;
    /** Cumulative per-check durations and failures. */
    public final List<CheckStats> checkStats;

    HealthSnapshot(HealthStatus report, RequestStats requests, List<CheckStats> checkStats, boolean ready,
                   int deadlockedThreads, long takenAtMillis) {
        this.report = report;
        this.requests = requests;
        this.checkStats = checkStats;
        this.ready = ready;
        this.deadlockedThreads = deadlockedThreads;
        this.takenAtMillis = takenAtMillis;
    }
}
