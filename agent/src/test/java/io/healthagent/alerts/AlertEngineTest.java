package io.healthagent.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.config.Options;
import io.healthagent.config.OptionsLoader;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.ErrorRateMetrics;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthThreshold;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules, escalation, hysteresis and history, on a clock the test moves: no sleeping. */
class AlertEngineTest {
    private static final long T0 = 1_800_000_000_000L; // 2027-01-15 08:00:00 UTC

    private static Options options(String args) {
        return OptionsLoader.load(args, new Properties(), Map.of());
    }

    private static PerformanceMetrics perf(double cpu, double errorRate, double p95) {
        return new PerformanceMetrics((float) cpu, 100, 10f, 10f, 5, new ResponseTimeMetrics(p95 / 2, p95, p95, p95 / 2),
                new ErrorRateMetrics((float) errorRate, 0, 0, 0));
    }

    private static List<HealthAlert> run(AlertEngine e, long at, PerformanceMetrics p, HealthCheck... checks) {
        return e.evaluate(at, new AlertEngine.Inputs(List.of(checks), p, name -> Double.NaN));
    }

    private static HealthAlert only(List<HealthAlert> alerts, String id) {
        HealthAlert found = null;
        for (HealthAlert a : alerts) {
            if (a.id.equals(id)) {
                assertNull(found, "one alert per component and rule: " + alerts);
                found = a;
            }
        }
        return found;
    }

    @Test
    void errorRateRaisesEscalatesLowersAndResolvesAfterHolding() {
        AlertEngine e = new AlertEngine(options("check.interval=10s"), Set.of()); // alert.for = 30 s
        long t = T0;
        assertNull(only(run(e, t, perf(1, 12.3, 10)), "error_rate:threshold"), "not before it has held 30 s");
        assertNull(only(run(e, t += 20_000, perf(1, 12.3, 10)), "error_rate:threshold"));
        HealthAlert raised = only(run(e, t += 10_000, perf(1, 12.3, 10)), "error_rate:threshold");
        assertEquals(AlertSeverity.CRITICAL, raised.severity);
        assertEquals("error_rate", raised.component);
        assertEquals("Error rate 12.3% over the last minute (Critical above 10%) since 08:00:30 UTC", raised.message);
        assertEquals((T0 + 30_000) / 1000, raised.timestamp);

        // Down to 6%: Critical clears below 9%, Warning holds above 4.5%.
        run(e, t += 10_000, perf(1, 6, 10));
        assertEquals(AlertSeverity.CRITICAL, only(run(e, t += 20_000, perf(1, 6, 10)), "error_rate:threshold").severity);
        HealthAlert lowered = only(run(e, t += 10_000, perf(1, 6, 10)), "error_rate:threshold");
        assertEquals(AlertSeverity.WARNING, lowered.severity, "de-escalated in place");
        assertEquals(raised.id, lowered.id);
        assertEquals(raised.timestamp, lowered.timestamp);

        // 4.8% is under the Warning threshold but not by the margin: the alert stays.
        for (int i = 0; i < 10; i++) run(e, t += 10_000, perf(1, 4.8, 10));
        assertEquals(AlertSeverity.WARNING, only(run(e, t += 10_000, perf(1, 4.8, 10)), "error_rate:threshold").severity);

        run(e, t += 10_000, perf(1, 0.5, 10));
        run(e, t += 20_000, perf(1, 0.5, 10));
        HealthAlert resolved = only(run(e, t += 10_000, perf(1, 0.5, 10)), "error_rate:threshold");
        assertTrue(resolved.resolved, "resolved, and still shown for an hour");
        assertTrue(resolved.message.contains("Warning clears below 4.5%"), resolved.message);
        assertNull(only(run(e, t += 3_600_001, perf(1, 0.5, 10)), "error_rate:threshold"), "gone after an hour");

        AlertHistoryEntry h = e.history().get(0);
        List<String> path = new ArrayList<>();
        h.transitions.forEach(tr -> path.add(tr.from + ">" + tr.to + "@" + tr.value));
        assertEquals(List.of("null>Critical@12.3", "Critical>Warning@6.0", "Warning>Resolved@0.5"), path);
        assertEquals((T0 + 30_000) / 1000, h.transitions.get(0).at);
    }

