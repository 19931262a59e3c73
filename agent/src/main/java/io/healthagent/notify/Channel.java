package io.healthagent.notify;

import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.NotificationStatus;
import java.util.List;

/**
 * Where notices go: the log, a webhook, Alertmanager. Called on the notifier's thread with each snapshot's
 * notices (often none); must not block: a channel that talks to the network hands its work to its own
 * {@link Delivery}.
 */
public interface Channel {
    String name();

    /**
     * @param notices transitions and reminders since the last call, oldest first
     * @param history every alert the engine keeps, newest first (channels that resend state read it)
     */
    void deliver(List<Notice> notices, List<AlertHistoryEntry> history, long nowMillis);

    /** What it sent, failed and dropped; null for a channel that does not talk to the network (the log). */
    default NotificationStatus status() {
        return null;
    }

    /** Stops its threads (tests, agent shutdown). */
    default void stop() {
    }
}
