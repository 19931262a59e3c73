package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /health/live turns 503 when the host's threads deadlock, whatever its dependencies say. */
class LivenessIT {
    private static final String DEADLOCK = """
            public class DeadlockHost {
                static final Object A = new Object(), B = new Object();
                public static void main(String[] args) throws Exception {
                    System.out.println("deadlock host up");
                    Thread.sleep(3000); // live first, then deadlocked
                    new Thread(() -> { synchronized (A) { pause(); synchronized (B) { } } }, "worker-1").start();
                    new Thread(() -> { synchronized (B) { pause(); synchronized (A) { } } }, "worker-2").start();
                    Thread.sleep(Long.MAX_VALUE);
                }
                static void pause() { try { Thread.sleep(200); } catch (InterruptedException e) { } }
            }
            """;

    @Test
    void deadlockedThreadsMakeTheHostNotLive() throws Exception {
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.fromSource("deadlock", "port=" + agentPort + ",host=127.0.0.1,check.interval=1s",
                false, "DeadlockHost", DEADLOCK, java.util.List.of())) {
            host.awaitOutput("deadlock host up", Duration.ofSeconds(30));
            host.awaitHttp(agent + "/health/live", Duration.ofSeconds(30));
            assertEquals(200, Http.get(agent + "/health/live").status());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Http.Reply live = Http.get(agent + "/health/live");
            while (live.status() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                live = Http.get(agent + "/health/live");
            }
            assertEquals(503, live.status(), live.body());
            JsonNode body = live.json();
            assertEquals("fail", body.get("status").asText());
            assertEquals(2, body.get("deadlocked_threads").asInt());
            assertEquals(true, body.get("monitor_running").asBoolean());
        }
    }
}
