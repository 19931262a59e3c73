package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import java.util.Locale;

/**
 * The old generation after collections rises steadily over the window (a leak suspected, see
 * {@code trends.Analyzer}): Warning, with the rate. It holds while the old generation still rises
 * (a positive slope with R squared at least 0.5). The value is MB per hour.
 */
final class MemoryLeakRule implements Rule {
    private Analysis.MemoryLeak last;

    @Override
    public String id() {
        return "memory_leak:old_gen_growth";
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        if (in.analysis == null || in.analysis.memory_leak == null) return null;
        last = in.analysis.memory_leak;
        if (last.growth_mb_per_hour == null) return null; // too few collections to judge
        boolean rising = last.growth_mb_per_hour > 0 && last.r2 != null && last.r2 >= 0.5;
        AlertSeverity up = last.suspected ? AlertSeverity.WARNING : null;
        AlertSeverity hold = current != null && rising ? AlertSeverity.WARNING : up;
        return new Reading(up, hold, last.growth_mb_per_hour);
    }

    @Override
    public String describe(double mbPerHour) {
        String full = last == null || last.hours_to_full == null ? ""
                : ", its maximum in " + AlertEngine.hoursText(last.hours_to_full) + " at this rate";
        return String.format(Locale.ROOT, "Old generation after GC rising %.1f MB/h (R2 %.2f; %s of %s MB%s)", mbPerHour,
                last == null || last.r2 == null ? 0 : last.r2, last == null ? "?" : last.old_gen_after_gc_mb,
                last == null ? "?" : last.max_mb, full);
    }

    @Override
    public String limit(AlertSeverity level) {
        return "rising steadily by 5% of its maximum or more over the window";
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears when it stops rising";
    }
}
