package io.healthagent.alerts;

import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import java.util.Locale;

/**
 * The disk of audio.dir (or the working directory) fills within a horizon, at the rate of the recent
 * samples: Info under {@code forecast.disk.info} (a note, no page), Warning under {@code forecast.disk.warning},
 * Critical under {@code forecast.disk.critical}. Hysteresis after Netdata's: a Warning holds until the
 * forecast is above {@code forecast.disk.warning_clear}, a Critical until above
 * {@code forecast.disk.critical_clear}, an Info until above 1.5 times its horizon. A level is raised only
 * when the filling is steady (R squared at least {@value #MIN_R2}). The value is hours.
 */
final class DiskForecastRule implements Rule {
    static final double MIN_R2 = 0.5;
    private final double info;
    private final double warning;
    private final double critical;
    private final double infoClear;
    private final double warningClear;
    private final double criticalClear;
    private Analysis.DiskForecast last;

    DiskForecastRule(Options o) {
        info = hours(o.get(OptionTable.DISK_INFO));
        warning = hours(o.get(OptionTable.DISK_WARNING));
        critical = hours(o.get(OptionTable.DISK_CRITICAL));
        infoClear = 1.5 * info;
        warningClear = Math.max(warning, hours(o.get(OptionTable.DISK_WARNING_CLEAR)));
        criticalClear = Math.max(critical, hours(o.get(OptionTable.DISK_CRITICAL_CLEAR)));
    }

    private static double hours(java.time.Duration d) {
        return d.toMillis() / 3_600_000.0;
    }

    @Override
    public String id() {
        return "disk_forecast:time_to_full";
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        if (in.analysis == null || in.analysis.disk_forecast == null) return null;
        last = in.analysis.disk_forecast;
        if (last.usage_percent == null) return null;
        double h = last.hours_to_full == null ? Double.POSITIVE_INFINITY : last.hours_to_full;
        boolean steady = last.r2 != null && last.r2 >= MIN_R2; // a disk that saws up and down predicts nothing
        AlertSeverity up = !steady ? null : h < critical ? AlertSeverity.CRITICAL : h < warning ? AlertSeverity.WARNING
                : h < info ? AlertSeverity.INFO : null;
        AlertSeverity hold = null;
        if (AlertEngine.rank(current) >= AlertSeverity.CRITICAL.ordinal() && h < criticalClear) hold = AlertSeverity.CRITICAL;
        else if (AlertEngine.rank(current) >= AlertSeverity.WARNING.ordinal() && h < warningClear) hold = AlertSeverity.WARNING;
        else if (AlertEngine.rank(current) >= AlertSeverity.INFO.ordinal() && h < infoClear) hold = AlertSeverity.INFO;
        if (AlertEngine.above(up, hold)) hold = up;
        return new Reading(up, hold, Double.isInfinite(h) ? Double.NaN : h);
    }

    @Override
    public String describe(double hours) {
        if (Double.isNaN(hours) || last == null) return "Disk of " + (last == null ? "?" : last.path) + " not filling";
        return String.format(Locale.ROOT, "Disk of %s full in %s at %s MB/h (%.1f%% used, %s MB free)", last.path,
                AlertEngine.hoursText(hours), last.fill_rate_mb_per_hour, last.usage_percent, last.free_mb);
    }

    @Override
    public String limit(AlertSeverity level) {
        return "under " + AlertEngine.hoursText(level == AlertSeverity.CRITICAL ? critical
                : level == AlertSeverity.WARNING ? warning : info);
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears above " + AlertEngine.hoursText(level == AlertSeverity.CRITICAL ? criticalClear
                : level == AlertSeverity.WARNING ? warningClear : infoClear);
    }
}
