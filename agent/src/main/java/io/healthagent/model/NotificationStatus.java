package io.healthagent.model;

/**
 * One notification channel that talks to the network (webhook, Alertmanager), in the agent block: what it
 * sent, gave up on after its retries, and dropped because its receiver did not keep up (a receiver that
 * hangs fills the queue; the oldest notifications go first).
 */
public final class NotificationStatus {
    public final String channel;
    /** Scheme, host and port only: a path or query can carry a token. */
    public final String target;
    public final long sent;
    public final long failed;
    public final long dropped;
    /** Waiting to be sent now. */
    public final int queued;

    public NotificationStatus(String channel, String target, long sent, long failed, long dropped, int queued) {
        this.channel = channel;
        this.target = target;
        this.sent = sent;
        this.failed = failed;
        this.dropped = dropped;
        this.queued = queued;
    }
}
