package io.healthagent.config;

import io.healthagent.model.HealthThreshold;
import java.time.Duration;

/**
 * How one check runs and is judged: its timeout and the specification's HealthThreshold, set per check
 * as {@code check.NAME.interval}, {@code check.NAME.timeout}, {@code check.NAME.max_response_time}, {@code check.NAME.max_failure_rate},
 * {@code check.NAME.max_consecutive_failures}, and for HTTP probes {@code check.NAME.expected_status}.
 */
public final class CheckSettings {
    public static final CheckSettings DEFAULTS =
            new CheckSettings(null, Duration.ofSeconds(5), new HealthThreshold(1000, 0.1f, 3), "2xx");

    /** check.NAME.interval; null: the check runs every check.interval. */
    public final Duration interval;
    public final Duration timeout;
    public final HealthThreshold threshold;
    /** "2xx" (any success), or one status code such as "204". */
    public final String expectedStatus;

    CheckSettings(Duration interval, Duration timeout, HealthThreshold threshold, String expectedStatus) {
        this.interval = interval;
        this.timeout = timeout;
        this.threshold = threshold;
        this.expectedStatus = expectedStatus;
    }

    public boolean statusExpected(int status) {
        return "2xx".equals(expectedStatus) ? status >= 200 && status < 300
                : Integer.toString(status).equals(expectedStatus);
    }
}
