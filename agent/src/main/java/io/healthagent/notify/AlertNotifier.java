package io.healthagent.notify;

import io.healthagent.AgentLog;
import io.healthagent.checks.Secrets;
import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import io.healthagent.model.NotificationStatus;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.monitor.SnapshotSubscriber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the alert engine's history into notices and hands them to every channel (the log always; a webhook
 * and Alertmanager when configured). A subscriber of the snapshots.
 *
 * <p>It reads each snapshot's whole alert history, not only its changes, so a snapshot dropped from its
 * queue loses no transition. Transitions from before the agent started (restored from the store) were told
 * then and are not told again.
 *
 * <p>Escalation: an alert still Critical or Emergency {@code alert.renotify} after it was last told is
 * told again, then after twice that, four and eight times (3, 6, 12, 24, 24... minutes by default).
 */
public final class AlertNotifier implements SnapshotSubscriber {
    static final int LONGEST_REMINDER_FACTOR = 8;

    /** What was told of one alert occurrence. */
    private static final class Told {
        int transitions;
        long lastToldMillis;
        int reminders;
    }

    private final List<Channel> channels;
    private final long renotifyMillis;
    private final long startSeconds;
    private final Map<Long, Told> told = new HashMap<>();

    AlertNotifier(List<Channel> channels, long renotifyMillis, long startMillis) {
        this.channels = channels;
        this.renotifyMillis = renotifyMillis;
        this.startSeconds = startMillis / 1000;
    }

    /** The log, plus the webhook and Alertmanager when their URLs are set (a bad one is logged and left out). */
    public static AlertNotifier from(Options options, String service, Instance instance, Secrets secrets) {
        List<Channel> channels = new ArrayList<>();
        channels.add(new LogChannel());
        try {
            if (options.get(OptionTable.WEBHOOK_URL) != null) channels.add(new WebhookChannel(options.get(OptionTable.WEBHOOK_URL),
                    options.get(OptionTable.WEBHOOK_QUEUE), service, instance));
        } catch (Exception e) {
            AgentLog.error("alert.webhook.url cannot be used (" + secrets.scrub(AgentLog.describe(e)) + "); no webhook");
        }
        try {
            if (options.get(OptionTable.ALERTMANAGER_URL) != null) {
                channels.add(new AlertmanagerChannel(options.get(OptionTable.ALERTMANAGER_URL), service, instance,
                        options.get(OptionTable.ALERTMANAGER_RESEND).toMillis(), options.get(OptionTable.ALERTMANAGER_MIN_SEVERITY)));
            }
        } catch (Exception e) {
            AgentLog.error("alertmanager.url cannot be used (" + secrets.scrub(AgentLog.describe(e)) + "); not sending");
        }
        return new AlertNotifier(channels, options.get(OptionTable.ALERT_RENOTIFY).toMillis(), System.currentTimeMillis());
    }

    /** A notifier of transitions only (no reminders) to one channel of another subscriber's (JMX). */
    public static AlertNotifier transitionsOnly(Channel channel, long startMillis) {
        return new AlertNotifier(java.util.Collections.singletonList(channel),
                Long.MAX_VALUE / (2 * LONGEST_REMINDER_FACTOR), startMillis);
    }

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public void onSnapshot(HealthSnapshot snapshot) {
        List<Notice> notices = notices(snapshot.alertHistory, snapshot.takenAtMillis);
        for (Channel c : channels) {
            try {
                c.deliver(notices, snapshot.alertHistory, snapshot.takenAtMillis);
            } catch (RuntimeException e) {
                AgentLog.warn("notification channel " + c.name() + " failed: " + AgentLog.describe(e));
            }
        }
    }

    /** The transitions not told yet, oldest first, then the reminders due. */
    List<Notice> notices(List<AlertHistoryEntry> newestFirst, long nowMillis) {
        List<Notice> out = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            AlertHistoryEntry a = newestFirst.get(i);
            Told t = told.get(a.sequence());
            if (t == null) {
                t = new Told();
                // Told before a restart: the store brought it back.
                while (t.transitions < a.transitions.size() && a.transitions.get(t.transitions).at < startSeconds) {
                    t.transitions++;
                }
                t.lastToldMillis = nowMillis;
                told.put(a.sequence(), t);
            }
            for (; t.transitions < a.transitions.size(); t.transitions++) {
                AlertTransition tr = a.transitions.get(t.transitions);
                out.add(new Notice(Notice.Kind.of(tr), a, tr, 0));
                t.lastToldMillis = nowMillis;
                t.reminders = 0;
            }
            if (!a.resolved && (a.severity == AlertSeverity.CRITICAL || a.severity == AlertSeverity.EMERGENCY)
                    && nowMillis - t.lastToldMillis >= renotifyMillis * Math.min(1L << t.reminders, LONGEST_REMINDER_FACTOR)) {
                t.reminders++;
                t.lastToldMillis = nowMillis;
                out.add(new Notice(Notice.Kind.REMINDER, a, a.transitions.get(a.transitions.size() - 1), t.reminders));
            }
        }
        if (told.size() > 4 * io.healthagent.alerts.AlertEngine.HISTORY) forgetGone(newestFirst);
        return out;
    }

    private void forgetGone(List<AlertHistoryEntry> kept) {
        java.util.Set<Long> live = new java.util.HashSet<>();
        for (AlertHistoryEntry a : kept) live.add(a.sequence());
        told.keySet().retainAll(live);
    }

    /** Each network channel's counts, for the agent block. */
    public List<NotificationStatus> statuses() {
        List<NotificationStatus> out = new ArrayList<>(2);
        for (Channel c : channels) {
            NotificationStatus s = c.status();
            if (s != null) out.add(s);
        }
        return out;
    }

    public void stop() {
        for (Channel c : channels) c.stop();
    }
}
