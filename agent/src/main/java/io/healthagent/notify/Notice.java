package io.healthagent.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;

/** One thing to tell people about one alert: a transition of it, or a reminder that it is still there. */
public final class Notice {
    public enum Kind {
        RAISED("raised"), ESCALATED("escalated"), DEESCALATED("de-escalated"), RESOLVED("resolved"),
        REMINDER("reminder");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        static Kind of(AlertTransition t) {
            if (t.from == null) return RAISED;
            if (AlertTransition.RESOLVED.equals(t.to)) return RESOLVED;
            return rank(t.to) > rank(t.from) ? ESCALATED : DEESCALATED;
        }

        private static int rank(String wire) {
            AlertSeverity s = AlertSeverity.ofWire(wire);
            return s == null ? -1 : s.ordinal();
        }
    }

    public final Kind kind;
    /** The alert as it is now, with every transition so far. */
    public final AlertHistoryEntry alert;
    /** The transition told; for a reminder, the alert's last one. */
    public final AlertTransition transition;
    /** 1, 2, 3... for reminders; 0 otherwise. */
    public final int reminder;

    Notice(Kind kind, AlertHistoryEntry alert, AlertTransition transition, int reminder) {
        this.kind = kind;
        this.alert = alert;
        this.transition = transition;
        this.reminder = reminder;
    }

    /** "alert cpu:threshold escalated Warning -> Critical: CPU usage 91.0% (...)". */
    public String line() {
        String what;
        switch (kind) {
            case RAISED: what = "raised " + transition.to; break;
            case RESOLVED: what = "resolved (was " + transition.from + ")"; break;
            case REMINDER: what = "still " + alert.severity.wire() + " (reminder " + reminder + ")"; break;
            default: what = kind.wire() + " " + transition.from + " -> " + transition.to;
        }
        return "alert " + alert.id + " " + what + ": " + alert.message;
    }
}
