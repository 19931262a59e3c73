package io.healthagent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
