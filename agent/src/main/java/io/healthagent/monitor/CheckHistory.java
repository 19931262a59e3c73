package io.healthagent.monitor;

import io.healthagent.checks.CheckOutcome;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthThreshold;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per check, the last success, the last failure and the run of consecutive failures, and
 * turns each new outcome into the specification's complete HealthCheck record. A check slower than
 * its max_response_time_ms warns even when it passed. Used by the monitor thread only.
 */
final class CheckHistory {
    private static final class State {
        Long lastSuccess;
        Long lastFailure;
        int consecutiveFailures;
        final long[] buckets = new long[CheckStats.BUCKETS.length + 1];
        double sumSeconds;
        long runs;
        long failures;
        HealthCheck last;
        /** Whether each of the last RECENT runs failed, as a ring. */
        final boolean[] recent = new boolean[RECENT];
        int recentCount;
        int recentNext;
    }

    /** Runs over which a check's failure share is taken (its failure_rate alert). */
    static final int RECENT = 20;
    /** Runs a check needs before its failure share means anything. */
    static final int RECENT_MIN = 10;

    private final Map<String, State> states = new LinkedHashMap<>();

    HealthCheck record(CheckOutcome outcome, HealthThreshold threshold, long nowSeconds) {
        State s = states.computeIfAbsent(outcome.name, n -> new State());
        CheckStatus status = outcome.status;
        String message = outcome.message;
        if (status == CheckStatus.PASS && outcome.durationMillis > threshold.max_response_time_ms) {
            status = CheckStatus.WARN;
            message = message + " (slow: " + outcome.durationMillis + " ms > " + threshold.max_response_time_ms + " ms)";
        }
        double seconds = outcome.durationMillis / 1000.0;
        int b = 0;
        while (b < CheckStats.BUCKETS.length && seconds > CheckStats.BUCKETS[b]) b++;
        s.buckets[b]++;
        s.sumSeconds += seconds;
        s.runs++;
        s.recent[s.recentNext] = status == CheckStatus.FAIL;
        s.recentNext = (s.recentNext + 1) % RECENT;
        s.recentCount = Math.min(RECENT, s.recentCount + 1);
        if (status == CheckStatus.FAIL) {
            s.failures++;
            s.lastFailure = nowSeconds;
            s.consecutiveFailures++;
        } else {
            s.lastSuccess = nowSeconds;
            s.consecutiveFailures = 0;
        }
        s.last = new HealthCheck(outcome.name, status, message, outcome.durationMillis, s.lastSuccess, s.lastFailure,
                s.consecutiveFailures, threshold);
        return s.last;
    }

    /** The latest record of check {@code name}, or null before its first result. */
    HealthCheck last(String name) {
        State s = states.get(name);
        return s == null ? null : s.last;
    }

    /** Cumulative figures of every check seen so far, in the order they were first seen. */
    List<CheckStats> stats() {
        List<CheckStats> out = new ArrayList<>(states.size());
        for (Map.Entry<String, State> e : states.entrySet()) {
            State s = e.getValue();
            long[] cumulative = new long[s.buckets.length];
            long running = 0;
            for (int i = 0; i < s.buckets.length; i++) {
                running += s.buckets[i];
                cumulative[i] = running;
            }
            out.add(new CheckStats(e.getKey(), cumulative, s.sumSeconds, s.runs, s.failures));
        }
        return Collections.unmodifiableList(out);
    }

    /** The share of failed runs among the last {@value #RECENT} of {@code name}; NaN before {@value #RECENT_MIN} runs. */
    double failureShare(String name) {
        State s = states.get(name);
        if (s == null || s.recentCount < RECENT_MIN) {
            return Double.NaN;
        }
        int failed = 0;
        for (int i = 0; i < s.recentCount; i++) {
            if (s.recent[i]) failed++;
        }
        return (double) failed / s.recentCount;
    }
}
