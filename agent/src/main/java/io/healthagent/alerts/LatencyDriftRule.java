package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import java.util.Locale;

/**
 * Latency drift: the recent median p95 well above the baseline's (see {@code trends.Analyzer}): Warning.
 * Holds while it stays at least 1.25 times the baseline. The value is the recent p95 (ms).
 */
final class LatencyDriftRule implements Rule {
    private Analysis.Patterns last;

    @Override
    public String id() {
        return "response_time:drift";
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        if (in.analysis == null || in.analysis.patterns == null) return null;
        last = in.analysis.patterns;
        if (last.p95_baseline_ms == null || last.p95_recent_ms == null) return null;
        AlertSeverity up = last.latency_drift ? AlertSeverity.WARNING : null;
        AlertSeverity hold = current != null && last.p95_recent_ms >= 1.25 * last.p95_baseline_ms ? AlertSeverity.WARNING : up;
        return new Reading(up, hold, last.p95_recent_ms);
    }

    @Override
    public String describe(double recent) {
        return String.format(Locale.ROOT, "Latency drift: p95 %.0f ms lately against %.0f ms before", recent,
                last == null || last.p95_baseline_ms == null ? 0 : last.p95_baseline_ms);
    }

    @Override
    public String limit(AlertSeverity level) {
        return "at 1.5 times the baseline and 20 ms above it";
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears below 1.25 times the baseline";
    }
}
