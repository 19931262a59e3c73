package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;

/**
 * The container's OOM-kill counter went up (a process in it was killed for memory): Critical at once;
 * resolved once no new kill has come for alert.for.
 */
final class OomKillRule implements Rule {
    private long lastKills = -1;

    @Override
    public String id() {
        return "memory:oom_kill";
    }

    @Override
    public boolean raisesAtOnce() {
        return true;
    }

    @Override
    public Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current) {
        long kills = in.oomKills;
        if (kills < 0) {
            return null; // no memory cgroup
        }
        boolean fresh = lastKills >= 0 && kills > lastKills;
        lastKills = kills;
        return new Reading(fresh ? AlertSeverity.CRITICAL : null, fresh ? AlertSeverity.CRITICAL : null, kills);
    }

    @Override
    public String describe(double value) {
        return (long) value + " OOM kills in the container so far";
    }

    @Override
    public String limit(AlertSeverity level) {
        return "at any new OOM kill";
    }

    @Override
    public String clearsWhen(AlertSeverity level, double clearMargin) {
        return level.wire() + " clears when no new kill has come for a while";
    }
}
