package io.healthagent.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Durations, errors and requests in flight of one route (or of all requests). */
final class RouteMetrics {
    final String route;
    /** Time to first byte: until the response was committed. */
    final LatencyWindow latency;
    /** Total duration: until the request ended (the same as {@link #latency} for an ordinary response). */
    final LatencyWindow total;
    /** Cumulative; written on the hot path only for errors (status >= 500 or an escaped exception). */
    final AtomicLong errors = new AtomicLong();
    /** Requests whose route is this one and which have not ended: the listeners being served now. */
    final LongAdder inFlight = new LongAdder();
    private long errorsAtLastRoll;

    RouteMetrics(String route, long slotMillis, int slotCount, boolean recorded) {
        this.route = route;
        this.latency = new LatencyWindow(slotMillis, slotCount, recorded);
        this.total = new LatencyWindow(slotMillis, slotCount, recorded);
    }

    void record(long firstByteMicros, long totalMicros, boolean error) {
        latency.record(firstByteMicros);
        total.record(totalMicros);
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
