package io.healthagent.notify;

import io.healthagent.AgentLog;
import io.healthagent.model.AlertHistoryEntry;
import java.util.List;

/** One line on stderr per notice: raised, escalated, de-escalated, resolved, reminded. */
final class LogChannel implements Channel {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(List<Notice> notices, List<AlertHistoryEntry> history, long nowMillis) {
        for (Notice n : notices) {
            if (n.kind == Notice.Kind.RESOLVED || n.kind == Notice.Kind.DEESCALATED) {
                AgentLog.info(n.line());
            } else {
                AgentLog.warn(n.line());
            }
        }
    }
}
