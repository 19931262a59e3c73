package io.healthagent.metrics;

/**
 * The bucket layout of the request histograms on /metrics ({@code http_server_request_duration_seconds},
 * {@code http_server_time_to_first_byte_seconds}): OpenTelemetry's default boundaries from 5 ms to 10 s,
 * finer below (a stream server answers its small requests in a millisecond or two), and on to a minute.
 * One layout for every route and every replica, so that a fleet's buckets add up.
 */
public final class RequestBuckets {
    /** Upper bounds ({@code le}), in seconds; a last bucket, +Inf, holds the rest. */
    private static final double[] UPPER_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75,
            1, 2.5, 5, 7.5, 10, 30, 60};
    /** The same bounds in microseconds, as durations are recorded. */
    static final long[] UPPER_MICROS = new long[UPPER_SECONDS.length];
    /** Buckets, +Inf included. */
    public static final int COUNT = UPPER_SECONDS.length + 1;

    static {
        for (int i = 0; i < UPPER_SECONDS.length; i++) {
            UPPER_MICROS[i] = Math.round(UPPER_SECONDS[i] * 1_000_000);
        }
    }

    private RequestBuckets() {
    }

    /** The upper bounds in seconds, +Inf last ({@link #COUNT} of them). */
    public static double[] upperBoundsSeconds() {
        double[] upper = java.util.Arrays.copyOf(UPPER_SECONDS, COUNT);
        upper[COUNT - 1] = Double.POSITIVE_INFINITY;
        return upper;
    }

    /** The bucket of a duration: the first whose bound it does not exceed. */
    static int bucketOf(long micros) {
        for (int i = 0; i < UPPER_MICROS.length; i++) {
            if (micros <= UPPER_MICROS[i]) {
                return i;
            }
        }
        return COUNT - 1;
    }
}
