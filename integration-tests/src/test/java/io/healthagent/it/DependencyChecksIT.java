package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The service and dependency checks against real dependencies: redis-server, SQLite files, HTTP servers, directories. */
class DependencyChecksIT {
    /**
     * These tests are about dependencies: the CPU of this shared machine (other test hosts starting) must
     * not turn the status unhealthy under them, so its check never fails here (it still warns above 70%).
     */
    private static final String FAST = "host=127.0.0.1,check.interval=1s,threshold.cpu.critical=100,"
            + "threshold.cpu.emergency=100";

    static Predicate<JsonNode> check(String name, String status) {
        return r -> r.path("checks").path(name).path("status").asText().equals(status);
    }

    static void assertComplete(JsonNode check) {
        for (String f : List.of("name", "status", "message", "duration_ms", "last_success", "last_failure",
                "failure_count", "threshold")) {
            assertTrue(check.has(f), f + " missing in " + check);
        }
    }

    @Test
    void redisPassesFailsWithinAnIntervalAndItsTimeoutAndRecovers() throws Exception {
        int redisPort = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String password = "s3cret pass:word";
        String agent = "http://127.0.0.1:" + agentPort;
        RedisServer redis = new RedisServer(redisPort, password).start();
        try (HostProcess host = HostProcess.idle("redis-check", FAST + ",port=" + agentPort
                + ",check.redis.timeout=1s,redis.url=redis://:s3cret%20pass%3Aword@127.0.0.1:" + redisPort + "/1", false)) {
            JsonNode up = awaitReport(agent, check("redis", "pass"), Duration.ofSeconds(30)).get("checks").get("redis");
            assertComplete(up);
            assertTrue(up.get("message").asText().matches("Redis 7[^ ]* at 127.0.0.1:\\d+: PONG in [\\d.]+ ms, .* used, db 1"),
                    up.toString());
            assertEquals(0, up.get("failure_count").asInt());

            redis.stop();
            long stoppedAt = System.nanoTime();
            JsonNode down = awaitReport(agent, check("redis", "fail"), Duration.ofSeconds(10));
            double seconds = (System.nanoTime() - stoppedAt) / 1e9;
            assertTrue(seconds <= 1 + 1 + 0.5, "failed after " + seconds + " s; interval 1 s + timeout 1 s");
            assertEquals("unhealthy", down.get("status").asText(), "a failing optional dependency: unhealthy");
            assertTrue(down.get("checks").get("redis").get("message").asText().contains("refused the connection"));
            assertTrue(down.get("checks").get("redis").get("last_failure").isNumber());

            JsonNode alerted = awaitReport(agent, r -> r.get("checks").get("redis").get("failure_count").asInt() >= 3,
                    Duration.ofSeconds(10));
            JsonNode alert = alerted.get("alerts").get(0);
            assertEquals("redis", alert.get("component").asText());
            assertEquals("Critical", alert.get("severity").asText());
            assertFalse(alert.get("resolved").asBoolean());
            assertEquals(3, alerted.get("checks").get("redis").get("threshold").get("max_consecutive_failures").asInt());
            assertTrue(Http.value(Http.prometheus(Http.get(agent + "/metrics").body()),
                    "health_check_failures_total{check=\"redis\"}") >= 3, "failed runs are counted for Prometheus");

            redis = new RedisServer(redisPort, password).start();
            JsonNode back = awaitReport(agent, check("redis", "pass"), Duration.ofSeconds(10));
            assertEquals(0, back.get("checks").get("redis").get("failure_count").asInt());
            // Resolved once it has passed for alert.for (three 1 s intervals), and still listed as resolved.
            JsonNode resolved = awaitReport(agent, r -> {
                for (JsonNode a : r.get("alerts")) {
                    if (a.get("id").asText().equals("redis:consecutive_failures")) return a.get("resolved").asBoolean();
                }
                return false;
            }, Duration.ofSeconds(10));
            assertTrue(resolved.toString().contains("redis passes again"), resolved.toString());

            String everything = host.output() + Http.get(agent + "/health/detailed").body()
                    + Http.get(agent + "/metrics").body();
            assertFalse(everything.contains("s3cret"), "the password leaked:\n" + everything);
            assertTrue(host.output().contains("alert redis:consecutive_failures resolved (was Critical)"), host.output());
        } finally {
            redis.stop();
        }
    }

