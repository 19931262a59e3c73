package io.healthagent.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.healthagent.model.ReportJson;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.NotificationStatus;
import io.healthagent.model.AlertTransition;
import java.io.IOException;
import java.util.List;

/** One JSON POST per notice to {@code alert.webhook.url}; see {@link Payload} for the body. */
final class WebhookChannel implements Channel {

    /** The body: what happened, to which alert, where. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Payload {
        public final String service;
        public final String instance;
        /** raised, escalated, de-escalated, resolved, reminder. */
        public final Notice.Kind kind;
        public final AlertTransition transition;
        /** The alert with its whole history (the HealthAlert fields, resolved_at, transitions). */
        public final AlertHistoryEntry alert;
        /** For reminders: 1, 2, 3...; absent otherwise. */
        public final Integer reminder;
        /** When the agent sent it (Unix seconds). */
        public final long sent_at;

        Payload(String service, String instance, Notice n, long sentAt) {
            this.service = service;
            this.instance = instance;
            this.kind = n.kind;
            this.transition = n.transition;
            this.alert = n.alert;
            this.reminder = n.reminder == 0 ? null : n.reminder;
            this.sent_at = sentAt;
        }
    }

    private final String service;
    private final Instance instance;
    private final Delivery delivery;

    WebhookChannel(String url, int queue, String service, Instance instance) throws IOException {
        this.service = service;
        this.instance = instance;
        this.delivery = new Delivery("webhook", url, queue);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(List<Notice> notices, List<AlertHistoryEntry> history, long nowMillis) {
        for (Notice n : notices) {
            delivery.offer(ReportJson.write(new Payload(service, instance.get(), n, nowMillis / 1000)));
        }
    }

    @Override
    public NotificationStatus status() {
        return delivery.status();
    }

    @Override
    public void stop() {
        delivery.stop();
    }
}
