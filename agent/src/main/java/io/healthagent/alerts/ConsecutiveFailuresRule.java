package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.HealthCheck;

/**
 * A check that failed {@code max_consecutive_failures} times in a row: Critical, Emergency for a check
 * the service cannot serve without. Raised at once; resolved once the check has passed for alert.for.
 */
final class ConsecutiveFailuresRule implements Rule {
    private final String check;
    private final AlertSeverity severity;
    private int limit = 3;
    private String lastMessage = "";

    ConsecutiveFailuresRule(String check, boolean required) {
        this.check = check;
        this.severity = required ? AlertSeverity.EMERGENCY : AlertSeverity.CRITICAL;
    }

    @Override
    public String id() {
        return check + ":consecutive_failures";
    }

    @Override
    public boolean raisesAtOnce() {
        return true;
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        for (HealthCheck c : in.checks) {
            if (c.name.equals(check)) {
                limit = c.threshold.max_consecutive_failures;
                lastMessage = c.message;
                AlertSeverity up = c.failure_count >= limit ? severity : null;
                AlertSeverity hold = current != null && c.failure_count > 0 ? current : null;
                return new Reading(up, hold, c.failure_count);
            }
        }
        return null;
    }

    @Override
    public String describe(double value) {
        return value > 0 ? check + " failed " + (long) value + " times in a row: " + lastMessage
                : check + " passes again: " + lastMessage;
    }

    @Override
    public String limit(AlertSeverity level) {
        return "after " + limit + " failures in a row";
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears when it passes";
    }
}
