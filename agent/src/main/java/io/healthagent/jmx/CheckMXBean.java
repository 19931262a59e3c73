package io.healthagent.jmx;

/** {@code io.healthagent:type=Check,name=NAME}: one check's record, numbers as numbers. */
public interface CheckMXBean {
    String getName();

    /** {@code pass}, {@code warn} or {@code fail}. */
    String getStatus();

    /** 0 pass, 1 warn, 2 fail (as {@code health_check_status}). */
    int getStatusCode();

    String getMessage();

    long getDurationMs();

    /** Unix seconds; null when it never passed. */
    Long getLastSuccess();

    /** Unix seconds; null when it never failed. */
    Long getLastFailure();

    /** Consecutive failures, back to 0 on a pass. */
    int getFailureCount();

    long getRunsTotal();

    long getFailuresTotal();

    double getDurationSecondsTotal();

    long getMaxResponseTimeMs();

    double getMaxFailureRate();

    int getMaxConsecutiveFailures();
}