    @Test
    void redisWithoutPasswordAndWithAWrongOne() throws Exception {
        int open = HostProcess.freePort();
        int locked = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (RedisServer a = new RedisServer(open, null).start();
             RedisServer b = new RedisServer(locked, "right-password").start();
             HostProcess host = HostProcess.idle("redis-auth", FAST + ",port=" + agentPort
                     + ",redis.url=redis://127.0.0.1:" + open
                     + ",check.cache_redis.url=redis://:wrong-password@127.0.0.1:" + locked, false)) {
            JsonNode r = awaitReport(agent, check("redis", "pass").and(check("cache_redis", "fail")), Duration.ofSeconds(30));
            String message = r.get("checks").get("cache_redis").get("message").asText();
            assertTrue(message.contains("refused AUTH"), message);
            assertFalse((host.output() + r).contains("wrong-password"));
        }
    }

    @Test
    void sqliteDatabaseHealthyLockedNotADatabaseAndRemoved() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-db-");
        Path db = dir.resolve("catalog.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tracks (id INTEGER PRIMARY KEY, title TEXT)");
        }
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.idle("database-check", FAST + ",port=" + agentPort
                + ",check.database.timeout=500ms,db.url=jdbc:sqlite:" + db, false)) {
            JsonNode ok = awaitReport(agent, check("database", "pass"), Duration.ofSeconds(30));
            assertComplete(ok.get("checks").get("database"));
            assertTrue(ok.get("checks").get("database").get("message").asText()
                    .matches("Database connection healthy \\(SQLite [\\d.]+, 1 tables, \\d+ KB\\)"), ok.toString());
            assertEquals(200, Http.get(agent + "/health/ready").status());

            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = writer.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                JsonNode locked = awaitReport(agent, check("database", "fail"), Duration.ofSeconds(10));
                assertTrue(locked.get("checks").get("database").get("message").asText().contains("is locked"), locked.toString());
                assertEquals("critical", locked.get("status").asText(), "database is a required check");
                assertEquals(503, Http.get(agent + "/health/ready").status());
                assertEquals(503, Http.get(agent + "/health").status());
                s.execute("ROLLBACK");
            }
            awaitReport(agent, check("database", "pass"), Duration.ofSeconds(10));

            Files.write(db, "this is not a database at all, just some text to fill a page".repeat(100).getBytes());
            JsonNode garbage = awaitReport(agent, check("database", "fail"), Duration.ofSeconds(10));
            assertTrue(garbage.get("checks").get("database").get("message").asText().contains("is not a SQLite database"),
                    garbage.toString());

            Files.delete(db);
            JsonNode gone = awaitReport(agent, r -> r.get("checks").get("database").get("message").asText()
                    .contains("does not exist"), Duration.ofSeconds(10));
            assertEquals("fail", gone.get("checks").get("database").get("status").asText());
            assertFalse(Files.exists(db), "the check must never create the database");
        }
    }

    @Test
    void httpProbesPassFailAndHangWithoutSlowingTheEndpointsOrPilingUpThreads() throws Exception {
        AtomicInteger mode = new AtomicInteger(200);
        HttpServer jaeger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jaeger.createContext("/", ex -> {
            if (mode.get() == 0) { // accepts, reads the request, never answers
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // test over
                }
            }
            ex.sendResponseHeaders(mode.get(), -1);
            ex.close();
        });
        jaeger.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        jaeger.start();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accepted, never read, never answered
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int agentPort = HostProcess.freePort();
            String agent = "http://127.0.0.1:" + agentPort;
            String base = "http://127.0.0.1:" + jaeger.getAddress().getPort();
            try (HostProcess host = HostProcess.idle("http-checks", FAST + ",port=" + agentPort
                    + ",jaeger.endpoint=" + base + "/,check.jaeger.timeout=1s"
                    + ",check.api.url=" + base + "/api?token=abc123,check.api.expected_status=204"
                    + ",check.hung.url=http://127.0.0.1:" + blackHole.getLocalPort() + "/health,check.hung.timeout=1s"
                    + ",check.port.url=tcp://127.0.0.1:" + blackHole.getLocalPort(), false)) {
                JsonNode r = awaitReport(agent, check("jaeger", "pass").and(check("port", "pass"))
                        .and(check("hung", "fail")), Duration.ofSeconds(30));
                assertEquals("HTTP 200 from " + base + "/", r.get("checks").get("jaeger").get("message").asText());
                String api = r.get("checks").get("api").get("message").asText();
                assertEquals("fail", r.get("checks").get("api").get("status").asText(), api);
                assertTrue(api.contains("HTTP 200") && api.contains("expected 204") && api.contains("token=***"), api);
                String hung = r.get("checks").get("hung").get("message").asText();
                assertTrue(hung.contains("did not answer within 1000 ms") || hung.contains("timed out"), hung);

                mode.set(204);
                awaitReport(agent, check("api", "pass"), Duration.ofSeconds(10));
                mode.set(500);
                JsonNode five = awaitReport(agent, check("jaeger", "fail"), Duration.ofSeconds(10));
                assertTrue(five.get("checks").get("jaeger").get("message").asText().contains("HTTP 500"), five.toString());

                mode.set(0); // jaeger now hangs too; so does "hung", for the whole test
                long hangStart = System.nanoTime();
                long slowest = 0;
                while (System.nanoTime() - hangStart < 6_000_000_000L) {
                    long t0 = System.nanoTime();
                    assertTrue(Http.get(agent + "/health").status() > 0);
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    Thread.sleep(100);
                }
                assertTrue(slowest < 500_000_000L, "/health took " + slowest / 1e6 + " ms while checks hang");
                JsonNode hanging = Http.get(agent + "/health/detailed").json();
                assertEquals("fail", hanging.get("checks").get("jaeger").get("status").asText());

                int checkThreads = threadsNamed(host.pid(), "health-agent-check-");
                // 5 dependency checks and the 4 system checks (cpu, memory, disk_space, network) share the pool.
                assertTrue(checkThreads <= 9, checkThreads + " check threads for 9 checks after 6 s of hanging");
                assertFalse(host.output().contains("abc123"), "the token leaked");
            }
        } finally {
            jaeger.stop(0);
            for (Socket s : held) s.close();
        }
    }

    /** Counts the host's threads whose name starts with {@code prefix}, from a real thread dump. */
    static int threadsNamed(long pid, String prefix) throws Exception {
        Process p = new ProcessBuilder(HostProcess.currentJavaHome().resolve("bin/jcmd").toString(),
                String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        assertTrue(dump.contains("Full thread dump"), dump);
        return (int) dump.lines().filter(l -> l.startsWith("\"" + prefix)).count();
    }

    @Test
    void directoriesCreatedFilledAndMadeUnreadableOrUnwritable() throws Exception {
        Path root = Files.createTempDirectory("health-agent-dirs-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path audio = Files.createDirectories(root.resolve("audio"));
        Path cache = Files.createDirectories(root.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        // As user nobody, so that permissions count.
        try (HostProcess host = HostProcess.idle("directories", FAST + ",port=" + agentPort + ",audio.dir=" + audio
                + ",cache.dir=" + cache + ",cache.max_size=1m", true)) {
            JsonNode empty = awaitReport(agent, check("audio_directory", "warn"), Duration.ofSeconds(30));
            assertTrue(empty.get("checks").get("audio_directory").get("message").asText().startsWith("0 audio files in"));
            assertEquals("pass", empty.get("checks").get("cache").get("status").asText(), empty.toString());

            for (String f : List.of("a.wav", "b.mp3", "c.ogg", "notes.txt")) Files.write(audio.resolve(f), new byte[16]);
            Files.createDirectories(audio.resolve("album"));
            Files.write(audio.resolve("album/d.flac"), new byte[16]);
            JsonNode filled = awaitReport(agent, check("audio_directory", "pass"), Duration.ofSeconds(10));
            assertTrue(filled.get("checks").get("audio_directory").get("message").asText()
                    .matches("4 audio files in .*audio, \\d+ MB free"), filled.toString());

            Files.write(cache.resolve("segment.bin"), new byte[950 * 1024]);
            JsonNode full = awaitReport(agent, check("cache", "warn"), Duration.ofSeconds(10));
            assertTrue(full.get("checks").get("cache").get("message").asText().contains("nearly full"), full.toString());
            Files.delete(cache.resolve("segment.bin"));

            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));
            JsonNode readOnly = awaitReport(agent, check("cache", "fail"), Duration.ofSeconds(10));
            assertTrue(readOnly.get("checks").get("cache").get("message").asText().contains("is not writable"),
                    readOnly.toString());

            Files.setPosixFilePermissions(audio, PosixFilePermissions.fromString("rwx------"));
            JsonNode unreadable = awaitReport(agent, check("audio_directory", "fail"), Duration.ofSeconds(10));
            assertTrue(unreadable.get("checks").get("audio_directory").get("message").asText().contains("is not readable"),
                    unreadable.toString());
            assertEquals("critical", unreadable.get("status").asText(), "audio_directory is required");
            assertEquals(503, Http.get(agent + "/health/ready").status());

            Files.setPosixFilePermissions(audio, PosixFilePermissions.fromString("rwxr-xr-x"));
            awaitReport(agent, check("audio_directory", "pass"), Duration.ofSeconds(10));
            try (var files = Files.walk(audio)) {
                for (Path p : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) Files.delete(p);
            }
            JsonNode missing = awaitReport(agent, check("audio_directory", "fail"), Duration.ofSeconds(10));
            assertTrue(missing.get("checks").get("audio_directory").get("message").asText().contains("does not exist"));
        }
    }
}
