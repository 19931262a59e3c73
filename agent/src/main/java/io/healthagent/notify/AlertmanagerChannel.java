package io.healthagent.notify;

import io.healthagent.model.ReportJson;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.NotificationStatus;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speaks Alertmanager's API v2 as Prometheus does: {@code POST /api/v2/alerts} with every active alert,
 * at once when something changed and again every {@code alertmanager.resend}, each with {@code endsAt}
 * {@value #ENDS_AFTER_RESENDS} resend periods ahead (an agent that dies leaves alerts that expire by
 * themselves); a resolved alert is sent with {@code endsAt} at its resolution, and again with every
 * resend for {@value #RESOLVED_RESEND_MINUTES} minutes, in case one POST was lost.
 *
 * <p>Labels: {@code alertname} (the alert id, {@code COMPONENT:RULE}, the same on every agent, so that
 * Alertmanager groups a fleet's alerts), {@code service}, {@code instance}, {@code component},
 * {@code severity} (lower case); annotations {@code summary} and {@code description}.
 *
 * <p>Alertmanager identifies an alert by its labels, so each severity an alert held is an alert of its own
 * there. When an alert changes level, the label set of the level it left is sent resolved at once (its
 * {@code endsAt} when it left), as Prometheus does for a rule that stops firing; when it resolves, every
 * label set it sent is resolved. Only levels at or above {@code alertmanager.min_severity} are sent.
 */
final class AlertmanagerChannel implements Channel {
    static final int ENDS_AFTER_RESENDS = 4;
    static final long RESOLVED_RESEND_MINUTES = 15;

    /** One alert of the POST body, as API v2's postableAlert. */
    public static final class PostableAlert {
        public final Map<String, String> labels;
        public final Map<String, String> annotations;
        public final String startsAt;
        public final String endsAt;
        public final String generatorURL;

        PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt,
                      String generatorURL) {
            this.labels = labels;
            this.annotations = annotations;
            this.startsAt = startsAt;
            this.endsAt = endsAt;
            this.generatorURL = generatorURL;
        }
    }

    private final String service;
    private final Instance instance;
    private final long resendMillis;
    private final AlertSeverity minSeverity;
    private final Delivery delivery;
    private long lastSentMillis = Long.MIN_VALUE / 2;

    AlertmanagerChannel(String baseUrl, String service, Instance instance, long resendMillis, AlertSeverity minSeverity)
            throws IOException {
        this.minSeverity = minSeverity;
        this.service = service;
        this.instance = instance;
        this.resendMillis = resendMillis;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        // A queue of one: each body is the whole state, so a newer one replaces one not sent yet.
        this.delivery = new Delivery("alertmanager", base + "/api/v2/alerts", 1);
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public void deliver(List<Notice> notices, List<AlertHistoryEntry> history, long nowMillis) {
        boolean changed = false;
        for (Notice n : notices) {
            changed |= n.kind != Notice.Kind.REMINDER; // Alertmanager repeats by itself (repeat_interval)
        }
        if (!changed && nowMillis - lastSentMillis < resendMillis) return;
        List<PostableAlert> body = alerts(history, nowMillis);
        if (body.isEmpty()) return;
        delivery.offer(ReportJson.write(body));
        lastSentMillis = nowMillis;
    }

    List<PostableAlert> alerts(List<AlertHistoryEntry> history, long nowMillis) {
        List<PostableAlert> out = new ArrayList<>();
        String inst = instance.get();
        long active = nowMillis + ENDS_AFTER_RESENDS * resendMillis;
        for (AlertHistoryEntry a : history) {
            for (Level level : levels(a)) {
                if (level.severity.compareTo(minSeverity) < 0) continue;
                String endsAt;
                if (level.until == null) {
                    endsAt = Instant.ofEpochMilli(active).toString();
                } else if (nowMillis / 1000 - level.until <= RESOLVED_RESEND_MINUTES * 60) {
                    endsAt = Instant.ofEpochSecond(level.until).toString();
                } else {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("alertname", a.id);
                labels.put("service", service);
                labels.put("instance", inst);
                labels.put("component", a.component);
                labels.put("severity", level.severity.wire().toLowerCase(Locale.ROOT));
                Map<String, String> annotations = new LinkedHashMap<>();
                annotations.put("summary", level.severity.wire() + " " + a.id + " on " + service + " (" + inst + ")");
                annotations.put("description", a.message);
                out.add(new PostableAlert(labels, annotations, Instant.ofEpochSecond(level.since).toString(), endsAt,
                        "http://" + inst + "/health/alerts"));
            }
        }
        return out;
    }

    /** A severity an alert held, from when, until when (null: it holds it now). */
    static final class Level {
        final AlertSeverity severity;
        final long since;
        final Long until;

        Level(AlertSeverity severity, long since, Long until) {
            this.severity = severity;
            this.since = since;
            this.until = until;
        }
    }

    /** The levels {@code a} held, in order, from its transitions (its one level when it has none). */
    static List<Level> levels(AlertHistoryEntry a) {
        List<Level> out = new ArrayList<>();
        AlertSeverity held = null;
        long since = a.timestamp;
        for (AlertTransition t : a.transitions == null ? List.<AlertTransition>of() : a.transitions) {
            if (held != null) out.add(new Level(held, since, t.at));
            held = AlertSeverity.ofWire(t.to); // null: Resolved
            since = t.at;
        }
        if (held != null || out.isEmpty()) {
            AlertSeverity now = held != null ? held : a.severity;
            out.add(new Level(now, since, a.resolved ? (a.resolved_at != null ? a.resolved_at : since) : null));
        }
        return out;
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