    @Test
    void aValueHoveringAtAThresholdForTenMinutesRaisesAtMostOnceAndResolvesAtMostOnce() {
        for (long seed = 0; seed < 20; seed++) {
            java.util.Random random = new java.util.Random(seed);
            AlertEngine e = new AlertEngine(options("check.interval=10s"), Set.of());
            long t = T0;
            for (int i = 0; i < 60; i++) { // ten minutes of 10-second snapshots, 70% +- 3
                double cpu = seed % 2 == 0 ? 70 + 3 * Math.sin(i * Math.PI / 6) : 67 + 6 * random.nextDouble();
                run(e, t += 10_000, perf(cpu, 0, 10));
            }
            int transitions = 0;
            for (AlertHistoryEntry h : e.history()) transitions += h.transitions.size();
            assertTrue(transitions <= 2, "seed " + seed + ": " + transitions + " transitions");
        }
    }

    @Test
    void responseTimeAndItsMessageInSeconds() {
        AlertEngine e = new AlertEngine(options("check.interval=1s,threshold.response_time.warning=200ms"), Set.of());
        long t = T0;
        for (int i = 0; i <= 3; i++) run(e, t += 1_000, perf(1, 0, 250));
        HealthAlert a = only(run(e, t += 1_000, perf(1, 0, 250)), "response_time:threshold");
        assertEquals(AlertSeverity.WARNING, a.severity);
        assertTrue(a.message.startsWith("Response time p95 250 ms (Warning above 200 ms) since "), a.message);
        HealthAlert c = null;
        for (int i = 0; i <= 4; i++) c = only(run(e, t += 1_000, perf(1, 0, 3500)), "response_time:threshold");
        assertEquals(AlertSeverity.CRITICAL, c.severity);
        assertTrue(c.message.contains("(Critical above 3 s)"), c.message);
    }

    static HealthCheck check(String name, CheckStatus status, int failures) {
        return new HealthCheck(name, status, status == CheckStatus.FAIL ? "refused" : "PONG", 1, null, null, failures,
                new HealthThreshold(1000, 0.1f, 3));
    }

    @Test
    void aFailingCheckRaisesAtOnceAtItsLimitAndResolvesWhenItHasPassedForAWhile() {
        AlertEngine e = new AlertEngine(options("check.interval=1s"), Set.of("database")); // alert.for = 3 s
        long t = T0;
        assertNull(only(run(e, t += 1000, perf(1, 0, 1), check("redis", CheckStatus.FAIL, 2)), "redis:consecutive_failures"));
        HealthAlert a = only(run(e, t += 1000, perf(1, 0, 1), check("redis", CheckStatus.FAIL, 3),
                check("database", CheckStatus.FAIL, 3)), "redis:consecutive_failures");
        assertEquals(AlertSeverity.CRITICAL, a.severity);
        assertEquals("redis failed 3 times in a row: refused (Critical after 3 failures in a row) since 08:00:02 UTC",
                a.message);
        HealthAlert db = only(run(e, t += 1000, perf(1, 0, 1), check("redis", CheckStatus.FAIL, 4),
                check("database", CheckStatus.FAIL, 4)), "database:consecutive_failures");
        assertEquals(AlertSeverity.EMERGENCY, db.severity, "a required check");
        run(e, t += 1000, perf(1, 0, 1), check("redis", CheckStatus.PASS, 0));
        assertTrue(!only(run(e, t += 2000, perf(1, 0, 1), check("redis", CheckStatus.PASS, 0)),
                "redis:consecutive_failures").resolved, "not before it passed for 3 s");
        assertTrue(only(run(e, t += 1000, perf(1, 0, 1), check("redis", CheckStatus.PASS, 0)),
                "redis:consecutive_failures").resolved);

        // The same component and rule again: the same id, a new occurrence.
        run(e, t += 1000, perf(1, 0, 1), check("redis", CheckStatus.FAIL, 3));
        List<AlertHistoryEntry> history = e.history();
        assertEquals("redis:consecutive_failures", history.get(0).id);
        assertEquals(false, history.get(0).resolved);
        assertNotEquals(history.get(0).timestamp, -1);
        assertEquals(2, history.stream().filter(h -> h.id.equals("redis:consecutive_failures")).count());
    }

