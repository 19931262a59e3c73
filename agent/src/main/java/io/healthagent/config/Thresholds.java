package io.healthagent.config;

import java.util.EnumMap;
import java.util.Map;

/**
 * Alert thresholds from the specification's table, each configurable as
 * {@code threshold.METRIC.SEVERITY} (severity: warning, critical, emergency).
 * Percentages for cpu, memory, disk and error_rate; milliseconds for response_time (p95).
 */
public final class Thresholds {

    public enum Metric {
        CPU("cpu", 70, 85, 95),
        MEMORY("memory", 80, 90, 95),
        DISK("disk", 85, 95, 98),
        ERROR_RATE("error_rate", 5, 10, 25),
        RESPONSE_TIME("response_time", 1000, 3000, 10000);

        public final String key;
        final double[] defaults;

        Metric(String key, double warning, double critical, double emergency) {
            this.key = key;
            this.defaults = new double[] {warning, critical, emergency};
        }

        public boolean isDuration() {
            return this == RESPONSE_TIME;
        }
    }

    /** Lower case, as in option keys: warning, critical, emergency. */
    public static final String[] SEVERITIES = {"warning", "critical", "emergency"};

    private final Map<Metric, double[]> levels;

    Thresholds(Map<Metric, double[]> levels) {
        this.levels = new EnumMap<>(levels);
    }

    public static Thresholds defaults() {
        Map<Metric, double[]> m = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            m.put(metric, metric.defaults.clone());
        }
        return new Thresholds(m);
    }

    public double warning(Metric m) {
        return levels.get(m)[0];
    }

    public double critical(Metric m) {
        return levels.get(m)[1];
    }

    public double emergency(Metric m) {
        return levels.get(m)[2];
    }
}
