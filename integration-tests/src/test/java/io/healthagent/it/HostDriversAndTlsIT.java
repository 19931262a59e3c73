package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static io.healthagent.it.DependencyChecksIT.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database check with the host's own JDBC drivers, and the redis check over TLS (rediss://). */
class HostDriversAndTlsIT {

    @Test
    void jdbcUrlsUseTheDriversTheHostShips() throws Exception {
        Path libs = Paths.get(System.getProperty("jdbc.host.libs")).toAbsolutePath();
        int agentPort = HostProcess.freePort();
        int closed = HostProcess.freePort(); // nothing listens there
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.idle("jdbc-drivers", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                + ",db.url=jdbc:h2:mem:catalog"
                + ",check.billing_db.url=jdbc:postgresql://127.0.0.1:" + closed + "/billing?password=hunter22"
                + ",check.legacy_db.url=jdbc:nosuchdb://somewhere", false, List.of("-cp", libs + "/*"))) {
            JsonNode r = awaitReport(agent, check("database", "pass").and(check("billing_db", "fail"))
                    .and(check("legacy_db", "fail")), Duration.ofSeconds(30));
            JsonNode checks = r.get("checks");
            assertTrue(checks.get("database").get("message").asText().startsWith("Database connection healthy (H2 2.3.232"),
                    checks.get("database").toString());
            String pg = checks.get("billing_db").get("message").asText();
            assertTrue(pg.startsWith("cannot connect to jdbc:postgresql://127.0.0.1:" + closed + "/billing?password=***: "), pg);
            assertTrue(checks.get("legacy_db").get("message").asText()
                    .startsWith("no JDBC driver on the host's class path accepts jdbc:nosuchdb://somewhere"));
            assertFalse((host.output() + r).contains("hunter22"), "the password leaked");
        }
    }

    @Test
    void redisOverTls() throws Exception {
        Path dir = Files.createTempDirectory("health-agent-tls-");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        run(dir, HostProcess.currentJavaHome().resolve("bin/keytool").toString(), "-importcert", "-noprompt",
                "-alias", "redis", "-file", "cert.pem", "-keystore", "trust.p12", "-storetype", "PKCS12",
                "-storepass", "changeit");
        int tlsPort = HostProcess.freePort();
        int plainPort = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        List<String> tls = List.of("--tls-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-key-file", dir.resolve("key.pem").toString(), "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
                "--tls-auth-clients", "no", "--bind", "127.0.0.1", "127.0.0.2");
        try (RedisServer secure = new RedisServer(tlsPort, "tls-secret", tls).start();
             RedisServer plain = new RedisServer(plainPort, null).start();
             HostProcess host = HostProcess.idle("redis-tls", "host=127.0.0.1,check.interval=1s,port=" + agentPort
                     + ",redis.url=rediss://:tls-secret@127.0.0.1:" + tlsPort
                     + ",check.wrong_scheme.url=rediss://127.0.0.1:" + plainPort + ",check.wrong_scheme.timeout=1s"
                     + ",check.wrong_name.url=rediss://:tls-secret@127.0.0.2:" + tlsPort, false,
                     List.of("-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12"),
                             "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12"))) {
            JsonNode r = awaitReport(agent, check("redis", "pass").and(check("wrong_scheme", "fail"))
                    .and(check("wrong_name", "fail")), Duration.ofSeconds(30));
            // 127.0.0.2 reaches the same server, but its certificate does not name that address.
            assertTrue(r.get("checks").get("wrong_name").get("message").asText().startsWith("TLS with Redis at 127.0.0.2"),
                    r.get("checks").get("wrong_name").toString());
            assertTrue(r.get("checks").get("redis").get("message").asText().matches("Redis 7[^ ]* at 127.0.0.1:\\d+: PONG.*"),
                    r.get("checks").get("redis").toString());
            assertFalse((host.output() + r).contains("tls-secret"));
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
    }
}
