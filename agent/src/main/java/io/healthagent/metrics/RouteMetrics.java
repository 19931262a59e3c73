package io.healthagent.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Durations and errors of one route (or of all requests). */
final class RouteMetrics {
    final String route;
    final LatencyWindow latency;
    /** Cumulative; written on the hot path only for errors (status >= 500 or an escaped exception). */
    final AtomicLong errors = new AtomicLong();
    private long errorsAtLastRoll;

    RouteMetrics(String route, long slotMillis, int slotCount, boolean recorded) {
        this.route = route;
        this.latency = new LatencyWindow(slotMillis, slotCount, recorded);
    }

    void record(long micros, boolean error) {
        latency.record(micros);
        if (error) {
            errors.incrementAndGet();
        }
    }

    /** Errors recorded since the previous call. */
    long newErrors() {
        long e = errors.get();
        long fresh = e - errorsAtLastRoll;
        errorsAtLastRoll = e;
        return fresh;
    }
}
