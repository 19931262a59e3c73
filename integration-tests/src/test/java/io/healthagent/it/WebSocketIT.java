package io.healthagent.it;

import static io.healthagent.it.Http.count;
import static io.healthagent.it.Http.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WebSocket connections measured in the server's own WebSocket layer, with real clients: Jetty 12
 * (Jakarta WebSocket annotated and programmatic, and Jetty's own API) in the demo stream server, and the
 * Java-WebSocket library. Counts are exact; a client process killed is an abnormal close (1006). The
 * stream server also proves streaming responses: time to first byte at the commit, total at the end.
 */
class WebSocketIT {
    private static final String NOW_PLAYING = "/ws/now-playing/{channel}";

    @Test
    void jettyWebSocketsAndStreamsOnTheStreamServer() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String app = "ws://127.0.0.1:" + port;
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.streamServer("ws-stream-server", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,websocket.max_connections=6", port,
                // no "now playing" broadcast during the test: the counts stay exact
                List.of("--now-playing-seconds", "3600"))) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);

            List<WsClient> nowPlaying = new ArrayList<>();
            for (String channel : List.of("jazz", "rock", "pop")) {
                WsClient c = WsClient.open(app + "/ws/now-playing/" + channel);
                assertTrue(c.next().contains("\"channel\":\"" + channel + "\""), "now playing on open");
                nowPlaying.add(c);
            }
            WsClient echo1 = WsClient.open(app + "/ws/echo");
            WsClient echo2 = WsClient.open(app + "/ws/echo");
            WsClient jetty = WsClient.open(app + "/ws/jetty/echo");

            Map<String, Double> m = Http.awaitMetrics(agent, x -> Http.ws(x, "websocket_connections_active", NOW_PLAYING) == 3
                    && Http.ws(x, "websocket_connections_active", "/ws/echo") == 2
                    && Http.ws(x, "websocket_connections_active", "/ws/jetty/echo") == 1, Duration.ofSeconds(30));
            assertEquals(3, Http.ws(m, "websocket_connections_opened_total", NOW_PLAYING));
            assertEquals(3, Http.ws(m, "websocket_messages_total", NOW_PLAYING, "direction=\"out\""),
                    "what the endpoint sent from its open callback counts");

            // 6 open of websocket.max_connections=6: the websocket check warns (from 90%).
            JsonNode check = awaitCheck(agent, "warn");
            assertTrue(check.get("message").asText().startsWith("6 WebSocket connections open of 6"), check.toString());
            awaitHistoryAtLeast(agent, 6);

            for (int i = 0; i < 5; i++) {
                echo1.send("hello-" + i);
                assertEquals("hello-" + i, echo1.next());
            }
            echo1.sendBinary(100);
            assertEquals("binary:100", echo1.next());
            jetty.send("abc");
            assertEquals("abc", jetty.next());
            nowPlaying.get(2).send("ping");
            assertEquals("pong", nowPlaying.get(2).next());

            // Closes: normal (client), going away (the server's), server error (the endpoint threw), abnormal.
            assertEquals(1000, echo2.closeNormally());
            nowPlaying.get(0).send("bye");
            assertEquals(1001, nowPlaying.get(0).serverClose());
            nowPlaying.get(1).send("boom"); // Jetty closes with 1003 for what a message handler throws
            int boom = nowPlaying.get(1).serverClose();
            assertTrue(boom != 1000 && boom != 1001 && boom != 1006 && boom != 1011, "closed with " + boom);
            try (WsClient broken = WsClient.open(app + "/ws/now-playing/broken")) {
                assertEquals(1011, broken.serverClose(), "an endpoint that throws on open: server error");
            }
            Process killed = WsClient.inAnotherProcess(app + "/ws/now-playing/abrupt", HostProcess.WORK.resolve("ws-client"));
            WsClient.killWhenOpen(killed);
            // Refused: the endpoint's configurator rejects this origin (403).
            assertThrows(Exception.class, () -> WsClient.open(app + "/ws/echo", "Origin", "http://refused.example"));

            // HTTP beside it, and two live streams: in flight while they play.
            String http = "http://127.0.0.1:" + port;
            assertTrue(Http.load(http + "/api/ping", 20, 2).stream().allMatch(s -> s == 200));
            List<CompletableFuture<Integer>> live = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                live.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Http.get(http + "/api/live?seconds=3").status();
                    } catch (Exception e) {
                        return -1;
                    }
                }));
            }
            Http.awaitMetrics(agent, x -> x.getOrDefault("http_server_active_requests{route=\"/api/live\"}", 0.0) == 2,
                    Duration.ofSeconds(10));
            for (CompletableFuture<Integer> f : live) assertEquals(200, f.get(30, TimeUnit.SECONDS));

            m = Http.awaitMetrics(agent, x -> count(x, "/api/live") == 2 && count(x, "/api/ping") == 20
                    && Http.ws(x, "websocket_connections_closed_total", NOW_PLAYING, "code=\"1006\"") == 1
                    && Http.ws(x, "websocket_upgrades_refused_total", "/ws/echo") == 1, Duration.ofSeconds(30));
            assertEquals(0, value(m, "http_server_active_requests{route=\"/api/live\"}"));
            double firstByte = 1000 * Http.quantile(agent, "/api/live", "0.5");
            assertTrue(firstByte < 50, "a live stream's time to first byte is its commit: " + firstByte + " ms");
            double total = 1000 * Http.totalQuantile(agent, "/api/live", "0.5");
            assertTrue(total >= 3000 && total < 3000 * 1.03, "a 3 s stream's total: " + total + " ms");

            // Exact counts per endpoint.
            assertEquals(1, Http.ws(m, "websocket_connections_active", "/ws/echo"));
            assertEquals(2, Http.ws(m, "websocket_connections_opened_total", "/ws/echo"));
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", "/ws/echo", "code=\"1000\""));
            assertEquals(6, Http.ws(m, "websocket_messages_total", "/ws/echo", "direction=\"in\""));
            assertEquals(6, Http.ws(m, "websocket_messages_total", "/ws/echo", "direction=\"out\""));
            assertEquals(5 * 7 + 100, Http.ws(m, "websocket_bytes_total", "/ws/echo", "direction=\"in\""));
            assertEquals(5 * 7 + 100, Http.ws(m, "websocket_bytes_total", "/ws/echo", "direction=\"out\""));
            assertEquals(1, Http.ws(m, "websocket_messages_total", "/ws/jetty/echo", "direction=\"in\""));
            assertEquals(3, Http.ws(m, "websocket_bytes_total", "/ws/jetty/echo", "direction=\"out\""));
            assertEquals(5, Http.ws(m, "websocket_connections_opened_total", NOW_PLAYING));
            assertEquals(1, Http.ws(m, "websocket_connections_active", NOW_PLAYING));
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", NOW_PLAYING, "code=\"1001\""));
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", NOW_PLAYING, "code=\"1011\""));
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", NOW_PLAYING, "code=\"1006\""));
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", NOW_PLAYING, "code=\"other\""));
            assertEquals(0, Http.ws(m, "websocket_connections_closed_total", NOW_PLAYING, "code=\"1000\""));
            assertTrue(Http.ws(m, "websocket_errors_total", NOW_PLAYING) >= 2, "the endpoints that threw are errors");
            assertEquals(3, Http.ws(m, "websocket_messages_total", NOW_PLAYING, "direction=\"in\""), "ping, bye, boom");
            assertEquals(4, Http.ws(m, "websocket_session_duration_seconds_count", NOW_PLAYING));
            assertEquals(4, Http.ws(m, "websocket_session_duration_seconds_bucket", NOW_PLAYING, "le=\"+Inf\""));
            assertTrue(Http.ws(m, "websocket_session_duration_seconds_sum", NOW_PLAYING) > 1, "sessions lasted seconds");
            // The upgrades are HTTP requests that ended with 101 at once, never as long as their sessions.
            assertEquals(3 + 1 + 2 + 1 + 1 + 1, count(m, "/"), "one request per upgrade");
            assertEquals(0, value(m, "http_server_errors_total{route=\"/\"}"));
            double upgradeTotal = Http.totalQuantile(agent, "/", "0.99");
            assertTrue(upgradeTotal < 0.5, "an upgrade request lasts until its 101, not its session: " + upgradeTotal);

            JsonNode detailed = Http.get(agent + "/health/detailed").json();
            JsonNode w = detailed.get("websocket");
            assertEquals(3, w.get("connections_active").asLong(), w.toString());
            assertEquals(1, w.get("closed_total").get("1006").asLong());
            assertEquals(1, w.get("upgrades_refused_total").asLong());
            assertEquals(3, w.get("endpoints").size());
            assertTrue(detailed.get("performance").get("network_connections").asInt() >= 3,
                    "network_connections stays the system's TCP count");
            JsonNode liveRoute = null;
            for (JsonNode r : detailed.get("routes")) if (r.get("route").asText().equals("/api/live")) liveRoute = r;
            assertTrue(liveRoute != null && liveRoute.get("total").get("p50_ms").asDouble() >= 3000
                    && liveRoute.get("time_to_first_byte").get("p50_ms").asDouble() < 50, String.valueOf(liveRoute));
            assertEquals(0, detailed.get("agent").get("errors").asLong(), detailed.get("agent").toString());
            for (WsClient c : List.of(nowPlaying.get(2), echo1, jetty)) c.close();
        }
    }

    @Test
    void javaWebSocketServerOnJdk25() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String app = "ws://127.0.0.1:" + port;
        String agent = "http://127.0.0.1:" + agentPort;
        Path libs = Paths.get(System.getProperty("java-websocket.host.libs")).toAbsolutePath();
        try (HostProcess host = HostProcess.start("java-websocket-host", Jdks.jdk25(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,websocket.max_connections=100",
                List.of("-cp", libs + "/*"),
                List.of(System.getProperty("java-websocket.host.source"), String.valueOf(port)))) {
            host.awaitOutput("java-websocket-host listening", Duration.ofSeconds(60));
            host.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            Http.awaitSettledAgent(agent);

            WsClient a = WsClient.open(app + "/chat");
            WsClient b = WsClient.open(app + "/chat");
            WsClient feed = WsClient.open(app + "/feed?user=17");
            for (WsClient c : List.of(a, b, feed)) assertEquals("welcome", c.next());
            Map<String, Double> m = Http.awaitMetrics(agent, x -> Http.ws(x, "websocket_connections_active", "/chat") == 2
                    && Http.ws(x, "websocket_connections_active", "/feed") == 1, Duration.ofSeconds(30));
            assertEquals(2, Http.ws(m, "websocket_messages_total", "/chat", "direction=\"out\""), "the welcomes");

            a.send("hi");
            assertEquals("hi", a.next());
            a.sendBinary(50);
            assertEquals("binary:50", a.next());
            a.send("big");
            assertEquals("binary:10000", a.next());
            feed.send("boom"); // the library reports it to onError; the connection stays open
            b.send("bye");
            assertEquals(1001, b.serverClose());
            assertEquals(1000, a.closeNormally());
            WsClient.killWhenOpen(WsClient.inAnotherProcess(app + "/chat", HostProcess.WORK.resolve("ws-client-25")));
            assertThrows(Exception.class, () -> WsClient.open(app + "/private"));

            m = Http.awaitMetrics(agent, x -> Http.ws(x, "websocket_connections_closed_total", "/chat", "code=\"1006\"") == 1
                    && Http.ws(x, "websocket_upgrades_refused_total", "/private") == 1
                    && Http.ws(x, "websocket_errors_total", "/feed") == 1, Duration.ofSeconds(30));
            assertEquals(3, Http.ws(m, "websocket_connections_opened_total", "/chat"));
            assertEquals(0, Http.ws(m, "websocket_connections_active", "/chat"));
            assertEquals(1, Http.ws(m, "websocket_connections_active", "/feed"), "query strings are not endpoints");
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", "/chat", "code=\"1000\""));
            assertEquals(1, Http.ws(m, "websocket_connections_closed_total", "/chat", "code=\"1001\""));
            assertEquals(4, Http.ws(m, "websocket_messages_total", "/chat", "direction=\"in\""), "hi, 50 bytes, big, bye");
            assertEquals(2 + 50 + 3 + 3, Http.ws(m, "websocket_bytes_total", "/chat", "direction=\"in\""), "payload bytes in");
            assertEquals(3 + 3, Http.ws(m, "websocket_messages_total", "/chat", "direction=\"out\""), "3 welcomes, 3 answers");
            assertEquals(3 * 7 + 2 + 50 + 10_000, Http.ws(m, "websocket_bytes_total", "/chat", "direction=\"out\""));
            assertEquals(1, Http.ws(m, "websocket_messages_total", "/feed", "direction=\"in\""));
            JsonNode detailed = Http.get(agent + "/health/detailed").json();
            assertEquals(0, detailed.get("agent").get("errors").asLong(), detailed.get("agent").toString());
            feed.close();
        }
    }

    static JsonNode awaitCheck(String agent, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode check = null;
        while (System.nanoTime() < deadline) {
            check = Http.get(agent + "/health/detailed").json().get("checks").get("websocket");
            if (check != null && check.get("status").asText().equals(status)) return check;
            Thread.sleep(200);
        }
        throw new AssertionError("the websocket check did not become " + status + ": " + check);
    }

    /** The stored history of open WebSocket connections reaches {@code n} (a snapshot written with n open). */
    static void awaitHistoryAtLeast(String agent, double n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            Http.Reply r = Http.get(agent + "/health/history?metric=websocket&since=0&step=1");
            last = r.body();
            if (r.status() == 200) {
                for (JsonNode p : r.json().get("points")) {
                    if (p.get(1).asDouble() >= n) return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no stored websocket sample reached " + n + ": " + last);
    }
}
