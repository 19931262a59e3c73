package io.healthagent.metrics;

import io.healthagent.bootstrap.HttpMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AbstractHistogram;

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
    /** Per method, made when the route first sees it (most routes see one or two). */
    private final AtomicReferenceArray<MethodMetrics> methods = new AtomicReferenceArray<>(HttpMethods.COUNT);

    RouteMetrics(String route, long slotMillis, int slotCount) {
        this.route = route;
        this.latency = new LatencyWindow(slotMillis, slotCount);
        this.total = new LatencyWindow(slotMillis, slotCount);
    }

    /** Hot path: see {@link MethodMetrics#record}; one more atomic increment for an error. */
    void record(int method, long firstByteMicros, long totalMicros, int status, boolean error) {
        int m = method > 0 && method < HttpMethods.COUNT ? method : HttpMethods.OTHER;
        MethodMetrics recorders = methods.get(m);
        if (recorders == null) {
            recorders = newMethod(m);
        }
        recorders.record(clamp(firstByteMicros), clamp(totalMicros), status);
        if (error) {
            errors.incrementAndGet();
        }
    }

    private MethodMetrics newMethod(int m) {
        methods.compareAndSet(m, null, new MethodMetrics(m));
        return methods.get(m);
    }

    private static long clamp(long micros) {
        return micros < 1 ? 1 : (micros > LatencyWindow.MAX_MICROS ? LatencyWindow.MAX_MICROS : micros);
    }

    /**
     * Moves what was recorded since the previous roll into both windows' slot of {@code nowMillis}, into
     * {@code all}'s (the global windows), and into each method's cumulative counts.
     * @param scratch  {@link StripedLatencyRecorder#SLOT_COUNT} zeros the caller owns (one for all routes)
     * @param firstByte scratch too; it is left holding the time-to-first-byte durations just rolled
     * @param total     scratch too
     */
    void roll(long nowMillis, long[] scratch, AbstractHistogram firstByte, AbstractHistogram total, RouteMetrics all) {
        firstByte.reset();
        total.reset();
        for (int m = 0; m < HttpMethods.COUNT; m++) {
            MethodMetrics recorders = methods.get(m);
            if (recorders != null) {
                recorders.drain(scratch, firstByte, total);
            }
        }
        this.total.add(nowMillis, total);
        all.total.add(nowMillis, total);
        latency.add(nowMillis, firstByte);
        all.latency.add(nowMillis, firstByte);
    }

    /** Each method's cumulative counts (call under the roll lock, after a roll). */
    List<MethodStats> methodStats() {
        List<MethodStats> out = new ArrayList<>(2);
        for (int m = 0; m < HttpMethods.COUNT; m++) {
            MethodMetrics recorders = methods.get(m);
            if (recorders != null) {
                out.add(recorders.stats());
            }
        }
        return out;
    }

    /**
     * Whether every request this route has counted answered 404 (after a roll): a path nobody serves, such
     * as a scanner's.
     */
    boolean onlyNotFound() {
        boolean any = false;
        for (int m = 0; m < HttpMethods.COUNT; m++) {
            MethodMetrics recorders = methods.get(m);
            if (recorders != null) {
                if (!recorders.onlyNotFound()) return false;
                any = true;
            }
        }
        return any;
    }

    /**
     * Hands everything counted so far (after a roll) to {@code into}, leaving this route empty: its
     * requests stay in the cumulative series, under the other route's name.
     */
    void moveTo(RouteMetrics into) {
        for (int m = 0; m < HttpMethods.COUNT; m++) {
            MethodMetrics recorders = methods.get(m);
            if (recorders != null) {
                recorders.moveTo(into.methods.get(m) != null ? into.methods.get(m) : into.newMethod(m));
            }
        }
        latency.moveTo(into.latency);
        total.moveTo(into.total);
        // Errors the last roll counted into all stay counted; any since are the other route's to count.
        into.errors.addAndGet(errors.getAndSet(0));
        into.errorsAtLastRoll += errorsAtLastRoll;
        errorsAtLastRoll = 0;
    }

    /** Errors recorded since the previous call. */
    long newErrors() {
        long e = errors.get();
        long fresh = e - errorsAtLastRoll;
        errorsAtLastRoll = e;
        return fresh;
    }
}
