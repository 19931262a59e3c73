package io.healthagent.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import io.healthagent.model.HealthAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What is posted to Alertmanager for an alert whose severity changes: one label set per level it held. */
class AlertmanagerChannelTest {
    private static final long T0 = 1_800_000_000L;

    private static AlertmanagerChannel channel(AlertSeverity min) throws Exception {
        return new AlertmanagerChannel("http://127.0.0.1:9", "radio", new Instance("vm:8082", 0), 60_000, min);
    }

    /** An alert raised at T0 as the first level, then moved through the others, one a minute; resolved if asked. */
    private static AlertHistoryEntry alert(String id, boolean resolved, String... levels) {
        List<AlertTransition> transitions = new ArrayList<>();
        String from = null;
        long at = T0;
        for (String to : levels) {
            transitions.add(new AlertTransition(at, from, to, 1.0));
            from = to;
            at += 60;
        }
        Long resolvedAt = null;
        if (resolved) {
            transitions.add(new AlertTransition(at, from, "Resolved", 0.0));
            resolvedAt = at;
        }
        AlertSeverity last = AlertSeverity.ofWire(levels[levels.length - 1]);
        HealthAlert a = new HealthAlert(id, last, "the message", id.substring(0, id.indexOf(':')), T0, resolved);
        return new AlertHistoryEntry(a, resolvedAt, transitions, 1);
    }

    private static List<String> posted(List<AlertmanagerChannel.PostableAlert> body) {
        return body.stream().map(p -> p.labels.get("severity") + " until " + p.endsAt).collect(Collectors.toList());
    }

    private static String at(long seconds) {
        return Instant.ofEpochSecond(seconds).toString();
    }

    @Test
    void aLevelLeftIsResolvedAtOnceWhenItLeftIt() throws Exception {
        long now = (T0 + 130) * 1000;
        List<AlertmanagerChannel.PostableAlert> body = channel(AlertSeverity.WARNING)
                .alerts(List.of(alert("api:error_rate", false, "Warning", "Critical", "Emergency")), now);
        assertEquals(List.of("warning until " + at(T0 + 60), "critical until " + at(T0 + 120),
                "emergency until " + Instant.ofEpochMilli(now + 4 * 60_000)), posted(body));
        assertEquals(at(T0 + 60), body.get(1).startsAt, "each level starts when it was reached");
    }

    @Test
    void aResolvedAlertResolvesEveryLabelSetItPosted() throws Exception {
        long now = (T0 + 200) * 1000;
        List<AlertmanagerChannel.PostableAlert> body = channel(AlertSeverity.WARNING)
                .alerts(List.of(alert("api:error_rate", true, "Warning", "Critical", "Warning")), now);
        assertEquals(List.of("warning until " + at(T0 + 60), "critical until " + at(T0 + 120),
                "warning until " + at(T0 + 180)), posted(body));
    }

    @Test
    void onlyLevelsAtOrAboveTheMinimumAreSentAndOldResolutionsStop() throws Exception {
        AlertHistoryEntry recovery = alert("api:recovery", false, "Info");
        AlertHistoryEntry rising = alert("db:latency", false, "Info", "Warning");
        long now = (T0 + 90) * 1000;
        assertEquals(List.of("warning until " + Instant.ofEpochMilli(now + 4 * 60_000)),
                posted(channel(AlertSeverity.WARNING).alerts(List.of(recovery, rising), now)));
        assertEquals(3, channel(AlertSeverity.INFO).alerts(List.of(recovery, rising), now).size());
        long muchLater = (T0 + 120 + AlertmanagerChannel.RESOLVED_RESEND_MINUTES * 60 + 1) * 1000;
        assertEquals(List.of(), posted(channel(AlertSeverity.WARNING)
                .alerts(List.of(alert("api:error_rate", true, "Critical")), muchLater)));
    }
}
