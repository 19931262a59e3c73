package io.healthagent.benchmarks;

import io.healthagent.alerts.AlertEngine;
import io.healthagent.config.Options;
import io.healthagent.config.OptionsLoader;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.ErrorRateMetrics;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthThreshold;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import io.healthagent.store.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What the monitor's new work costs per snapshot, and how big the store gets: 90 days of samples at the
 * default 10 s interval written into a real SQLite file with the clock fast-forwarded (retention passes
 * included), then the alert engine evaluating a snapshot with eight checks. Prints figures; run with
 * {@code java -cp integration-tests/benchmarks/target/benchmarks.jar io.healthagent.benchmarks.StoreBenchmark}.
 */
public final class StoreBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("store-benchmark-");
        HistoryStore store = new HistoryStore(dir.resolve("health.db"), 50L << 20);
        if (!store.open()) throw new IllegalStateException(store.status().reason);
        long t0 = 1_800_000_000L;
        long days = 90;
        long interval = 10;
        long writes = days * 86_400 / interval;
        long start = System.nanoTime();
        long requests = 0;
        for (long i = 0; i < writes; i++) {
            requests += 400;
            if (!store.record(t0 + i * interval, perf(20 + i % 50, i % 7), requests, i / 100)) {
                throw new IllegalStateException("write failed: " + store.status().reason);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> sizes = store.sizes();
        System.out.printf("store: %d days at %d s = %,d snapshots written in %.1f s (%.1f us each, retention included)%n",
                days, interval, writes, seconds, seconds * 1e6 / writes);
        System.out.printf("store after 90 days: %,d bytes; rows full %d, per minute %d, per hour %d%n",
                sizes.get("file_bytes"), sizes.get("rows_0"), sizes.get("rows_60"), sizes.get("rows_3600"));
        store.close();

        Options options = OptionsLoader.load("", new Properties(), Map.of());
        AlertEngine engine = new AlertEngine(options, Set.of("database"));
        List<HealthCheck> checks = new ArrayList<>();
        for (String name : List.of("cpu", "memory", "disk_space", "network", "database", "redis", "cache", "api")) {
            checks.add(new HealthCheck(name, CheckStatus.PASS, "ok", 1, 1L, null, 0, new HealthThreshold(1000, 0.1f, 3)));
        }
        long n = 200_000;
        long t = t0 * 1000;
        start = System.nanoTime();
        int alerts = 0;
        for (long i = 0; i < n; i++) {
            alerts += engine.evaluate(t += 10_000, new AlertEngine.Inputs(checks, perf(60 + i % 20, i % 7),
                    name -> 0.0)).size();
        }
        double ns = (System.nanoTime() - start) / (double) n;
        System.out.printf("alert engine: %.1f us per snapshot (8 checks, 5 threshold rules; %d alerts shown in all)%n",
                ns / 1000, alerts);
        Files.walk(dir).sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    private static PerformanceMetrics perf(double cpu, double errorRate) {
        return new PerformanceMetrics((float) cpu, 512, 40f, 60f, 30, new ResponseTimeMetrics(5, 40, 90, 12),
                new ErrorRateMetrics((float) errorRate, 1, 1, 10));
    }
}
