package io.healthagent.monitor;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A component's alert: raised when its check has failed {@code max_consecutive_failures} times in a row,
 * resolved (and gone from the active list) when the check passes again. Critical, or Emergency for a
 * required check. {@link AlertLog} logs raising and resolving. Used by the monitor thread only.
 */
final class FailureAlerts {
    List<HealthAlert> evaluate(Collection<HealthCheck> checks, CheckHistory history) {
        List<HealthAlert> alerts = new ArrayList<>();
        for (HealthCheck c : checks) {
            Long since = history.failingSince(c.name);
            if (since == null || c.failure_count < c.threshold.max_consecutive_failures) {
                continue;
            }
            AlertSeverity severity = StatusRules.REQUIRED_CHECKS.contains(c.name) ? AlertSeverity.EMERGENCY
                    : AlertSeverity.CRITICAL;
            String id = c.name + "-failing-" + since;
            alerts.add(new HealthAlert(id, severity, c.name + " failed " + c.failure_count + " times in a row: "
                    + c.message, c.name, since, false));
        }
        return alerts;
    }
}
