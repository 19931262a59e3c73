package io.healthagent.metrics;

import org.HdrHistogram.AbstractHistogram;

/** The requests of one route and one method: where the hot path records, and what /metrics adds up. */
final class MethodMetrics {
    private final int method;
    /**
     * Most responses are committed as they end, so their time to first byte and their total fall in the
     * same slot, counted once in {@link #same}; a stream's two durations go to the other two. A drain adds
     * {@link #same} to both.
     */
    private final StripedLatencyRecorder same = new StripedLatencyRecorder();
    private final StripedLatencyRecorder firstByteOnly = new StripedLatencyRecorder();
    private final StripedLatencyRecorder totalOnly = new StripedLatencyRecorder();
    private final StatusCounts statuses = new StatusCounts();
    /** Cumulative, written by drains (under the roll lock). */
    private final BucketCounts firstByte = new BucketCounts();
    private final BucketCounts total = new BucketCounts();

    MethodMetrics(int method) {
        this.method = method;
    }

    /** Hot path: two atomic increments for an ordinary response (its durations, its status), three for a stream. */
    void record(long firstByteMicros, long totalMicros, int status) {
        int firstByteSlot = StripedLatencyRecorder.slot(firstByteMicros);
        int totalSlot = StripedLatencyRecorder.slot(totalMicros);
        if (firstByteSlot == totalSlot) {
            same.recordSlot(firstByteSlot);
        } else {
            firstByteOnly.recordSlot(firstByteSlot);
            totalOnly.recordSlot(totalSlot);
        }
        statuses.increment(status);
    }

    /**
     * Moves what was recorded since the last drain into the cumulative counts and into the route's
     * interval histograms (which the caller owns and resets).
     * @param scratch {@link StripedLatencyRecorder#SLOT_COUNT} zeros, left zeroed
     */
    void drain(long[] scratch, AbstractHistogram routeFirstByte, AbstractHistogram routeTotal) {
        same.drainInto(scratch, routeFirstByte, firstByte, routeTotal, total);
        firstByteOnly.drainInto(scratch, routeFirstByte, firstByte, null, null);
        totalOnly.drainInto(scratch, routeTotal, total, null, null);
        statuses.drain();
    }

    /** Adds the cumulative counts to {@code into}'s and empties these (call under the roll lock, after a drain). */
    void moveTo(MethodMetrics into) {
        firstByte.moveTo(into.firstByte);
        total.moveTo(into.total);
        statuses.moveTo(into.statuses);
    }

    boolean onlyNotFound() {
        return statuses.onlyNotFound();
    }

    /** A copy of the cumulative counts (call under the roll lock, after a drain). */
    MethodStats stats() {
        return new MethodStats(method, firstByte.counts(), firstByte.sumSeconds(), total.counts(), total.sumSeconds(),
                statuses.codes(), statuses.totals());
    }
}
