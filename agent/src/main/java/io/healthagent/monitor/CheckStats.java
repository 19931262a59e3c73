package io.healthagent.monitor;

/**
 * Cumulative figures of one check since the agent started, for Prometheus: run durations in the
 * specification's buckets, and how many runs failed.
 */
public final class CheckStats {
    /** Upper bounds in seconds, from the specification's health_check_duration_seconds. */
    public static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0};
    /** The same bounds as Prometheus "le" labels, then +Inf. */
    public static final String[] BUCKET_LABELS = {"0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1", "+Inf"};

    public final String name;
    /** Cumulative counts per bucket (le), then +Inf at the end. */
    public final long[] cumulativeCounts;
    public final double sumSeconds;
    public final long runs;
    public final long failures;

    CheckStats(String name, long[] cumulativeCounts, double sumSeconds, long runs, long failures) {
        this.name = name;
        this.cumulativeCounts = cumulativeCounts;
        this.sumSeconds = sumSeconds;
        this.runs = runs;
        this.failures = failures;
    }
}
