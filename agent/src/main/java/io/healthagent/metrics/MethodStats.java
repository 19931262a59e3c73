package io.healthagent.metrics;

import io.healthagent.bootstrap.HttpMethods;

/**
 * What one route's requests of one method add up to since the agent started: the histograms and status
 * counts of /metrics, which a fleet sums across replicas.
 */
public final class MethodStats {
    /** The label: {@code GET}, ..., or {@code other}. */
    public final String method;
    /** Times to first byte: counts per bucket of {@link RequestBuckets} (not cumulative), +Inf last. */
    public final long[] firstByteBuckets;
    public final double firstByteSumSeconds;
    /** Total durations, as above. */
    public final long[] totalBuckets;
    public final double totalSumSeconds;
    /** Status codes seen and their counts, codes ascending; {@link #UNKNOWN_STATUS} for a request with none. */
    public final int[] statuses;
    public final long[] statusCounts;
    /**
     * A request that ended with no status (its connection closed first), one outside 100..599, or (never seen
     * on one route and method) a code past the sixteenth distinct one ({@link StatusCounts}).
     */
    public static final int UNKNOWN_STATUS = 0;

    MethodStats(int method, long[] firstByteBuckets, double firstByteSumSeconds, long[] totalBuckets,
                double totalSumSeconds, int[] statuses, long[] statusCounts) {
        this.method = HttpMethods.name(method);
        this.firstByteBuckets = firstByteBuckets;
        this.firstByteSumSeconds = firstByteSumSeconds;
        this.totalBuckets = totalBuckets;
        this.totalSumSeconds = totalSumSeconds;
        this.statuses = statuses;
        this.statusCounts = statusCounts;
    }
}