    @Test
    void aFailureShareAboveTheChecksMaxFailureRateWarns() {
        AlertEngine e = new AlertEngine(options("check.interval=1s"), Set.of());
        long t = T0;
        List<HealthAlert> alerts = null;
        for (int i = 0; i < 4; i++) {
            alerts = e.evaluate(t += 1000, new AlertEngine.Inputs(List.of(check("api", CheckStatus.PASS, 0)),
                    perf(1, 0, 1), name -> 0.25));
        }
        HealthAlert a = only(alerts, "api:failure_rate");
        assertEquals(AlertSeverity.WARNING, a.severity);
        assertTrue(a.message.startsWith("api failed 25% of its recent runs (Warning above 10%)"), a.message);
    }

    private static List<HealthAlert> runForecast(AlertEngine e, long at, Double hoursToFull) {
        io.healthagent.model.Analysis a = new io.healthagent.model.Analysis(3600, null,
                new io.healthagent.model.Analysis.DiskForecast("/srv", 50.0, 500.0, 10.0, hoursToFull, 0.99), null, null);
        return e.evaluate(at, new AlertEngine.Inputs(List.of(), perf(1, 0, 10), name -> Double.NaN, -1, a));
    }

    @Test
    void theDiskForecastRaisesAtItsHorizonsAndClearsOnlyFarAboveThem() {
        AlertEngine e = new AlertEngine(options("check.interval=10s,alert.for=10s"), Set.of());
        long t = T0;
        String id = "disk_forecast:time_to_full";
        runForecast(e, t, 60.0);
        assertEquals(AlertSeverity.INFO, only(runForecast(e, t += 10_000, 60.0), id).severity, "under 3 days: a note");
        runForecast(e, t += 10_000, 6.0);
        assertEquals(AlertSeverity.WARNING, only(runForecast(e, t += 10_000, 6.0), id).severity, "under 8 h");
        runForecast(e, t += 10_000, 1.5);
        HealthAlert critical = only(runForecast(e, t += 10_000, 1.5), id);
        assertEquals(AlertSeverity.CRITICAL, critical.severity, "under 2 h");
        assertTrue(critical.message.matches("Disk of /srv full in 1\\.5 h at 10\\.0 MB/h .*\\(Critical under 2\\.0 h\\) since .*"),
                critical.message);
        for (int i = 0; i < 5; i++) { // 20 h: above the Critical's 2 h but under its 24 h clear
            assertEquals(AlertSeverity.CRITICAL, only(runForecast(e, t += 10_000, 20.0), id).severity);
        }
        runForecast(e, t += 10_000, 30.0);
        assertEquals(AlertSeverity.WARNING, only(runForecast(e, t += 10_000, 30.0), id).severity,
                "above 24 h: down to Warning, which holds under 48 h");
        runForecast(e, t += 10_000, null); // not filling any more
        HealthAlert gone = only(runForecast(e, t += 10_000, null), id);
        assertTrue(gone.resolved, gone.message);
        assertTrue(gone.message.startsWith("Disk of /srv not filling"), gone.message);
    }

    @Test
    void anEmergencyThatResolvesLeavesAnInfoNoteThatNeverChangesTheStatus() {
        AlertEngine e = new AlertEngine(options("check.interval=10s,alert.for=10s"), Set.of());
        long t = T0;
        run(e, t, perf(1, 30, 10));
        assertEquals(AlertSeverity.EMERGENCY, only(run(e, t += 10_000, perf(1, 30, 10)), "error_rate:threshold").severity);
        run(e, t += 10_000, perf(1, 0, 10));
        assertTrue(only(run(e, t += 10_000, perf(1, 0, 10)), "error_rate:threshold").resolved);
        HealthAlert note = only(run(e, t += 10_000, perf(1, 0, 10)), "error_rate:recovery");
        assertEquals(AlertSeverity.INFO, note.severity);
        assertTrue(note.message.startsWith("Recovered from an Emergency"), note.message);
        assertEquals(io.healthagent.model.ServiceStatus.HEALTHY,
                io.healthagent.monitor.StatusRules.evaluate(List.of(), List.of(note)), "a note is not a problem");
        t += RecoveryRule.NOTE_MINUTES * 60_000;
        run(e, t, perf(1, 0, 10));
        assertTrue(only(run(e, t += 10_000, perf(1, 0, 10)), "error_rate:recovery").resolved, "resolved an hour later");
    }
}
