package io.healthagent.monitor;

import io.healthagent.AgentLog;
import io.healthagent.model.HealthAlert;
import java.util.HashMap;
import java.util.Map;

/** Logs each alert once when it is raised and once when it resolves: a subscriber of the snapshots. */
public final class AlertLog implements SnapshotSubscriber {
    private Map<String, HealthAlert> active = new HashMap<>();

    @Override
    public String name() {
        return "alert-log";
    }

    @Override
    public void onSnapshot(HealthSnapshot snapshot) {
        Map<String, HealthAlert> now = new HashMap<>();
        for (HealthAlert a : snapshot.report.alerts) {
            if (a.resolved) {
                continue;
            }
            now.put(a.id, a);
            if (!active.containsKey(a.id)) {
                AgentLog.warn("alert " + a.severity.wire() + " " + a.component + ": " + a.message);
            }
        }
        for (String id : active.keySet()) {
            if (!now.containsKey(id)) {
                AgentLog.info("alert resolved: " + id);
            }
        }
        active = now;
    }
}
