package io.healthagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.checks.CheckOutcome;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthThreshold;
import io.healthagent.model.ServiceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRulesTest {
    private static final HealthThreshold T = new HealthThreshold(1000, 0.1f, 3);

    private static HealthCheck check(String name, CheckStatus status) {
        return new HealthCheck(name, status, "", 1, null, null, 0, T);
    }

    private static HealthAlert alert(AlertSeverity severity, boolean resolved) {
        return new HealthAlert("a", severity, "", "cpu", 0, resolved);
    }

    @Test
    void checksDecideTheStatus() {
        assertEquals(ServiceStatus.HEALTHY, StatusRules.evaluate(List.of(check("cpu", CheckStatus.PASS)), List.of()));
        assertEquals(ServiceStatus.DEGRADED, StatusRules.evaluate(
                List.of(check("cpu", CheckStatus.PASS), check("disk_space", CheckStatus.WARN)), List.of()));
        assertEquals(ServiceStatus.UNHEALTHY, StatusRules.evaluate(
                List.of(check("redis", CheckStatus.FAIL), check("disk_space", CheckStatus.WARN)), List.of()));
        assertEquals(ServiceStatus.CRITICAL, StatusRules.evaluate(
                List.of(check("database", CheckStatus.FAIL), check("redis", CheckStatus.FAIL)), List.of()));
        assertEquals(ServiceStatus.CRITICAL, StatusRules.evaluate(List.of(check("audio_directory", CheckStatus.FAIL)),
                List.of()));
        assertEquals(ServiceStatus.DEGRADED, StatusRules.evaluate(List.of(check("database", CheckStatus.WARN)),
                List.of()));
    }

    @Test
    void activeAlertsDecideTooResolvedOnesDoNot() {
        List<HealthCheck> ok = List.of(check("cpu", CheckStatus.PASS));
        assertEquals(ServiceStatus.DEGRADED, StatusRules.evaluate(ok, List.of(alert(AlertSeverity.WARNING, false))));
        assertEquals(ServiceStatus.UNHEALTHY, StatusRules.evaluate(ok, List.of(alert(AlertSeverity.CRITICAL, false))));
        assertEquals(ServiceStatus.CRITICAL, StatusRules.evaluate(ok, List.of(alert(AlertSeverity.EMERGENCY, false))));
        assertEquals(ServiceStatus.HEALTHY, StatusRules.evaluate(ok, List.of(alert(AlertSeverity.EMERGENCY, true))));
        assertEquals(ServiceStatus.HEALTHY, StatusRules.evaluate(ok, List.of(alert(AlertSeverity.INFO, false))));
    }

    @Test
    void readinessFollowsOnlyTheChecksTheServerNeeds() {
        java.util.Set<String> required = java.util.Set.of("database", "audio_directory");
        assertTrue(StatusRules.isReady(List.of(check("cpu", CheckStatus.FAIL)), required), "a load figure never");
        assertTrue(StatusRules.isReady(List.of(check("redis", CheckStatus.FAIL), check("jaeger", CheckStatus.FAIL)),
                required), "an optional dependency never");
        assertFalse(StatusRules.isReady(List.of(check("database", CheckStatus.FAIL)), required));
        assertTrue(StatusRules.isReady(List.of(check("database", CheckStatus.WARN)), required), "a warning still serves");
        assertFalse(StatusRules.isReady(List.of(check("redis", CheckStatus.FAIL)), java.util.Set.of("redis")),
                "readiness.checks decides");
    }

    @Test
    void historyCountsConsecutiveFailuresAndSlowChecksWarn() {
        CheckHistory h = new CheckHistory();
        HealthCheck first = h.record(new CheckOutcome("redis", CheckStatus.FAIL, "refused", 3), T, 100);
        HealthCheck second = h.record(new CheckOutcome("redis", CheckStatus.FAIL, "refused", 3), T, 110);
        assertEquals(2, second.failure_count);
        assertEquals(110L, second.last_failure);
        assertEquals(null, second.last_success);
        assertEquals(1, first.failure_count);
        HealthCheck back = h.record(new CheckOutcome("redis", CheckStatus.PASS, "PONG", 2), T, 120);
        assertEquals(0, back.failure_count);
        assertEquals(120L, back.last_success);
        assertEquals(110L, back.last_failure, "the last failure is remembered");
        HealthCheck slow = h.record(new CheckOutcome("redis", CheckStatus.PASS, "PONG", 1500), T, 130);
        assertEquals(CheckStatus.WARN, slow.status);
        assertTrue(slow.message.contains("slow: 1500 ms > 1000 ms"), slow.message);
    }
}
