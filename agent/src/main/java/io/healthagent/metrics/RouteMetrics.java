package io.healthagent.metrics;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.AbstractHistogram;
import java.util.concurrent.atomic.LongAdder;

/** Durations, errors and requests in flight of one route (or of all requests). */
final class RouteMetrics {
    final String route;
    /** Time to first byte: until the response was committed. Windows hold what rolls moved into them. */
    final LatencyWindow latency;
    /** Total duration: until the request ended (the same as {@link #latency} for an ordinary response). */
    final LatencyWindow total;
    /** Cumulative; written on the hot path only for errors (status >= 500 or an escaped exception). */
    final AtomicLong errors = new AtomicLong();
    /** Requests whose route is this one and which have not ended: the listeners being served now. */
    final LongAdder inFlight = new LongAdder();
    private long errorsAtLastRoll;

    /**
     * Where the hot path records: most responses are committed as they end, so their time to first byte
     * and their total fall in the same bucket, counted once in {@link #same}; a stream's two durations go
     * to the other two. A roll adds {@link #same} to both windows.
     */
    private final StripedLatencyRecorder same = new StripedLatencyRecorder();
    private final StripedLatencyRecorder firstByteOnly = new StripedLatencyRecorder();
    private final StripedLatencyRecorder totalOnly = new StripedLatencyRecorder();

    RouteMetrics(String route, long slotMillis, int slotCount) {
        this.route = route;
        this.latency = new LatencyWindow(slotMillis, slotCount);
        this.total = new LatencyWindow(slotMillis, slotCount);
    }

    /** Hot path: one atomic increment for an ordinary response, two for a stream, one more for an error. */
    void record(long firstByteMicros, long totalMicros, boolean error) {
        int firstByte = StripedLatencyRecorder.index(clamp(firstByteMicros));
        int whole = StripedLatencyRecorder.index(clamp(totalMicros));
        if (firstByte == whole) {
            same.recordIndex(firstByte);
        } else {
            firstByteOnly.recordIndex(firstByte);
            totalOnly.recordIndex(whole);
        }
        if (error) {
            errors.incrementAndGet();
        }
    }

    private static long clamp(long micros) {
        return micros < 1 ? 1 : (micros > LatencyWindow.MAX_MICROS ? LatencyWindow.MAX_MICROS : micros);
    }

    /**
     * Moves what was recorded since the previous roll into both windows' slot of {@code nowMillis}, and into
     * {@code all}'s (the global windows).
     * @param shared  scratch the caller owns (one for all routes)
     * @param interval scratch too; it is left holding the time-to-first-byte durations just rolled
     */
    void roll(long nowMillis, AbstractHistogram shared, AbstractHistogram interval, RouteMetrics all) {
        shared.reset();
        same.drainInto(shared);
        interval.reset();
        interval.add(shared);
        totalOnly.drainInto(interval);
        total.add(nowMillis, interval);
        all.total.add(nowMillis, interval);
        interval.reset();
        interval.add(shared);
        firstByteOnly.drainInto(interval);
        latency.add(nowMillis, interval);
        all.latency.add(nowMillis, interval);
    }

    /** Errors recorded since the previous call. */
    long newErrors() {
        long e = errors.get();
        long fresh = e - errorsAtLastRoll;
        errorsAtLastRoll = e;
        return fresh;
    }
}
