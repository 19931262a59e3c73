package io.healthagent.config;

import static io.healthagent.config.OptionTable.ALERT_FOR;
import static io.healthagent.config.OptionTable.CHECK_INTERVAL;
import static io.healthagent.config.OptionTable.DISK_CRITICAL;
import static io.healthagent.config.OptionTable.DISK_CRITICAL_CLEAR;
import static io.healthagent.config.OptionTable.DISK_INFO;
import static io.healthagent.config.OptionTable.DISK_WARNING;
import static io.healthagent.config.OptionTable.DISK_WARNING_CLEAR;
import static io.healthagent.config.OptionTable.PATTERN_RECENT;
import static io.healthagent.config.OptionTable.THRESHOLD;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The rules that tie options to one another, applied once every value has been read: each value alone was
 * fine, together they are not. Each breach is one problem line and falls back to the defaults.
 */
final class AcrossOptions {
    private AcrossOptions() {
    }

    static void apply(Map<String, Object> values, List<String> problems) {
        thresholdsRise(values, problems);
        patternRecentOutlastsAlertFor(values, problems);
        diskForecastLevelsWiden(values, problems);
    }

    private static void thresholdsRise(Map<String, Object> values, List<String> problems) {
        Thresholds d = Thresholds.defaults();
        for (Thresholds.Metric m : Thresholds.Metric.values()) {
            double[] l = {d.warning(m), d.critical(m), d.emergency(m)};
            boolean set = false;
            for (int i = 0; i < 3; i++) {
                Object v = values.get(THRESHOLD.keyFor(m.key, Thresholds.SEVERITIES[i]));
                if (v != null) {
                    l[i] = (Double) v;
                    set = true;
                }
            }
            if (set && !(l[0] <= l[1] && l[1] <= l[2])) {
                problems.add("options 'threshold." + m.key + ".*' must rise from warning to critical to emergency;"
                        + " using the defaults for " + m.key);
                for (String s : Thresholds.SEVERITIES) values.remove(THRESHOLD.keyFor(m.key, s));
            }
        }
    }

    /** A burst must not be in its own baseline by the time it has held alert.for. */
    private static void patternRecentOutlastsAlertFor(Map<String, Object> values, List<String> problems) {
        Duration hold = values.containsKey(ALERT_FOR.key) ? (Duration) values.get(ALERT_FOR.key)
                : duration(values, CHECK_INTERVAL).multipliedBy(3);
        Duration recent = duration(values, PATTERN_RECENT);
        if (recent.compareTo(hold.multipliedBy(2)) < 0) {
            if (values.containsKey(PATTERN_RECENT.key)) {
                problems.add("option 'pattern.recent' = '" + Durations.format(recent)
                        + "' is too short: it must outlast alert.for twice (" + Durations.format(hold) + "); using "
                        + Durations.format(hold.multipliedBy(2)));
            }
            values.put(PATTERN_RECENT.key, hold.multipliedBy(2));
        }
    }

    /** The disk-full horizons must widen from critical to warning to info, and each clear lie beyond its level. */
    private static void diskForecastLevelsWiden(Map<String, Object> values, List<String> problems) {
        Duration critical = duration(values, DISK_CRITICAL);
        Duration warning = duration(values, DISK_WARNING);
        boolean ok = critical.compareTo(warning) <= 0 && warning.compareTo(duration(values, DISK_INFO)) <= 0
                && duration(values, DISK_WARNING_CLEAR).compareTo(warning) >= 0
                && duration(values, DISK_CRITICAL_CLEAR).compareTo(critical) >= 0;
        if (!ok) {
            problems.add("options 'forecast.disk.*' must widen from critical to warning to info, each clear at or"
                    + " above its level; using the defaults (2h, 8h, 3d; clear 24h, 48h)");
            for (Option<Duration> o : Arrays.asList(DISK_CRITICAL, DISK_WARNING, DISK_INFO, DISK_WARNING_CLEAR,
                    DISK_CRITICAL_CLEAR)) {
                values.remove(o.key);
            }
        }
    }

    private static Duration duration(Map<String, Object> values, Option<Duration> option) {
        Object v = values.get(option.key);
        return v != null ? (Duration) v : option.defaultFor(null);
    }
}
