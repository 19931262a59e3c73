package io.healthagent.metrics;

/**
 * Cumulative counts of durations in {@link RequestBuckets}' buckets, and their sum: one histogram series
 * of /metrics. Drains add to it and snapshots copy it, both under {@link RequestMetrics}' roll lock.
 */
final class BucketCounts {
    private final long[] counts = new long[RequestBuckets.COUNT];
    private double sumMicros;

    void add(int bucket, long n, double micros) {
        counts[bucket] += n;
        sumMicros += micros * n;
    }

    /** Adds these counts to {@code into} and empties this (a route that goes hands its counts to "other"). */
    void moveTo(BucketCounts into) {
        for (int b = 0; b < counts.length; b++) {
            into.counts[b] += counts[b];
            counts[b] = 0;
        }
        into.sumMicros += sumMicros;
        sumMicros = 0;
    }

    /** Counts per bucket (not cumulative), +Inf last. */
    long[] counts() {
        return counts.clone();
    }

    double sumSeconds() {
        return sumMicros / 1_000_000.0;
    }
}
