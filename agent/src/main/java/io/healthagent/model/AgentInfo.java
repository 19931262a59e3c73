package io.healthagent.model;

import java.util.List;
import java.util.Map;

/**
 * The agent's own health, in /health/detailed's {@code agent} block: errors it caught in advice, the
 * bridge or its own tasks (they must stay 0), and which snapshot this is.
 */
public final class AgentInfo {
    /** Throwables caught by the agent since start, all sites together. */
    public final long errors;
    /** The same per site (advice and bridge sites are listed from the start, at 0). */
    public final Map<String, Long> error_sites;
    /** The history store: {"status": "ok", "file": "..."} or {"status": "unavailable", "reason": "..."}. */
    public final StoreStatus store;
    /** The network notification channels configured (webhook, Alertmanager), with what each sent and dropped. */
    public final List<NotificationStatus> notifications;
    /** 1 for the first snapshot, then one more per snapshot published. */
    public final long snapshot_sequence;
    /** When this snapshot was assembled, Unix milliseconds. */
    public final long snapshot_at_ms;

    public AgentInfo(long errors, Map<String, Long> errorSites, StoreStatus store, List<NotificationStatus> notifications,
                     long snapshotSequence, long snapshotAtMillis) {
        this.store = store;
        this.notifications = notifications;
        this.errors = errors;
        this.error_sites = errorSites;
        this.snapshot_sequence = snapshotSequence;
        this.snapshot_at_ms = snapshotAtMillis;
    }
}
