package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.HealthCheck;
import java.util.Locale;

/** A check whose share of failed runs over its recent runs is above its {@code max_failure_rate}: Warning. */
final class FailureRateRule implements Rule {
    private final String check;
    private double limitPercent = 10;

    FailureRateRule(String check) {
        this.check = check;
    }

    @Override
    public String id() {
        return check + ":failure_rate";
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        double share = in.failureShare.applyAsDouble(check);
        if (Double.isNaN(share)) {
            return null;
        }
        for (HealthCheck c : in.checks) {
            if (c.name.equals(check)) {
                limitPercent = 100.0 * c.threshold.max_failure_rate;
            }
        }
        double percent = 100 * share;
        AlertSeverity up = percent > limitPercent ? AlertSeverity.WARNING : null;
        AlertSeverity hold = current != null && percent > limitPercent * (1 - clearMargin) ? AlertSeverity.WARNING : null;
        return new Reading(up, hold, percent);
    }

    @Override
    public String describe(double value) {
        return String.format(Locale.ROOT, "%s failed %.0f%% of its recent runs", check, value);
    }

    @Override
    public String limit(AlertSeverity level) {
        return String.format(Locale.ROOT, "above %.0f%%", limitPercent);
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return String.format(Locale.ROOT, "%s clears below %.1f%%", level.wire(), limitPercent * (1 - clearMargin));
    }
}
