package io.healthagent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.model.ErrorRateMetrics;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retention and the size bound on a real SQLite file, with time fast-forwarded. */
class HistoryStoreTest {
    static final long T0 = 1_800_000_000L;

    static PerformanceMetrics perf(double cpu) {
        return new PerformanceMetrics((float) cpu, 100, 10f, 20f, 5, new ResponseTimeMetrics(1, 2, 3, 1.5),
                new ErrorRateMetrics(0, 0, 0, 0));
    }

    @Test
    void fullSamplesForADayThenMinutesForAWeekThenHours() throws Exception {
        Path dir = Files.createTempDirectory("store-test-");
        HistoryStore store = new HistoryStore(dir.resolve("h.db"), 50L << 20);
        assertTrue(store.open(), store.status().reason);
        long requests = 0;
        long step = 60; // a sample a minute over ten days keeps the test short; the shape is the same
        long end = T0 + 10 * 86_400;
        for (long ts = T0; ts < end; ts += step) {
            requests += 10;
            assertTrue(store.record(ts, perf(ts % 100), requests, 0));
        }
        Map<String, Long> sizes = store.sizes();
        // Full rows: the last 24 h (minus up to the 10 minutes before the next pass).
        assertTrue(sizes.get("rows_0") >= 1440 && sizes.get("rows_0") <= 1450, sizes.toString());
        // Minute rows: days 2 to 7 back; hour rows: what is older than a week (3 days here).
        // (cut-offs fall on whole hours and passes run every 10 minutes: up to 70 rows more)
        assertTrue(sizes.get("rows_60") >= 6 * 1440 - 10 && sizes.get("rows_60") <= 6 * 1440 + 70, sizes.toString());
        assertTrue(sizes.get("rows_3600") >= 3 * 24 - 2 && sizes.get("rows_3600") <= 3 * 24 + 2, sizes.toString());
        assertEquals(requests, sizes.get("requests").longValue(), "requests are summed, never lost, by the archives");
        List<double[]> hourly = store.history("requests", T0, 3600);
        assertEquals(600, hourly.get(0)[1], 0.0, "60 samples of 10 requests in the first hour");
        store.close();
    }

    /**
     * A store whose file cannot be made keeps this run's samples in memory, and answers history and report
     * questions as the file would have: the same samples into both give the same figures.
     */
    @Test
    void withoutItsFileTheStoreAnswersFromMemoryAsTheFileWould() throws Exception {
        Path dir = Files.createTempDirectory("store-test-");
        HistoryStore file = new HistoryStore(dir.resolve("h.db"), 50L << 20);
        assertTrue(file.open(), file.status().reason);
        HistoryStore memory = new HistoryStore(java.nio.file.Paths.get("/dev/null/nowhere/h.db"), 50L << 20);
        assertFalse(memory.open(), "a path under a device cannot be made, even by root");
        assertFalse(memory.inMemory(), "nothing held until a sample arrives");
        long requests = 0;
        for (int i = 0; i < 400; i++) { // 33 minutes at 5 s
            requests += i % 7;
            PerformanceMetrics p = new PerformanceMetrics(i % 50, 100, 10f, 20f, 5,
                    new ResponseTimeMetrics(1, 10 + i * 0.1, 30, 5), new ErrorRateMetrics(i % 3, 0, 0, 0));
            assertTrue(file.record(T0 + 5L * i, p, requests, requests / 10));
            assertFalse(memory.record(T0 + 5L * i, p, requests, requests / 10), "not written to a file");
        }
        assertTrue(memory.inMemory());
        assertFalse(memory.status().ok(), "the store still says why its file is away");
        for (String metric : List.of("cpu", "p95", "requests", "errors", "ready")) {
            List<double[]> a = file.history(metric, T0 + 100, 60);
            List<double[]> b = memory.history(metric, T0 + 100, 60);
            assertEquals(a.size(), b.size(), metric);
            for (int k = 0; k < a.size(); k++) {
                assertEquals(a.get(k)[0], b.get(k)[0], 0.0, metric + " bucket " + k);
                assertEquals(a.get(k)[1], b.get(k)[1], 1e-6, metric + " value " + k);
            }
        }
        HistoryStore.PeriodFigures a = file.period(T0, T0 + 2000, 5);
        HistoryStore.PeriodFigures b = memory.period(T0, T0 + 2000, 5);
        assertEquals(400, a.rows, "every sample is in [T0, T0 + 2000]");
        assertEquals(a.rows, b.rows);
        assertEquals(a.coveredSeconds, b.coveredSeconds, 1e-9);
        assertEquals(a.readySeconds, b.readySeconds, 1e-9);
        assertEquals(a.requests, b.requests);
        assertEquals(a.errors, b.errors);
        assertEquals(a.scoreAverage, b.scoreAverage, 1e-9);
        assertEquals(a.p95[0], b.p95[0], 0.0);
        assertEquals(a.p95[1], b.p95[1], 1e-6);
        assertEquals(1.2 * 60, b.p95[2], 1e-6, "p95 rises 0.1 ms per 5 s: 72 ms per hour");
        assertEquals(a.p95[2], b.p95[2], 1e-6);
        assertEquals(a.errorRate[2], b.errorRate[2], 1e-6);
        file.close();
    }

