package io.healthagent.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.metrics.WebSocketMetrics;
import io.healthagent.model.CheckStatus;
import org.junit.jupiter.api.Test;

class WebSocketCheckTest {
    @Test
    void activeConnectionsAgainstTheLimit() {
        WebSocketMetrics m = new WebSocketMetrics();
        WebSocketCheck check = new WebSocketCheck(m, 10, 10);
        Object e = m.endpoint("/ws");
        for (int i = 0; i < 8; i++) m.opened(e);
        CheckOutcome eight = check.run();
        assertEquals(CheckStatus.PASS, eight.status, eight.message);
        assertEquals(8, eight.value);
        m.opened(e);
        assertEquals(CheckStatus.WARN, check.run().status, "from 90%");
        m.opened(e);
        assertEquals(CheckStatus.WARN, check.run().status, "at the limit");
        m.opened(e);
        CheckOutcome over = check.run();
        assertEquals(CheckStatus.FAIL, over.status);
        assertTrue(over.message.startsWith("11 WebSocket connections open of 10"), over.message);
    }

    @Test
    void abnormalClosesWarnOnceThereAreEnough() {
        WebSocketMetrics m = new WebSocketMetrics();
        WebSocketCheck check = new WebSocketCheck(m, 1000, 10);
        Object e = m.endpoint("/ws");
        for (int i = 0; i < 5; i++) {
            m.opened(e);
            m.closed(e, 1006, 1);
        }
        m.roll(System.currentTimeMillis());
        assertEquals(CheckStatus.PASS, check.run().status, "5 closes are too few to judge");
        for (int i = 0; i < 10; i++) {
            m.opened(e);
            m.closed(e, 1000, 1);
        }
        m.roll(System.currentTimeMillis());
        CheckOutcome o = check.run();
        assertEquals(CheckStatus.WARN, o.status, "5 of 15 abnormal");
        assertTrue(o.message.contains("5 of 15 closes in the last 5 minutes abnormal"), o.message);
    }
}
