package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import java.util.Locale;

/**
 * An error burst: the error rate over the last minute far above its own baseline (see
 * {@code trends.Analyzer}): Warning. Holds while the rate stays at least twice the baseline and 2 points
 * above it. The value is the rate (percent).
 */
final class ErrorBurstRule implements Rule {
    private Analysis.Patterns last;

    @Override
    public String id() {
        return "error_rate:burst";
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        if (in.analysis == null || in.analysis.patterns == null) return null;
        last = in.analysis.patterns;
        if (last.error_rate_baseline_percent == null) return null;
        double base = last.error_rate_baseline_percent;
        double rate = last.error_rate_1min_percent;
        AlertSeverity up = last.error_burst ? AlertSeverity.WARNING : null;
        AlertSeverity hold = current != null && rate >= 2 * base && rate >= base + 2 ? AlertSeverity.WARNING : up;
        return new Reading(up, hold, rate);
    }

    @Override
    public String describe(double rate) {
        return String.format(Locale.ROOT, "Error burst: %.1f%% over the last minute against a baseline of %.2f%%", rate,
                last == null || last.error_rate_baseline_percent == null ? 0 : last.error_rate_baseline_percent);
    }

    @Override
    public String limit(AlertSeverity level) {
        return "at 5 times the baseline and 5 points above it";
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears below twice the baseline";
    }
}
