package io.healthagent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import io.healthagent.model.HealthAlert;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertNotifierTest {
    private static final long START = 1_000_000_000_000L;
    private static final long MINUTE = 60_000;

    private static AlertHistoryEntry entry(long seq, AlertSeverity severity, boolean resolved, AlertTransition... ts) {
        HealthAlert a = new HealthAlert("cpu:threshold", severity, "CPU usage", "cpu", ts[0].at, resolved);
        return new AlertHistoryEntry(a, resolved ? ts[ts.length - 1].at : null, List.of(ts), seq);
    }

    private static AlertTransition t(long atMillis, String from, String to) {
        return new AlertTransition(atMillis / 1000, from, to, 90.0);
    }

    private static List<String> kinds(List<Notice> notices) {
        List<String> out = new ArrayList<>();
        for (Notice n : notices) out.add(n.kind.wire() + (n.reminder > 0 ? n.reminder : ""));
        return out;
    }

    @Test
    void eachTransitionIsToldOnceInOrderAndCriticalIsRemindedAt3_6_12_24_24Minutes() {
        AlertNotifier notifier = new AlertNotifier(Collections.emptyList(), 3 * MINUTE, START);
        AlertTransition raised = t(START + 1000, null, "Warning");
        AlertTransition up = t(START + 2000, "Warning", "Critical");
        // Two transitions in one snapshot (an earlier one dropped from the queue): both told, oldest first.
        assertEquals(List.of("raised", "escalated"),
                kinds(notifier.notices(List.of(entry(1, AlertSeverity.CRITICAL, false, raised, up)), START + 2000)));
        assertEquals(List.of(), kinds(notifier.notices(List.of(entry(1, AlertSeverity.CRITICAL, false, raised, up)), START + 3000)));
        List<Long> reminders = new ArrayList<>();
        for (long now = START + 2000; now <= START + 2000 + 70 * MINUTE; now += 10_000) {
            List<Notice> n = notifier.notices(List.of(entry(1, AlertSeverity.CRITICAL, false, raised, up)), now);
            if (!n.isEmpty()) {
                assertEquals(Notice.Kind.REMINDER, n.get(0).kind);
                reminders.add((now - START - 2000) / MINUTE);
            }
        }
        // 3, 3+6, 9+12, 21+24, 45+24 minutes after it was last told.
        assertEquals(List.of(3L, 9L, 21L, 45L, 69L), reminders);
        AlertTransition down = t(START + 71 * MINUTE, "Critical", "Warning");
        List<Notice> lowered = notifier.notices(List.of(entry(1, AlertSeverity.WARNING, false, raised, up, down)),
                START + 71 * MINUTE);
        assertEquals(List.of("de-escalated"), kinds(lowered));
        assertTrue(lowered.get(0).line().startsWith("alert cpu:threshold de-escalated Critical -> Warning: "), lowered.get(0).line());
        // A Warning is never reminded.
        assertEquals(List.of(), kinds(notifier.notices(List.of(entry(1, AlertSeverity.WARNING, false, raised, up, down)),
                START + 200 * MINUTE)));
        AlertTransition gone = t(START + 201 * MINUTE, "Warning", "Resolved");
        assertEquals(List.of("resolved"), kinds(notifier.notices(
                List.of(entry(1, AlertSeverity.WARNING, true, raised, up, down, gone)), START + 201 * MINUTE)));
    }

    @Test
    void transitionsFromBeforeTheAgentStartedAreNotToldAgain() {
        AlertNotifier notifier = new AlertNotifier(Collections.emptyList(), 3 * MINUTE, START);
        AlertTransition old = t(START - 10 * MINUTE, null, "Critical"); // restored from the store
        AlertTransition fresh = t(START + 5000, "Critical", "Resolved");
        assertEquals(List.of(), kinds(notifier.notices(List.of(entry(7, AlertSeverity.CRITICAL, false, old)), START + 1000)));
        assertEquals(List.of("resolved"), kinds(notifier.notices(List.of(entry(7, AlertSeverity.CRITICAL, true, old, fresh)),
                START + 5000)));
    }

    @Test
    void aWebhookUrlIsLoggedWithoutItsPathQueryOrUserInfo() {
        assertEquals("https://hooks.slack.com/***", Delivery.shown("https://hooks.slack.com/services/T0/B0/s3cretToken"));
        assertEquals("http://am:9093/***", Delivery.shown("http://am:9093/api/v2/alerts"));
        assertEquals("http://host:80", Delivery.shown("http://user:pw@host:80"));
        assertEquals("http://host", Delivery.shown("http://host/"));
    }
}
