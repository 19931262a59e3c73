package io.healthagent.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Durations and errors of one route (or of all requests). */
final class RouteMetrics {
    final String route;
    final LatencyWindow latency;
    /** Cumulative; written on the hot path only for errors (status >= 500 or an escaped exception). */
    final AtomicLong errors = new AtomicLong();
    private long errorsAtLastRoll;

    RouteMetrics(String route, long slotMillis, int slotCount) {
        this.route = route;
        this.latency = new LatencyWindow(slotMillis, slotCount);
    }

    void record(long micros, boolean error) {
        latency.record(micros);
        if (error) {
            errors.incrementAndGet();
        }
    }

    /** @return {requests, errors} since the previous roll */
    long[] roll(long nowMillis) {
        long requests = latency.roll(nowMillis);
        long e = errors.get();
        long newErrors = e - errorsAtLastRoll;
        errorsAtLastRoll = e;
        return new long[] {requests, newErrors};
    }
}
