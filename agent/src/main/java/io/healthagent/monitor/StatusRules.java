package io.healthagent.monitor;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.ServiceStatus;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * DESIGN.md's status rules. critical: a required check fails or an Emergency alert is active;
 * unhealthy: any check fails or a Critical alert is active; degraded: any check warns or a Warning
 * alert is active; healthy otherwise.
 */
public final class StatusRules {
    /** Checks the service cannot stream without; they count only when configured (present). */
    public static final Set<String> REQUIRED_CHECKS =
            Collections.unmodifiableSet(new HashSet<>(Arrays.asList("database", "audio_directory")));

    private StatusRules() {
    }

    public static ServiceStatus evaluate(Collection<HealthCheck> checks, Collection<HealthAlert> alerts) {
        ServiceStatus status = ServiceStatus.HEALTHY;
        for (HealthCheck c : checks) {
            ServiceStatus s = c.status == CheckStatus.FAIL
                    ? (REQUIRED_CHECKS.contains(c.name) ? ServiceStatus.CRITICAL : ServiceStatus.UNHEALTHY)
                    : c.status == CheckStatus.WARN ? ServiceStatus.DEGRADED : ServiceStatus.HEALTHY;
            status = worse(status, s);
        }
        for (HealthAlert a : alerts) {
            if (a.resolved) {
                continue;
            }
            status = worse(status, a.severity == AlertSeverity.EMERGENCY ? ServiceStatus.CRITICAL
                    : a.severity == AlertSeverity.CRITICAL ? ServiceStatus.UNHEALTHY
                    : a.severity == AlertSeverity.WARNING ? ServiceStatus.DEGRADED : ServiceStatus.HEALTHY);
        }
        return status;
    }

    /**
     * Readiness: no check the server needs in order to serve ({@code readinessChecks}, by default the
     * required ones) fails. Never an optional dependency or a load figure: those would take every replica
     * out of its Service at once.
     */
    public static boolean isReady(Collection<HealthCheck> checks, Set<String> readinessChecks) {
        for (HealthCheck c : checks) {
            if (readinessChecks.contains(c.name) && c.status == CheckStatus.FAIL) {
                return false;
            }
        }
        return true;
    }

    private static ServiceStatus worse(ServiceStatus a, ServiceStatus b) {
        return b.severity() > a.severity() ? b : a;
    }
}
