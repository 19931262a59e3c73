package io.healthagent.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.model.Analysis;
import io.healthagent.model.ErrorRateMetrics;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HOUR = 3_600_000;

    private static PerformanceMetrics perf(double disk, double p95, double errorRate) {
        return new PerformanceMetrics(10f, 100, 20f, (float) disk, 5, new ResponseTimeMetrics(p95 / 2, p95, p95, p95 / 2),
                new ErrorRateMetrics((float) errorRate, 0f, 0f, 0));
    }

    @Test
    void aDiskFillingOnePointAnHourIsFullWhenItsLineReaches100() {
        Analyzer a = new Analyzer(HOUR, 5 * 60_000, "/srv", null);
        Analysis last = null;
        for (int i = 0; i <= 60; i++) { // 60 minutes from 50% to 51%: 1 point per hour
            double percent = 50 + i / 60.0;
            long usedBytes = (long) (percent / 100 * 1000 * (1 << 20)); // a 1,000 MB disk
            last = a.update(T0 + i * 60_000L, perf(percent, 10, 0), usedBytes, 100);
        }
        Analysis.DiskForecast f = last.disk_forecast;
        assertEquals(49.0, f.hours_to_full, 0.05, "49 points left at one point an hour");
        assertEquals(10.0, f.fill_rate_mb_per_hour, 0.1, "1% of 1,000 MB an hour");
        assertEquals(1.0, f.r2, 1e-6);
        assertEquals(1.0, last.trends.disk_percent_per_hour, 1e-3);
    }

    @Test
    void fewSamplesOrAShortSpanForecastNothing() {
        Analyzer a = new Analyzer(HOUR, 5 * 60_000, "/srv", null);
        Analysis last = null;
        for (int i = 0; i < 10; i++) last = a.update(T0 + i * 60_000L, perf(50 + i, 10, 0), 1 << 30, 100);
        assertNull(last.disk_forecast.hours_to_full, "10 minutes is under a third of the hour's window");
        assertNull(last.trends.cpu_percent_per_hour);
    }

    @Test
    void anErrorBurstIsFarAboveItsOwnBaselineAndLatencyDriftIsTheRecentMedianAboveTheBaselines() {
        Analyzer a = new Analyzer(HOUR, 5 * 60_000, "/srv", null);
        Analysis last = null;
        for (int i = 0; i < 55; i++) last = a.update(T0 + i * 60_000L, perf(50, 100, 1.0), 1 << 30, 100);
        assertFalse(last.patterns.error_burst);
        assertFalse(last.patterns.latency_drift);
        last = a.update(T0 + 55 * 60_000L, perf(50, 100, 4.0), 1 << 30, 100);
        assertFalse(last.patterns.error_burst, "4% against 1%: not 5 points above");
        last = a.update(T0 + 56 * 60_000L, perf(50, 100, 8.0), 1 << 30, 100);
        assertTrue(last.patterns.error_burst, "8% against a baseline of 1%: " + last.patterns.error_rate_baseline_percent);
        last = a.update(T0 + 57 * 60_000L, perf(50, 100, 8.0), 1 << 30, 10);
        assertFalse(last.patterns.error_burst, "too few requests to say");
        for (int i = 58; i < 63; i++) last = a.update(T0 + i * 60_000L, perf(50, 200, 1.0), 1 << 30, 100);
        assertEquals(100.0, last.patterns.p95_baseline_ms, 1e-9);
        assertEquals(200.0, last.patterns.p95_recent_ms, 1e-9);
        assertTrue(last.patterns.latency_drift);
    }
}