    @Test
    void theFileNeverGrowsPastMaxSize() throws Exception {
        Path dir = Files.createTempDirectory("store-test-");
        long max = 1L << 20;
        HistoryStore store = new HistoryStore(dir.resolve("h.db"), max);
        assertTrue(store.open(), store.status().reason);
        long biggest = 0;
        for (long i = 0; i < 40_000; i++) { // at one row a second, all within the day kept at full resolution
            assertTrue(store.record(T0 + i, perf(i % 100), i, 0), "a full store prunes and keeps writing");
            if (i % 5_000 == 0) biggest = Math.max(biggest, store.sizes().get("file_bytes"));
        }
        Map<String, Long> sizes = store.sizes();
        biggest = Math.max(biggest, sizes.get("file_bytes"));
        assertTrue(biggest <= max, "file " + biggest + " bytes, max " + max);
        assertTrue(sizes.get("rows_0") < 40_000, "the oldest samples went: " + sizes);
        store.close();
    }

    /** A second agent on the same file writes its own beside it; the first one's file is its alone. */
    @Test
    void aFileHeldByAnotherAgentIsLeftToIt() throws Exception {
        Path dir = Files.createTempDirectory("store-test-");
        HistoryStore first = new HistoryStore(dir.resolve("health.db"), 50L << 20, "radio", () -> "a:8082", "8082");
        HistoryStore second = new HistoryStore(dir.resolve("health.db"), 50L << 20, "radio", () -> "a:8083", "8083");
        assertTrue(first.open(), first.status().reason);
        assertTrue(second.open(), second.status().reason);
        assertEquals(dir.resolve("health.db").toString(), first.status().file);
        assertEquals(dir.resolve("health-8083.db").toString(), second.status().file);
        assertTrue(first.record(T0, perf(10), 10, 0));
        assertTrue(second.record(T0, perf(90), 10, 0));
        assertEquals(10, first.history("cpu", T0, 1).get(0)[1], 0.0, "each writes its own file");
        assertEquals(90, second.history("cpu", T0, 1).get(0)[1], 0.0);
        first.close();
        second.close();
        HistoryStore again = new HistoryStore(dir.resolve("health.db"), 50L << 20, "radio", () -> "a:8083", "8083");
        assertTrue(again.open());
        assertEquals(dir.resolve("health.db").toString(), again.status().file, "free again once the first closed");
        again.close();
    }

    /** Alerts carry their service: another service's are not restored as this agent's. */
    @Test
    void onlyTheServicesOwnAlertsAreRestored() throws Exception {
        Path dir = Files.createTempDirectory("store-test-");
        HistoryStore radio = new HistoryStore(dir.resolve("health.db"), 50L << 20, "radio", () -> "a:8082", "8082");
        assertTrue(radio.open());
        io.healthagent.model.HealthAlert active = new io.healthagent.model.HealthAlert("redis:consecutive_failures",
                io.healthagent.model.AlertSeverity.CRITICAL, "redis down", "redis", T0, false);
        radio.write(new HistoryStore.Sample(T0, perf(1), 1, 0, 0, 100, true, 0), List.of(new io.healthagent.model.AlertHistoryEntry(
                active, null, List.of(new io.healthagent.model.AlertTransition(T0, null, "Critical", 3.0)), 7)));
        radio.close();
        HistoryStore other = new HistoryStore(dir.resolve("health.db"), 50L << 20, "billing", () -> "b:8082", "8082");
        assertTrue(other.open());
        assertEquals(List.of(), other.restoreAlerts(100), "billing restores none of radio's alerts");
        other.close();
        HistoryStore radioAgain = new HistoryStore(dir.resolve("health.db"), 50L << 20, "radio", () -> "a:8082", "8082");
        assertTrue(radioAgain.open());
        assertEquals(1, radioAgain.restoreAlerts(100).size(), "radio gets its own back");
        radioAgain.close();
    }
}
