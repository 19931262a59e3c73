package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;
import java.util.Map;

/**
 * A note that a component recovered from an Emergency: Info, raised when its Emergency alert resolves and
 * resolved {@value #NOTE_MINUTES} minutes later. Worth a line in a channel, never a page. The value is
 * minutes since the recovery.
 */
final class RecoveryRule implements Rule {
    static final long NOTE_MINUTES = 60;

    private final String component;
    private final Map<String, Long> recoveredAt;

    RecoveryRule(String component, Map<String, Long> recoveredAt) {
        this.component = component;
        this.recoveredAt = recoveredAt;
    }

    @Override
    public String id() {
        return component + ":recovery";
    }

    @Override
    public boolean raisesAtOnce() {
        return true;
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        Long at = recoveredAt.get(component);
        if (at == null) return null;
        double minutes = (in.nowMillis - at) / 60_000.0;
        AlertSeverity level = minutes < NOTE_MINUTES ? AlertSeverity.INFO : null;
        return new Reading(level, level, minutes);
    }

    @Override
    public String describe(double minutes) {
        return "Recovered from an Emergency " + Math.round(Math.max(0, minutes)) + " min ago";
    }

    @Override
    public String limit(AlertSeverity level) {
        return "for " + NOTE_MINUTES + " minutes after the recovery";
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears " + NOTE_MINUTES + " minutes after the recovery";
    }
}
