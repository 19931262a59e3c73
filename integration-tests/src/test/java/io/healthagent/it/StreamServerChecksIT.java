package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo stream server configured with its own database, audio and cache directories shows every check. */
class StreamServerChecksIT {
    private static final List<String> ALL = List.of("cpu", "memory", "disk_space", "network", "database",
            "audio_directory", "cache", "websocket", "redis", "jaeger", "catalog_api");

    @Test
    void everyCheckAppearsWithACompleteRecord() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        int redisPort = HostProcess.freePort();
        HttpServer jaeger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0); // stands in for Jaeger's admin port
        jaeger.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        jaeger.start();
        Path data = HostProcess.WORK.resolve("every-check-data").toAbsolutePath();
        try (RedisServer redis = new RedisServer(redisPort, null).start();
             HostProcess host = HostProcess.streamServer("every-check", HostProcess.currentJavaHome(),
                     "port=" + agentPort + ",host=127.0.0.1,check.interval=1s"
                             + ",db.url=jdbc:sqlite:" + data.resolve("catalog.db")
                             + ",audio.dir=" + data.resolve("audio") + ",cache.dir=" + data.resolve("cache")
                             + ",redis.url=redis://127.0.0.1:" + redisPort
                             + ",jaeger.endpoint=http://127.0.0.1:" + jaeger.getAddress().getPort() + "/"
                             + ",websocket.max_connections=1000"
                             + ",check.catalog_api.url=http://127.0.0.1:" + port + "/api/tracks", port)) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.get("http://127.0.0.1:" + port + "/api/tracks"); // fills the cache
            String agent = "http://127.0.0.1:" + agentPort;
            JsonNode report = Reports.awaitReport(agent, r -> {
                for (String name : List.of("database", "audio_directory", "cache", "redis", "jaeger", "catalog_api")) {
                    if (!r.path("checks").path(name).path("status").asText().equals("pass")) return false;
                }
                return true;
            }, Duration.ofSeconds(30));
            assertEquals(ALL, iterate(report.get("checks")), "every check, system checks first");
            for (String name : ALL) {
                DependencyChecksIT.assertComplete(report.get("checks").get(name));
            }
            JsonNode checks = report.get("checks");
            assertTrue(checks.get("audio_directory").get("message").asText().startsWith("6 audio files in"));
            assertTrue(checks.get("database").get("message").asText().contains("1 tables"));
            assertTrue(checks.get("cache").get("message").asText().matches("cache .* holds [\\d.]+ MB of 1024.0 MB allowed.*"));
            System.out.println("every-check /health/detailed: " + report.toPrettyString());
        } finally {
            jaeger.stop(0);
        }
    }

    private static List<String> iterate(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
