package io.healthagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;

/** Reading the agent's report (/health/detailed) in tests: waiting for a state, its checks and alerts. */
final class Reports {
    private Reports() {
    }

    /** Polls /health/detailed until {@code done} holds; fails with the last report at the deadline. */
    static JsonNode awaitReport(String agent, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                Http.Reply r = Http.get(agent + "/health/detailed");
                if (!r.body().contains("\"error\"")) {
                    last = r.json();
                    if (done.test(last)) return last;
                }
            } catch (java.io.IOException notUpYet) {
                // the agent's port opens a moment after the host starts
            }
            Thread.sleep(100);
        }
        throw new AssertionError("report did not reach the expected state within " + timeout + "; last: " + last);
    }

    static JsonNode alert(JsonNode report, String id) {
        for (JsonNode a : report.get("alerts")) {
            if (a.get("id").asText().equals(id)) return a;
        }
        return null;
    }

    static boolean active(JsonNode report, String id, String severity) {
        JsonNode a = alert(report, id);
        return a != null && !a.get("resolved").asBoolean() && a.get("severity").asText().equals(severity);
    }

    static boolean resolved(JsonNode report, String id) {
        JsonNode a = alert(report, id);
        return a != null && a.get("resolved").asBoolean();
    }

    static String status(JsonNode report, String check) {
        return report.path("checks").path(check).path("status").asText();
    }

    static String message(JsonNode report, String check) {
        return report.path("checks").path(check).path("message").asText();
    }
}
