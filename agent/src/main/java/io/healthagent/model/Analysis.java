package io.healthagent.model;

/**
 * What the monitor reads in the recent samples (the last {@code forecast.window}): trends, the disk-full and
 * memory-leak forecasts and the patterns, beside the specification's fields in /health/detailed. Figures
 * are null while there are too few samples to say (at least five, over a third of the window).
 */
public final class Analysis {
    public final long window_seconds;
    public final Trends trends;
    public final DiskForecast disk_forecast;
    public final MemoryLeak memory_leak;
    public final Patterns patterns;

    /** {@code v} to {@code decimals} places, as the report shows figures; null for NaN and the infinities. */
    public static Double rounded(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return null;
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    public Analysis(long windowSeconds, Trends trends, DiskForecast diskForecast, MemoryLeak memoryLeak,
                    Patterns patterns) {
        this.window_seconds = windowSeconds;
        this.trends = trends;
        this.disk_forecast = diskForecast;
        this.memory_leak = memoryLeak;
        this.patterns = patterns;
    }

    /** Slopes per hour by least squares over the window. */
    public static final class Trends {
        public final Double cpu_percent_per_hour;
        public final Double memory_percent_per_hour;
        public final Double disk_percent_per_hour;
        public final Double p95_ms_per_hour;
        public final Double error_rate_percent_per_hour;

        public Trends(Double cpu, Double memory, Double disk, Double p95, Double errorRate) {
            this.cpu_percent_per_hour = cpu;
            this.memory_percent_per_hour = memory;
            this.disk_percent_per_hour = disk;
            this.p95_ms_per_hour = p95;
            this.error_rate_percent_per_hour = errorRate;
        }
    }

    /** When the disk of audio.dir (or the working directory) fills, at the rate of the window (predict_linear). */
    public static final class DiskForecast {
        public final String path;
        public final Double usage_percent;
        public final Double free_mb;
        public final Double fill_rate_mb_per_hour;
        /** null when the disk is not filling (or too few samples). */
        public final Double hours_to_full;
        /** How straight the filling is (R squared, 0 to 1): the forecast raises an alert only from 0.5. */
        public final Double r2;

        public DiskForecast(String path, Double usagePercent, Double freeMb, Double fillRateMbPerHour, Double hoursToFull,
                            Double r2) {
            this.r2 = r2;
            this.path = path;
            this.usage_percent = usagePercent;
            this.free_mb = freeMb;
            this.fill_rate_mb_per_hour = fillRateMbPerHour;
            this.hours_to_full = hoursToFull;
        }
    }

    /** The old generation after collections: rising steadily over the window is a leak suspected. */
    public static final class MemoryLeak {
        public final Double old_gen_after_gc_mb;
        public final Double max_mb;
        public final Double growth_mb_per_hour;
        /** How straight the rise is (least squares' R squared), 0 to 1. */
        public final Double r2;
        /** Collections seen over the window. */
        public final int samples;
        public final boolean suspected;
        /** At this rate, until the old generation reaches its maximum; null when not suspected. */
        public final Double hours_to_full;

        public MemoryLeak(Double afterGcMb, Double maxMb, Double growthMbPerHour, Double r2, int samples,
                          boolean suspected, Double hoursToFull) {
            this.old_gen_after_gc_mb = afterGcMb;
            this.max_mb = maxMb;
            this.growth_mb_per_hour = growthMbPerHour;
            this.r2 = r2;
            this.samples = samples;
            this.suspected = suspected;
            this.hours_to_full = hoursToFull;
        }
    }

    /** The pattern rules' figures: the recent stretch against the baseline before it. */
    public static final class Patterns {
        public final Double error_rate_baseline_percent;
        public final double error_rate_1min_percent;
        public final boolean error_burst;
        public final Double p95_baseline_ms;
        public final Double p95_recent_ms;
        public final boolean latency_drift;

        public Patterns(Double errorBaseline, double errorRate, boolean errorBurst, Double p95Baseline, Double p95Recent,
                        boolean latencyDrift) {
            this.error_rate_baseline_percent = errorBaseline;
            this.error_rate_1min_percent = errorRate;
            this.error_burst = errorBurst;
            this.p95_baseline_ms = p95Baseline;
            this.p95_recent_ms = p95Recent;
            this.latency_drift = latencyDrift;
        }
    }
}
