package io.healthagent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    private static String json(Object o) {
        return new String(ReportJson.write(o), StandardCharsets.UTF_8);
    }

    @Test
    void reportTypesAreWrittenFieldByFieldInDeclarationOrderWithNullsAndWireNames() {
        HealthCheck check = new HealthCheck("redis", CheckStatus.WARN, "slow \"PING\"\n", 12, 1700000000L, null, 2,
                new HealthThreshold(1000, 0.05f, 3));
        assertEquals("{\"name\":\"redis\",\"status\":\"warn\",\"message\":\"slow \\\"PING\\\"\\n\",\"duration_ms\":12,"
                + "\"last_success\":1700000000,\"last_failure\":null,\"failure_count\":2,"
                + "\"threshold\":{\"max_response_time_ms\":1000,\"max_failure_rate\":0.05,\"max_consecutive_failures\":3}}",
                json(check));
    }

    @Test
    void omitNullsUnwrappedAndTransientFields() {
        assertEquals("{\"status\":\"ok\",\"file\":\"/srv/h.db\"}", json(StoreStatus.ok("/srv/h.db")));
        assertEquals("{\"status\":\"unavailable\",\"reason\":\"disk full\"}", json(StoreStatus.unavailable("disk full")));
        Map<String, Long> closed = new LinkedHashMap<>();
        closed.put("1000", 3L);
        WebSocketEndpointStats total = new WebSocketEndpointStats(null, 1, 4, closed, 0, 5, 6, 7, 8, 0,
                new long[] {1, 2}, 9.5, 25.0f);
        WebSocketEndpointStats echo = new WebSocketEndpointStats("/ws/echo", 1, 4, closed, 0, 5, 6, 7, 8, 0,
                new long[] {1, 2}, 9.5, null);
        String expectedTotal = "\"connections_active\":1,\"opened_total\":4,\"closed_total\":{\"1000\":3},"
                + "\"upgrades_refused_total\":0,\"messages_in_total\":5,\"messages_out_total\":6,\"bytes_in_total\":7,"
                + "\"bytes_out_total\":8,\"errors_total\":0,\"sessions_closed\":";
        String written = json(new WebSocketStats(total, Arrays.asList(echo)));
        assertEquals(true, written.startsWith("{" + expectedTotal), written);
        assertEquals(true, written.contains("\"abnormal_close_percent_5m\":25.0,\"endpoints\":[{\"endpoint\":\"/ws/echo\","),
                written);
        assertEquals(false, written.contains("sessionBuckets") || written.contains("sessionSeconds"), written);
        assertEquals("{\"endpoints\":[]}", json(WebSocketStats.NONE));
    }

    @Test
    void mapsArraysNumbersAndControlCharacters() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("severity", AlertSeverity.CRITICAL);
        body.put("points", Arrays.asList(new Object[] {1700000000L, 0.25}, new Object[] {1700000060L, Double.NaN}));
        body.put("next", null);
        body.put("raw", "a\u0001b\\c\u00e9");
        assertEquals("{\"severity\":\"Critical\",\"points\":[[1700000000,0.25],[1700000060,\"NaN\"]],\"next\":null,"
                + "\"raw\":\"a\\u0001b\\\\c\u00e9\"}", json(body));
    }
}
