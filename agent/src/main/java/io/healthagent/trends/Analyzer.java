package io.healthagent.trends;

import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.model.Analysis;
import io.healthagent.model.PerformanceMetrics;
import java.util.List;

/**
 * Reads the recent samples (the last {@code forecast.window}, seeded from the history store at start, then
 * one per snapshot) for trends, forecasts and patterns. On the monitor thread: a few hundred points of
 * arithmetic per snapshot, no I/O.
 *
 * <ul>
 *   <li>Trends: least-squares slopes per hour of CPU, memory, disk, p95 and the error rate.</li>
 *   <li>Disk full: the disk usage's line over the window, extended to 100% (Prometheus's
 *       {@code predict_linear}).</li>
 *   <li>Memory leak: the old generation after collections rising over the window, steadily (R squared at
 *       least {@value #LEAK_R2}) and by at least {@value #LEAK_MIN_GROWTH_PERCENT}% of its maximum.</li>
 *   <li>Error burst: more than {@value #BURST_MIN_REQUESTS} requests in the last minute and an error rate
 *       over it at least {@value #BURST_FACTOR} times the baseline and {@value #BURST_MIN_POINTS} points above
 *       it. Latency drift: the median p95 of the last {@code pattern.recent} at least {@value #DRIFT_FACTOR}
 *       times the baseline's median and {@value #DRIFT_MIN_MS} ms above it. The baseline is the rest of the
 *       window, before the recent stretch.</li>
 * </ul>
 */
public final class Analyzer {
    static final int MIN_POINTS = 5;
    static final double LEAK_R2 = 0.8;
    static final double LEAK_MIN_GROWTH_PERCENT = 5;
    static final int BURST_MIN_REQUESTS = 20;
    static final double BURST_FACTOR = 5;
    static final double BURST_MIN_POINTS = 5;
    static final double DRIFT_FACTOR = 1.5;
    static final double DRIFT_MIN_MS = 20;
    private static final double MB = 1 << 20;

    private final long windowMillis;
    private final long recentMillis;
    private final String diskPath;
    private final Series cpu;
    private final Series memory;
    private final Series disk;
    private final Series p95;
    private final Series errorRate;
    private final Series oldGen;
    private final OldGeneration oldGeneration;
    private long oldGenMax;

    public Analyzer(Options options, String diskPath) {
        this(options.get(OptionTable.FORECAST_WINDOW).toMillis(), options.get(OptionTable.PATTERN_RECENT).toMillis(), diskPath, new OldGeneration());
    }

    Analyzer(long windowMillis, long recentMillis, String diskPath, OldGeneration oldGeneration) {
        this.windowMillis = windowMillis;
        this.recentMillis = Math.min(recentMillis, windowMillis / 2);
        this.diskPath = diskPath;
        this.oldGeneration = oldGeneration;
        cpu = new Series(windowMillis);
        memory = new Series(windowMillis);
        disk = new Series(windowMillis);
        p95 = new Series(windowMillis);
        errorRate = new Series(windowMillis);
        oldGen = new Series(windowMillis);
    }

    /** The history store's points of a metric ({Unix seconds, value}), oldest first, from before a restart. */
    public void seed(String metric, List<double[]> points) {
        Series s;
        switch (metric) {
            case "cpu": s = cpu; break;
            case "memory": s = memory; break;
            case "disk": s = disk; break;
            case "p95": s = p95; break;
            case "error_rate": s = errorRate; break;
            default: return;
        }
        for (double[] p : points) {
            if (metric.equals("p95") && p[1] <= 0) continue; // a stretch without requests
            s.add((long) (p[0] * 1000), p[1]);
        }
    }

