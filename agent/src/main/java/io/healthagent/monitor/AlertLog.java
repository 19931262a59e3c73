package io.healthagent.monitor;

import io.healthagent.AgentLog;
import io.healthagent.alerts.AlertEngine;
import io.healthagent.model.AlertTransition;

/**
 * Logs each alert transition once, as it happens: raised, escalated, lowered, resolved. A subscriber of
 * the snapshots.
 */
public final class AlertLog implements SnapshotSubscriber {
    @Override
    public String name() {
        return "alert-log";
    }

    @Override
    public void onSnapshot(HealthSnapshot snapshot) {
        for (AlertEngine.Change c : snapshot.alertChanges) {
            AlertTransition t = c.transition;
            String what = t.from == null ? "raised " + t.to
                    : AlertTransition.RESOLVED.equals(t.to) ? "resolved (was " + t.from + ")"
                    : "changed " + t.from + " -> " + t.to;
            String line = "alert " + c.id + " " + what + ": " + c.message;
            if (t.from == null || !AlertTransition.RESOLVED.equals(t.to)) {
                AgentLog.warn(line);
            } else {
                AgentLog.info(line);
            }
        }
    }
}
