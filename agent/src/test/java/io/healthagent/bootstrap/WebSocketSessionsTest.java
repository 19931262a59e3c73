package io.healthagent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.healthagent.metrics.WebSocketMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketSessionsTest {
    @Test
    void findsEachConnectionsSessionThroughGrowthAndRemoval() {
        WebSocketBridge.install(new WebSocketMetrics());
        List<Object> connections = new ArrayList<>();
        List<WebSocketSession> sessions = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object c = new Object();
            WebSocketSession s = WebSocketBridge.newSession("/ws");
            WebSocketSessions.put(c, s);
            connections.add(c);
            sessions.add(s);
        }
        for (int i = 0; i < connections.size(); i++) {
            assertSame(sessions.get(i), WebSocketSessions.get(connections.get(i)));
        }
        for (int i = 0; i < connections.size(); i += 2) {
            WebSocketSessions.remove(connections.get(i));
        }
        for (int i = 0; i < connections.size(); i++) {
            WebSocketSession found = WebSocketSessions.get(connections.get(i));
            if (i % 2 == 0) assertNull(found); else assertSame(sessions.get(i), found);
        }
        assertNull(WebSocketSessions.get(new Object()), "a connection the agent does not count");
        for (int i = 1; i < connections.size(); i += 2) WebSocketSessions.remove(connections.get(i));
        assertEquals(0, WebSocketSessions.size());
    }

    @Test
    void aSessionOpensAndClosesOnce() {
        WebSocketMetrics metrics = new WebSocketMetrics();
        WebSocketBridge.install(metrics);
        WebSocketSession s = WebSocketBridge.newSession("/ws");
        s.frame(true, true, 10); // before the open: not counted
        s.opened();
        s.opened();
        s.frame(true, true, 10);
        s.closed(1000);
        s.closed(1006);
        s.frame(false, true, 10); // after the close: not counted
        assertEquals(0, metrics.active());
        var stats = metrics.stats(1_800_000_000_000L).total;
        assertEquals(1, stats.opened_total);
        assertEquals(1L, stats.closed_total.get("1000"));
        assertEquals(0L, stats.closed_total.get("1006"));
        assertEquals(1, stats.messages_in_total);
        assertEquals(0, stats.messages_out_total);
    }

    @Test
    void anUpgradeGivesTheSessionItsTemplateAndARefusalIsCounted() {
        WebSocketMetrics metrics = new WebSocketMetrics();
        WebSocketBridge.install(metrics);
        assertNull(WebSocketBridge.sessionForUpgrade(), "outside an upgrade: a client-side session");
        WebSocketBridge.upgradeStarted("/ws/{room}");
        WebSocketSession s = WebSocketBridge.sessionForUpgrade();
        WebSocketBridge.upgradeEnded(true);
        s.opened();
        WebSocketBridge.upgradeStarted("/ws/{room}");
        WebSocketBridge.upgradeEnded(true); // no session came of it
        WebSocketBridge.upgradeStarted("/ws/{room}");
        WebSocketBridge.upgradeEnded(false); // not an upgrade request at all
        var e = metrics.stats(1_800_000_000_000L).endpoints.get(0);
        assertEquals("/ws/{room}", e.endpoint);
        assertEquals(1, e.connections_active);
        assertEquals(1, e.upgrades_refused_total);
        assertEquals(0, CallDepth.WEBSOCKET.frame().depth, "balanced");
    }
}