    /**
     * @param diskUsedBytes used bytes of the disk_space check's filesystem (0: unknown)
     * @param requestsLastMinute requests in the response-time window
     */
    public Analysis update(long nowMillis, PerformanceMetrics p, long diskUsedBytes, long requestsLastMinute) {
        cpu.add(nowMillis, p.cpu_usage_percent);
        memory.add(nowMillis, p.memory_usage_percent);
        disk.add(nowMillis, p.disk_usage_percent);
        if (requestsLastMinute > 0) p95.add(nowMillis, p.response_times.p95_ms);
        errorRate.add(nowMillis, p.error_rates.rate_1min);
        long[] old = oldGeneration == null ? null : oldGeneration.sinceLastCall();
        if (old != null) {
            oldGen.add(nowMillis, old[0]);
            oldGenMax = old[1];
        }
        long from = nowMillis - windowMillis;
        Analysis.Trends trends = new Analysis.Trends(perHour(cpu, from, nowMillis), perHour(memory, from, nowMillis),
                perHour(disk, from, nowMillis), perHour(p95, from, nowMillis), perHour(errorRate, from, nowMillis));
        return new Analysis(windowMillis / 1000, trends, diskForecast(from, nowMillis, p.disk_usage_percent, diskUsedBytes),
                memoryLeak(from, nowMillis), patterns(from, nowMillis, p.error_rates.rate_1min, requestsLastMinute));
    }

    private Series.Fit fit(Series s, long from, long to) {
        Series.Fit f = s.fit(from, to, MIN_POINTS);
        return f == null || f.spanSeconds * 1000 < windowMillis / 3 ? null : f;
    }

    private Double perHour(Series s, long from, long to) {
        Series.Fit f = fit(s, from, to);
        return f == null ? null : round(f.slope * 3600, 3);
    }

    private Analysis.DiskForecast diskForecast(long from, long now, double percent, long usedBytes) {
        double capacity = percent > 0 && usedBytes > 0 ? usedBytes * 100.0 / percent : Double.NaN;
        Double free = Double.isNaN(capacity) ? null : round(capacity * (100 - percent) / 100 / MB, 1);
        Series.Fit f = fit(disk, from, now);
        if (f == null) return new Analysis.DiskForecast(diskPath, round(percent, 2), free, null, null, null);
        Double rate = Double.isNaN(capacity) ? null : round(f.slope * 3600 * capacity / 100 / MB, 1);
        Double hours = null;
        if (f.slope > 0) {
            double at = Math.min(100, Math.max(0, f.now));
            hours = round((100 - at) / f.slope / 3600, 3);
        }
        return new Analysis.DiskForecast(diskPath, round(percent, 2), free, rate, hours, round(f.r2, 3));
    }

    private Analysis.MemoryLeak memoryLeak(long from, long now) {
        Double last = oldGen.size() == 0 ? null : round(oldGen.last() / MB, 1);
        Double max = oldGenMax <= 0 ? null : round(oldGenMax / MB, 1);
        Series.Fit f = fit(oldGen, from, now);
        if (f == null) return new Analysis.MemoryLeak(last, max, null, null, oldGen.size(), false, null);
        double growthOverWindow = f.slope * windowMillis / 1000.0;
        boolean suspected = f.slope > 0 && f.r2 >= LEAK_R2 && oldGenMax > 0
                && growthOverWindow >= LEAK_MIN_GROWTH_PERCENT / 100 * oldGenMax;
        Double hours = suspected ? round(Math.max(0, oldGenMax - f.now) / f.slope / 3600, 3) : null;
        return new Analysis.MemoryLeak(last, max, round(f.slope * 3600 / MB, 1), round(f.r2, 3), f.points, suspected, hours);
    }

    private Analysis.Patterns patterns(long from, long now, double rate1min, long requests) {
        long recentFrom = now - recentMillis;
        Series.Fit baseErrors = errorRate.fit(from, recentFrom, MIN_POINTS);
        Double errorBaseline = baseErrors == null ? null : round(baseErrors.mean, 3);
        boolean burst = errorBaseline != null && requests > BURST_MIN_REQUESTS
                && rate1min >= BURST_FACTOR * errorBaseline && rate1min >= errorBaseline + BURST_MIN_POINTS;
        double base = p95.median(from, recentFrom);
        double recent = p95.median(recentFrom + 1, now);
        boolean enough = p95.fit(from, recentFrom, 3) != null && p95.fit(recentFrom + 1, now, 3) != null;
        Double p95Baseline = enough ? round(base, 2) : null;
        Double p95Recent = enough ? round(recent, 2) : null;
        boolean drift = enough && recent >= DRIFT_FACTOR * base && recent >= base + DRIFT_MIN_MS;
        return new Analysis.Patterns(errorBaseline, round(rate1min, 3), burst, p95Baseline, p95Recent, drift);
    }

    private static Double round(double v, int decimals) {
        return Analysis.rounded(v, decimals);
    }
}
