package io.healthagent.it;

import static io.healthagent.it.Http.count;
import static io.healthagent.it.Http.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** javax.servlet (3.1, on Jetty 9.4) is measured like jakarta: once per request, async to completion. */
class JavaxServletIT {

    @Test
    void javaxServletsAreMeasured() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        Path libs = Paths.get(System.getProperty("javax.host.libs")).toAbsolutePath();
        try (HostProcess host = HostProcess.start("javax-host", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s",
                List.of("-cp", libs + "/*"),
                List.of(System.getProperty("javax.host.source"), String.valueOf(port)))) {
            String app = "http://127.0.0.1:" + port;
            host.awaitOutput("javax-host listening", Duration.ofSeconds(60));
            host.awaitHttp("http://127.0.0.1:" + agentPort + "/health", Duration.ofSeconds(30));
            Http.awaitSettledAgent("http://127.0.0.1:" + agentPort);

            List<Integer> slow = Http.load(app + "/slow?ms=100", 40, 4);
            List<Integer> async = Http.load(app + "/async?ms=100", 10, 2);
            List<Integer> forward = Http.load(app + "/forward?ms=10", 5, 1);
            List<Integer> fail = Http.load(app + "/fail", 6, 1);
            List<Integer> crash = Http.load(app + "/crash", 3, 1);
            List<Integer> async2 = Http.load(app + "/async2?ms=50", 4, 2);
            String token = "tok3n-" + System.nanoTime();
            for (String path : List.of("/users/17", "/users/18", "/reset-password/" + token, "/files/a/b.wav",
                    "/hls/radio-1.m3u8", "/hls/radio-2.m3u8")) {
                assertEquals(200, Http.get(app + path).status(), path);
            }
            assertTrue(slow.stream().allMatch(s -> s == 200) && async.stream().allMatch(s -> s == 200)
                    && forward.stream().allMatch(s -> s == 200), "host answers");
            assertTrue(fail.stream().allMatch(s -> s == 500) && crash.stream().allMatch(s -> s == 500));

            Map<String, Double> m = Http.awaitMetrics("http://127.0.0.1:" + agentPort,
                    metrics -> count(metrics, "/slow") == 40 && count(metrics, "/async") == 10
                            && count(metrics, "/forward") == 5 && count(metrics, "/crash") == 3
                            && count(metrics, "/async2") == 4 && count(metrics, "/") == 3
                            // a request is recorded as its handler returns, which can be just after the client
                            // has its answer: wait for every one of them
                            && count(metrics, "/files/*") == 1 && count(metrics, "*.m3u8") == 2,
                    Duration.ofSeconds(30));
            assertEquals(6, count(m, "/fail"));
            assertEquals(6, value(m, "http_server_errors_total{route=\"/fail\"}"));
            assertEquals(3, value(m, "http_server_errors_total{route=\"/crash\"}"));
            Http.assertNear(100, 1000 * Http.quantile("http://127.0.0.1:" + agentPort, "/slow", "0.5"), "p50");
            Http.assertNear(100, 1000 * Http.quantile("http://127.0.0.1:" + agentPort, "/async", "0.5"), "async p50");
            assertTrue(async2.stream().allMatch(s -> s == 200), "two async cycles answer: " + async2);
            Http.assertNear(100, 1000 * Http.quantile("http://127.0.0.1:" + agentPort, "/async2", "0.5"),
                    "two-cycle async p50");
            // Routes are the registered patterns, never paths: no id or token becomes a label.
            assertEquals(1, count(m, "/files/*"));
            assertEquals(2, count(m, "*.m3u8"));
            for (String key : m.keySet()) {
                if (key.startsWith("health_agent_info{")) continue; // its jdk label is the JDK's version
                assertTrue(!key.contains("17") && !key.contains(token) && !key.contains("radio-1"), "a raw path in " + key);
            }

            // javax.websocket (JSR 356) on Jetty 9.4: annotated and programmatic endpoints, by path template.
            String ws = "ws://127.0.0.1:" + port;
            try (WsClient room1 = WsClient.open(ws + "/ws/chat/room-1");
                 WsClient room2 = WsClient.open(ws + "/ws/chat/room-2");
                 WsClient echo = WsClient.open(ws + "/ws/echo")) {
                room1.send("hello");
                assertEquals("hello", room1.next());
                echo.send("abc");
                assertEquals("abc", echo.next());
                Map<String, Double> open = Http.awaitMetrics("http://127.0.0.1:" + agentPort,
                        x -> Http.ws(x, "websocket_connections_active", "/ws/chat/{room}") == 2
                                && Http.ws(x, "websocket_connections_active", "/ws/echo") == 1
                                && Http.ws(x, "websocket_messages_total", "/ws/echo", "direction=\"out\"") == 1,
                        Duration.ofSeconds(30));
                assertEquals(1, Http.ws(open, "websocket_messages_total", "/ws/chat/{room}", "direction=\"in\""));
                assertEquals(5, Http.ws(open, "websocket_bytes_total", "/ws/chat/{room}", "direction=\"out\""));
                room2.send("bye");
                assertEquals(1001, room2.serverClose());
                assertEquals(1000, echo.closeNormally());
                WsClient.killWhenOpen(WsClient.inAnotherProcess(ws + "/ws/chat/abrupt", HostProcess.WORK.resolve("ws-client-javax")));
                org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> WsClient.open(ws + "/ws/echo", "Origin", "http://refused.example"));
                Map<String, Double> w = Http.awaitMetrics("http://127.0.0.1:" + agentPort,
                        x -> Http.ws(x, "websocket_connections_closed_total", "/ws/chat/{room}", "code=\"1006\"") == 1
                                && Http.ws(x, "websocket_upgrades_refused_total", "/ws/echo") == 1,
                        Duration.ofSeconds(30));
                assertEquals(3, Http.ws(w, "websocket_connections_opened_total", "/ws/chat/{room}"));
                assertEquals(1, Http.ws(w, "websocket_connections_active", "/ws/chat/{room}"));
                assertEquals(1, Http.ws(w, "websocket_connections_closed_total", "/ws/chat/{room}", "code=\"1001\""));
                assertEquals(1, Http.ws(w, "websocket_connections_closed_total", "/ws/echo", "code=\"1000\""));
                assertEquals(0, Http.ws(w, "websocket_connections_active", "/ws/echo"));
            }
        }
    }
}
