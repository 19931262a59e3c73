package io.healthagent.monitor;

import io.healthagent.metrics.RequestStats;
import io.healthagent.model.HealthStatus;

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

    HealthSnapshot(HealthStatus report, RequestStats requests, boolean ready, int deadlockedThreads,
                   long takenAtMillis) {
        this.report = report;
        this.requests = requests;
        this.ready = ready;
        this.deadlockedThreads = deadlockedThreads;
        this.takenAtMillis = takenAtMillis;
    }
}
