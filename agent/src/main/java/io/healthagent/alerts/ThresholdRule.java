package io.healthagent.alerts;

import io.healthagent.config.Thresholds;
import io.healthagent.config.Thresholds.Metric;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.PerformanceMetrics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** DESIGN.md's thresholds table: Warning, Critical, Emergency above three rising levels of one figure. */
final class ThresholdRule implements Rule {
    private static final AlertSeverity[] LEVELS = {AlertSeverity.WARNING, AlertSeverity.CRITICAL, AlertSeverity.EMERGENCY};

    private final String component;
    private final Metric metric;
    private final double[] thresholds;
    private final String format;
    private final ToDoubleFunction<PerformanceMetrics> figure;

    ThresholdRule(String component, Metric metric, Thresholds t, String format, ToDoubleFunction<PerformanceMetrics> figure) {
        this.component = component;
        this.metric = metric;
        this.thresholds = new double[] {t.warning(metric), t.critical(metric), t.emergency(metric)};
        this.format = format;
        this.figure = figure;
    }

    @Override
    public String id() {
        return component + ":threshold";
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        double v = figure.applyAsDouble(in.performance);
        AlertSeverity up = null;
        AlertSeverity hold = null;
        for (int i = 0; i < LEVELS.length; i++) {
            if (v > thresholds[i]) up = LEVELS[i];
            if (AlertEngine.rank(LEVELS[i]) <= AlertEngine.rank(current) && v > thresholds[i] * (1 - clearMargin)) {
                hold = LEVELS[i];
            }
        }
        return new Reading(up, hold, v);
    }

    @Override
    public String describe(double value) {
        return String.format(Locale.ROOT, format, value);
    }

    @Override
    public String limit(AlertSeverity level) {
        return "above " + amount(thresholds[level.ordinal() - 1]);
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears below " + amount(thresholds[level.ordinal() - 1] * (1 - clearMargin));
    }

    private String amount(double v) {
        if (metric.isDuration()) {
            return v >= 1000 ? String.format(Locale.ROOT, "%s s", trim(v / 1000)) : trim(v) + " ms";
        }
        return trim(v) + "%";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
