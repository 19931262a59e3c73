package io.healthagent.metrics;

import org.HdrHistogram.AbstractHistogram;

/** The requests of one route and one method: where the hot path records, and what /metrics adds up. */
final class MethodMetrics {
    /** Status codes 100..599 each have a slot; the last slot is for the rest (none, or out of range). */
    private static final int STATUS_SLOTS = 501;

    private final int method;
    /**
     * Most responses are committed as they end, so their time to first byte and their total fall in the
     * same slot, counted once in {@link #same}; a stream's two durations go to the other two. A drain adds
     * {@link #same} to both.
     */
    private final StripedLatencyRecorder same = new StripedLatencyRecorder();
    private final StripedLatencyRecorder firstByteOnly = new StripedLatencyRecorder();
    private final StripedLatencyRecorder totalOnly = new StripedLatencyRecorder();
    private final StripedCounts statuses = new StripedCounts(STATUS_SLOTS);
    /** Cumulative, written by drains (under the roll lock). */
    private final BucketCounts firstByte = new BucketCounts();
    private final BucketCounts total = new BucketCounts();
    private final long[] statusTotals = new long[STATUS_SLOTS];

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
        statuses.increment(status >= 100 && status <= 599 ? status - 100 : STATUS_SLOTS - 1);
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
        statuses.drainInto(statusTotals);
    }

    /** A copy of the cumulative counts (call under the roll lock, after a drain). */
    MethodStats stats() {
        int n = 0;
        for (long c : statusTotals) {
            if (c != 0) n++;
        }
        int[] codes = new int[n];
        long[] counts = new long[n];
        int j = 0;
        // The unknown slot is last but its code (0) sorts first.
        if (statusTotals[STATUS_SLOTS - 1] != 0) {
            codes[j] = MethodStats.UNKNOWN_STATUS;
            counts[j++] = statusTotals[STATUS_SLOTS - 1];
        }
        for (int i = 0; i < STATUS_SLOTS - 1; i++) {
            if (statusTotals[i] != 0) {
                codes[j] = i + 100;
                counts[j++] = statusTotals[i];
            }
        }
        return new MethodStats(method, firstByte.counts(), firstByte.sumSeconds(), total.counts(), total.sumSeconds(),
                codes, counts);
    }
}
