package io.healthagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.healthagent.model.WebSocketEndpointStats;
import io.healthagent.model.WebSocketStats;
import org.junit.jupiter.api.Test;

class WebSocketMetricsTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsPerEndpointAndInTotal() {
        WebSocketMetrics m = new WebSocketMetrics();
        Object chat = m.endpoint("/ws/chat/{room}");
        Object echo = m.endpoint("/ws/echo");
        assertSame(chat, m.endpoint("/ws/chat/{room}"), "one handle per template");
        for (int i = 0; i < 3; i++) m.opened(chat);
        m.opened(echo);
        m.message(chat, true, false, 100); // a first fragment: bytes, no message yet
        m.message(chat, true, true, 20);
        m.message(chat, false, true, 7);
        m.error(chat);
        m.closed(chat, 1000, 2 * SECOND);
        m.closed(chat, 1006, 90 * SECOND);
        m.closed(echo, 4000, SECOND / 2);
        m.refused("/ws/echo");

        WebSocketStats s = m.stats(T0);
        WebSocketEndpointStats c = s.endpoints.get(0);
        assertEquals("/ws/chat/{room}", c.endpoint);
        assertEquals(1, c.connections_active);
        assertEquals(3, c.opened_total);
        assertEquals(1, c.messages_in_total);
        assertEquals(120, c.bytes_in_total);
        assertEquals(1, c.messages_out_total);
        assertEquals(7, c.bytes_out_total);
        assertEquals(1, c.errors_total);
        assertEquals(1L, c.closed_total.get("1000"));
        assertEquals(1L, c.closed_total.get("1006"));
        assertEquals(2, c.sessions_closed);
        assertEquals(46, c.session_average_seconds, 0.01);
        // buckets: 2 s falls in "<= 5", 90 s in "<= 300"
        assertEquals(1, c.sessionBuckets[1]);
        assertEquals(1, c.sessionBuckets[5]);
        WebSocketEndpointStats e = s.endpoints.get(1);
        assertEquals(1L, e.closed_total.get("other"), "4000 is no code of its own");
        assertEquals(1, e.upgrades_refused_total);
        assertEquals(0, e.connections_active);

        assertNull(s.total.endpoint);
        assertEquals(1, s.total.connections_active);
        assertEquals(4, s.total.opened_total);
        assertEquals(3, s.total.sessions_closed);
        assertEquals(33.3f, s.total.abnormal_close_percent_5m, 0.1f, "1 of 3 closes abnormal");
        assertEquals(1, m.active());
    }

    @Test
    void theAbnormalShareCoversTheLastFiveMinutes() {
        WebSocketMetrics m = new WebSocketMetrics();
        Object a = m.endpoint("/a");
        for (int i = 0; i < 4; i++) {
            m.opened(a);
            m.closed(a, 1006, SECOND);
        }
        m.roll(T0);
        for (int i = 0; i < 4; i++) {
            m.opened(a);
            m.closed(a, 1000, SECOND);
        }
        m.roll(T0 + 200_000);
        assertEquals(50f, m.stats(T0 + 200_000).total.abnormal_close_percent_5m, 0.01f);
        assertEquals(0f, m.stats(T0 + 400_000).total.abnormal_close_percent_5m, 0.01f, "the drops left the window");
    }

    @Test
    void endpointsAreBounded() {
        WebSocketMetrics m = new WebSocketMetrics();
        for (int i = 0; i < WebSocketMetrics.MAX_ENDPOINTS + 50; i++) m.opened(m.endpoint("/ws/" + i));
        m.opened(m.endpoint(null));
        WebSocketStats s = m.stats(T0);
        assertEquals(WebSocketMetrics.MAX_ENDPOINTS + 1, s.endpoints.size(), "200 and other");
        assertEquals(WebSocketMetrics.MAX_ENDPOINTS + 51, s.total.opened_total, "nothing lost");
    }
}
